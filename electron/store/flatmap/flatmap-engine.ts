import type { CurvatureImage, PixelMap, PixelMapOptions, VertexMap } from '../../../shared/api.js';
import { ApiError } from '../../../shared/api-errors.js';
import { describeLimit, LIMITS, withinLimit } from '../../../shared/api-limits.js';
import { shadeCurvature } from '../../../shared/flatmap/curvature-shading.js';
import type { FlatDelaunay } from '../../../shared/flatmap/flat-delaunay.js';
import { buildFlatMask, type FlatMask } from '../../../shared/flatmap/flat-mask.js';
import { imageGrid, type ImageGrid } from '../../../shared/flatmap/image-grid.js';
import { mergedPoints } from '../../../shared/flatmap/merge-surfaces.js';
import type { PixelSampling } from '../../../shared/flatmap/pixel-map.js';
import { buildVertexRaster } from '../../../shared/flatmap/vertex-map.js';
import type { HemiPair, Surface } from '../../../shared/subject.js';
import { checkSubject } from '../../../shared/subject-name.js';
import { loadCurvature } from './curvature.js';
import { boundaryLoopsOf, flatFrameOf } from './flat-shape.js';
import { pixelMapFile, pixelMapKey, readPixelMapCache, writePixelMapCache } from './pixel-cache.js';
import { loadFlatSurfaces, loadSubjectSurfaces } from '../database/subject-surfaces.js';
import {
  buildFlatDelaunayOffThread,
  buildPixelSamplingOffThread,
  warmPixelWorkers,
} from './pixel-workers.js';
import { readTransform } from '../database/transforms.js';

/**
 * The flatmap engine on top of the store: subject surfaces in, pixel maps, vertex maps and the
 * curvature background out. Per flat surface it keeps the Delaunay triangulation, the masks
 * and the vertex maps in memory (the frame and loops are flat-shape's); pixel maps also go to
 * the disk cache.
 */

interface FlatBase {
  flat: HemiPair<Surface>;
  /** computed on a worker when workers are on, while this thread traces loops and masks */
  delaunay?: Promise<FlatDelaunay>;
  rasters: Map<number, { mask: FlatMask; grid: ImageGrid }>;
  vertexMaps: Map<number, Int32Array>;
}

/** Keyed by the parsed flat surface object, which the surface loader reuses while files are unchanged. */
const bases = new WeakMap<HemiPair<Surface>, FlatBase>();

function flatBase(flat: HemiPair<Surface>): FlatBase {
  let base = bases.get(flat);
  if (!base) {
    base = {
      flat,
      rasters: new Map(),
      vertexMaps: new Map(),
    };
    bases.set(flat, base);
  }
  return base;
}

/** Merged points per parsed surface pair, kept so the workers' shared copy is made once. */
const merged = new WeakMap<HemiPair<Surface>, Float32Array>();

function mergedOf(pair: HemiPair<Surface>): Float32Array {
  let points = merged.get(pair);
  if (!points) {
    points = mergedPoints(pair);
    merged.set(pair, points);
  }
  return points;
}

function delaunayOf(base: FlatBase): Promise<FlatDelaunay> {
  return (base.delaunay ??= buildFlatDelaunayOffThread(flatFrameOf(base.flat)));
}

function rasterOf(base: FlatBase, height: number) {
  let r = base.rasters.get(height);
  if (!r) {
    const frame = flatFrameOf(base.flat);
    r = {
      mask: buildFlatMask(frame, height, boundaryLoopsOf(base.flat)),
      grid: imageGrid(frame.extents, height),
    };
    base.rasters.set(height, r);
  }
  return r;
}

export function checkHeight(height: number): void {
  if (!withinLimit(height, LIMITS.height))
    throw new ApiError(
      'BAD_REQUEST',
      `flatmap height must be ${describeLimit(LIMITS.height)}, got ${height}`,
    );
}

function checkOptions(o: PixelMapOptions): void {
  checkHeight(o.height);
  if (!withinLimit(o.thick, LIMITS.thick))
    throw new ApiError('BAD_REQUEST', `thick must be ${describeLimit(LIMITS.thick)}, got ${o.thick}`);
  if (!withinLimit(o.depth, LIMITS.depth))
    throw new ApiError('BAD_REQUEST', `depth must be between 0 (white matter) and 1 (pial), got ${o.depth}`);
}

/** Recently used pixel maps, so switching templates or returning to a transform needs no disk. */
const recent = new Map<string, PixelSampling>();
const RECENT_LIMIT = 3;

function remember(key: string, map: PixelSampling): void {
  recent.delete(key);
  recent.set(key, map);
  while (recent.size > RECENT_LIMIT) recent.delete(recent.keys().next().value!);
}

/** Drop the in-memory pixel maps (tests, and callers that must read the disk cache again). */
export function forgetRecentPixelMaps(): void {
  recent.clear();
}

