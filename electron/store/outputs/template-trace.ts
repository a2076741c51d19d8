import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { TracedRoi } from '../../../shared/api.js';
import { ApiError } from '../../../shared/api-errors.js';
import { buildFlatDelaunay } from '../../../shared/flatmap/flat-delaunay.js';
import { svgSizeFor, type FlatFrame } from '../../../shared/flatmap/flat-frame.js';
import { buildFlatMask } from '../../../shared/flatmap/flat-mask.js';
import { imageGrid } from '../../../shared/flatmap/image-grid.js';
import { mergedPoints } from '../../../shared/flatmap/merge-surfaces.js';
import { buildPixelSampling } from '../../../shared/flatmap/pixel-map.js';
import { parseCtab } from '../../../shared/formats/ctab.js';
import { parseOverlay } from '../../../shared/formats/overlay-svg.js';
import { jaccard, labelVertices, midDepthVoxels } from '../../../shared/roi/label-vertices.js';
import { roiVertices, type MembershipContext } from '../../../shared/roi/membership.js';
import { traceLabels, type TracedLabel, type TraceOptions } from '../../../shared/roi/trace.js';
import type { LabelEntry } from '../../../shared/subject.js';
import { parseOrFail } from '../files/file-errors.js';
import { contextAt, loadSubjectFlat, type SubjectFlat } from '../flatmap/flat-geometry.js';
import { loadSubjectSurfaces } from '../database/subject-surfaces.js';
import { pixelMapFor } from '../flatmap/flatmap-engine.js';
import { readTransform, type Transform } from '../database/transforms.js';
import { checkVolumeShape, readVolumeFile } from '../database/volumes.js';
import { subjectOverlayFile } from '../write/write-policy.js';

/**
 * Everything tracing needs about one (subject, transform, raster height), built once and kept:
 * the flat frame, the SVG size of the subject's overlay, pycortex membership, the mid-depth voxel
 * of every raster pixel (the flatmap engine's pixel map with one sample at depth 0.5) and of
 * every vertex.
 */
export interface TraceSubject {
  subject: string;
  transform: Transform;
  frame: FlatFrame;
  svgWidth: number;
  svgHeight: number;
  membership: MembershipContext;
  width: number;
  height: number;
  /** first raster column right of x = 0 (the hemispheres meet there after the nudge) */
  splitColumn: number;
  /** mid-depth voxel per raster pixel, -1 off the brain */
  pixelVoxel: Int32Array;
  /** mid-depth voxel per merged vertex, -1 outside the grid */
  vertexVoxel: Int32Array;
  /** raster pixels per voxel on the flatmap (mean over the voxels sampled): the speckle scale */
  voxelPixels: number;
}

export const TRACE_HEIGHT = 1024;

const cache = new Map<string, { flat: SubjectFlat; promise: Promise<TraceSubject> }>();

/**
 * Cached per (database, subject, transform, height, overlay version) while the surfaces stay the
 * same (the flat-surface memo notices changed files); a failed build is not cached.
 */
export async function loadTraceSubject(
  db: string,
  subject: string,
  xfm: string,
  height = TRACE_HEIGHT,
  cacheDir?: string,
): Promise<TraceSubject> {
  const flat = await loadSubjectFlat(db, subject);
  // the overlay's root size enters membership: a replaced overlays.svg gets a fresh entry
  const overlay = subjectOverlayFile(db, subject);
  const stamp = existsSync(overlay) ? statSync(overlay).mtimeMs : 0;
  const key = JSON.stringify([db, subject, xfm, height, stamp]);
  let entry = cache.get(key);
  if (!entry || entry.flat !== flat) {
    const promise = buildTraceSubject(db, subject, xfm, height, cacheDir);
    promise.catch(() => cache.delete(key));
    cache.set(key, (entry = { flat, promise }));
  }
  return entry.promise;
}