export interface PixelMapResult {
  map: PixelMap;
  /** where the map came from: memory, the disk cache, or computed now */
  source: 'memory' | 'disk' | 'computed';
}

export async function pixelMapFor(
  dbPath: string,
  subject: string,
  transform: string,
  options: PixelMapOptions,
  cacheDir: string,
): Promise<PixelMapResult> {
  checkSubject(subject);
  checkOptions(options);
  const { height, thick } = options;
  // a single sample's depth matters; with several samples only the mid voxel uses it
  const depth = options.depth;
  // the key needs no parsed surface, so a cached map is found without parsing any
  const xfm = await readTransform(dbPath, subject, transform);
  const key = await pixelMapKey({ dbPath, subject, transform, shape: xfm.shape, height, thick, depth });
  const wrap = (m: PixelSampling, source: PixelMapResult['source']): PixelMapResult => ({
    map: { subject, transform, ...m },
    source,
  });
  const hit = recent.get(key);
  if (hit) {
    remember(key, hit);
    return wrap(hit, 'memory');
  }
  // concurrent requests for one map (the UI asking again while it is computed) share the work
  let pending = inFlight.get(key);
  if (!pending) {
    pending = loadOrCompute(key, pixelMapFile(cacheDir, subject, key), async () => {
      warmPixelWorkers(); // they load while the flat surfaces are parsed
      const base = flatBase(await loadFlatSurfaces(dbPath, subject));
      // with workers on, the triangulation runs on one while this thread parses pia and wm
      const delaunay = delaunayOf(base);
      void delaunay.catch(() => undefined); // awaited below unless the surfaces fail first
      const surfaces = await loadSubjectSurfaces(dbPath, subject);
      // without pia and wm pycortex samples the fiducial surface once (§4.6 step 5)
      const pia = surfaces.pia ?? surfaces.fiducial;
      const wm = surfaces.wm ?? surfaces.fiducial;
      if (!pia || !wm)
        throw new ApiError(
          'NOT_FOUND',
          `subject ${subject}: volume flatmaps need pia and wm surfaces (or a fiducial surface) in surfaces/`,
        );
      const { mask, grid } = rasterOf(base, height);
      return buildPixelSamplingOffThread({
        delaunay: await delaunay,
        mask,
        grid,
        pia: mergedOf(pia),
        wm: mergedOf(wm),
        coord: xfm.coord,
        shape: xfm.shape,
        thick,
        depth,
      });
    });
    inFlight.set(key, pending);
    void pending.finally(() => inFlight.delete(key)).catch(() => undefined);
  }
  const done = await pending;
  return wrap(done.map, done.source);
}

const inFlight = new Map<string, Promise<{ map: PixelSampling; source: 'disk' | 'computed' }>>();

/** Cache files being written, so a read of the same file waits for its write. */
const writing = new Map<string, Promise<void>>();

/** Resolves once every pixel map computed so far is on disk (or failed to be written). */
export async function pixelMapCacheWritten(): Promise<void> {
  await Promise.all(writing.values());
}

async function loadOrCompute(
  key: string,
  file: string,
  compute: () => Promise<PixelSampling>,
): Promise<{ map: PixelSampling; source: 'disk' | 'computed' }> {
  await writing.get(file);
  const cached = await readPixelMapCache(file);
  if (cached) {
    remember(key, cached);
    return { map: cached, source: 'disk' };
  }
  const map = await compute();
  remember(key, map);
  // written after the map is handed over (the caller need not wait ~50 ms for the disk); the
  // cache is an optimisation, so a read-only or full cache folder must not fail the request
  const write = writePixelMapCache(file, map).catch(() => undefined);
  writing.set(file, write);
  void write.then(() => {
    if (writing.get(file) === write) writing.delete(file);
  });
  return { map, source: 'computed' };
}

export async function vertexMapFor(dbPath: string, subject: string, height: number): Promise<VertexMap> {
  checkSubject(subject);
  checkHeight(height);
  const base = flatBase(await loadFlatSurfaces(dbPath, subject));
  let vertex = base.vertexMaps.get(height);
  if (!vertex) {
    const delaunay = delaunayOf(base);
    const { mask, grid } = rasterOf(base, height);
    vertex = buildVertexRaster(await delaunay, mask, grid);
    base.vertexMaps.set(height, vertex);
  }
  const { width } = rasterOf(base, height).grid;
  return { width, height, vertex };
}

export async function curvatureImageFor(
  dbPath: string,
  subject: string,
  height: number,
  cacheDir: string,
): Promise<CurvatureImage> {
  const [vm, curvature] = await Promise.all([
    vertexMapFor(dbPath, subject, height),
    loadCurvature(dbPath, subject, cacheDir),
  ]);
  return { width: vm.width, height: vm.height, value: shadeCurvature(vm.vertex, curvature) };
}