async function buildTraceSubject(
  db: string,
  subject: string,
  xfm: string,
  height: number,
  cacheDir: string | undefined,
): Promise<TraceSubject> {
  const [surfaces, transform] = await Promise.all([
    loadSubjectSurfaces(db, subject),
    readTransform(db, subject, xfm),
  ]);
  const flat = await loadSubjectFlat(db, subject);
  const frame = flat.frame;
  const { width: svgWidth, height: svgHeight } = await overlaySize(db, subject, frame);
  const solid = surfaces.wm ?? surfaces.fiducial ?? surfaces.pia;
  if (!solid)
    throw new ApiError('NOT_FOUND', `${join(db, subject, 'surfaces')}: no wm, pia or fiducial surfaces`);
  const wm = mergedPoints(surfaces.wm ?? surfaces.fiducial ?? solid);
  const pia = mergedPoints(surfaces.pia ?? surfaces.fiducial ?? solid);
  const grid = imageGrid(frame.extents, height);
  // the flatmap engine's pixel map (disk-cached) when there is a cache folder
  const mid = cacheDir
    ? (await pixelMapFor(db, subject, xfm, { height, thick: 1, depth: 0.5 }, cacheDir)).map.mid
    : buildPixelSampling({
        delaunay: buildFlatDelaunay(frame),
        mask: buildFlatMask(frame, height),
        grid,
        pia,
        wm,
        coord: transform.coord,
        shape: transform.shape,
        thick: 1,
        depth: 0.5,
      }).mid;
  let splitColumn = grid.width;
  for (let c = 0; c < grid.width; c++)
    if (grid.xs[c] >= 0) {
      splitColumn = c;
      break;
    }
  return {
    subject,
    transform,
    frame,
    svgWidth,
    svgHeight,
    membership: contextAt(flat, svgWidth, svgHeight),
    width: grid.width,
    height: grid.height,
    splitColumn,
    pixelVoxel: mid,
    vertexVoxel: midDepthVoxels(wm, pia, transform.coord, transform.shape),
    voxelPixels: pixelsPerVoxel(mid),
  };
}

function pixelsPerVoxel(pixelVoxel: Int32Array): number {
  const voxels = new Set<number>();
  let pixels = 0;
  for (const v of pixelVoxel)
    if (v >= 0) {
      pixels++;
      voxels.add(v);
    }
  return voxels.size ? pixels / voxels.size : 1;
}

/**
 * Cleaning scaled to the voxel (side √voxelPixels pixels): slits and holes up to about 1.2 voxels
 * across close, islands under two voxels go. Measured on sub-hcp32k's prf-visualrois, a wider
 * closing cost more agreement (V3 Jaccard 0.91 against 0.97 raw) without removing more speckle.
 */
export function cleanOptions(voxelPixels: number): Pick<TraceOptions, 'closeRadius' | 'minIslandPixels'> {
  return {
    closeRadius: Math.max(1, Math.round(0.6 * Math.sqrt(voxelPixels))),
    minIslandPixels: 2 * voxelPixels,
  };
}

/** Root size of the subject's overlays.svg, or of the one pycortex would create. */
async function overlaySize(
  db: string,
  subject: string,
  frame: FlatFrame,
): Promise<{ width: number; height: number }> {
  const file = subjectOverlayFile(db, subject);
  if (!existsSync(file)) return svgSizeFor(frame.extents);
  const text = await readFile(file, 'utf8');
  const o = parseOrFail(file, () => parseOverlay(text));
  return { width: o.width, height: o.height };
}

/** The label table beside a template: `<name>.mgz.ctab`, `<name>.ctab` (name without .nii/.nii.gz). */
export async function readLabelTable(templatePath: string): Promise<LabelEntry[] | undefined> {
  const stem = basename(templatePath).replace(/\.nii(\.gz)?$/i, '');
  for (const name of [`${stem}.mgz.ctab`, `${stem}.ctab`]) {
    const file = join(dirname(templatePath), name);
    if (!existsSync(file)) continue;
    const text = await readFile(file, 'utf8');
    return parseOrFail(file, () => parseCtab(text));
  }
  return undefined;
}

export interface TraceTemplateResult {
  rois: TracedRoi[];
  /** merged vertex membership of each traced ROI (pycortex's rule), by name */
  vertices: Map<string, Uint32Array>;
  svgWidth: number;
  svgHeight: number;
}

/**
 * Trace labels of a template volume into ROIs (all labels when `wanted` is absent; names or
 * indices otherwise), cleaned of speckle unless `raw`. Each ROI is scored by the Jaccard index
 * between its pycortex membership and the vertices whose mid-depth sample carries the label, for
 * the cleaned and the raw outline both, so the cost of cleaning is visible.
 */
export async function traceTemplate(
  db: string,
  subject: string,
  xfm: string,
  templatePath: string,
  wanted?: (string | number)[],
  {
    height = TRACE_HEIGHT,
    cacheDir,
    raw = false,
    ...options
  }: Partial<TraceOptions> & { height?: number; cacheDir?: string; raw?: boolean } = {},
): Promise<TraceTemplateResult> {
  const [ts, volume, table] = await Promise.all([
    loadTraceSubject(db, subject, xfm, height, cacheDir),
    readVolumeFile(templatePath),
    readLabelTable(templatePath),
  ]);
  checkVolumeShape(templatePath, volume.dims, ts.transform);
  const labels = chooseLabels(templatePath, volume.data, table, wanted);

  const values = new Float32Array(ts.pixelVoxel.length);
  for (let p = 0; p < values.length; p++)
    values[p] = ts.pixelVoxel[p] >= 0 ? volume.data[ts.pixelVoxel[p]] : NaN;
  const trace = (clean: Partial<TraceOptions>) =>
    traceLabels(
      { width: ts.width, height: ts.height, values },
      { svgWidth: ts.svgWidth, svgHeight: ts.svgHeight, splitColumn: ts.splitColumn, ...clean, ...options },
      labels.map((l) => l.index),
    );
  const cleaned = trace(cleanOptions(ts.voxelPixels));
  const asIs = trace({});

  const rois: TracedRoi[] = [];
  const vertices = new Map<string, Uint32Array>();
  labels.forEach((label, i) => {
    const reference = labelVertices(ts.vertexVoxel, volume.data, ts.frame.valid, label.index);
    const score = (t: TracedLabel) => {
      const paths = [t.paths.lh, t.paths.rh].filter((d): d is string => !!d);
      const members = roiVertices(paths, ts.membership);
      return { paths, members, jaccard: jaccard(members, reference) };
    };
    const clean = score(cleaned[i]);
    const rawOne = score(asIs[i]);
    const chosen = raw ? rawOne : clean;
    rois.push({
      name: label.name,
      labelIndex: label.index,
      paths: chosen.paths,
      jaccard: chosen.jaccard,
      jaccards: { clean: clean.jaccard, raw: rawOne.jaccard },
    });
    vertices.set(label.name, chosen.members);
  });
  return { rois, vertices, svgWidth: ts.svgWidth, svgHeight: ts.svgHeight };
}

/** Resolve requested labels against the table (or the values present when there is none). */
function chooseLabels(
  templatePath: string,
  data: Float32Array,
  table: LabelEntry[] | undefined,
  wanted?: (string | number)[],
): LabelEntry[] {
  let entries = table?.filter((e) => e.index > 0);
  if (!entries) {
    const present = new Set<number>();
    for (const v of data) if (v > 0 && Number.isInteger(v)) present.add(v);
    entries = [...present].sort((a, b) => a - b).map((index) => ({ index, name: `label${index}` }));
  }
  if (!wanted) return entries;
  return wanted.map((w) => {
    const hit = entries.find((e) => e.name === w || e.index === w || String(e.index) === w);
    if (!hit)
      throw new ApiError(
        'BAD_REQUEST',
        `${templatePath}: no label ${JSON.stringify(w)} (labels: ${entries.map((e) => e.name).join(', ')})`,
        templatePath,
      );
    return hit;
  });
}
