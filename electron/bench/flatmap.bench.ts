import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { colormapLut, labelLut } from '../../shared/flatmap/colormaps.js';
import { colourise, colouriseLabels, labelImage, meanImage } from '../../shared/flatmap/compose.js';
import { forgetRecentPixelMaps, pixelMapCacheWritten, pixelMapFor } from '../store/flatmap/flatmap-engine.js';
import { pixelWorkersAnswering, usePixelWorkers } from '../store/flatmap/pixel-workers.js';
import { readVolumeFile } from '../store/database/volumes.js';
import { copyToTemp, GOLDEN, SHARED, SHARED_DB, SKIP_REASON } from '../testing/shared-data.js';
import { median, medianTime } from './median.js';

/**
 * Flatmap engine speed beside pycortex's `make_flatmap_image(height=1024)` on the same kind of
 * machine (golden/pycortex-timings.json). "cold" runs in a fresh child process with an empty
 * cache: parse surfaces, transform and volume, mask, Delaunay, pixel map, first image; the
 * child also reports its peak memory. "warm" = a new volume through a pixel map already
 * computed (in memory, or read back from the disk cache). "compose" = colouring one frame.
 * Cold runs are repeated (median); a second cold figure has the triangulation and the pixel
 * map computed on two worker threads, as the compiled app does (under tsx the workers run an
 * esbuild bundle of the worker made when they start). The child then computes the same map
 * once more from a copy of the subject (nothing remembered, empty cache, code already compiled):
 * how much of a cold run is the process's first-time cost (compiling, fresh memory).
 */

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const CASES = [
  { subject: 'S1', xfm: 'fullhead', volume: ['transforms', 'fullhead', 'reference.nii.gz'] },
  { subject: 'sub-hcp32k', xfm: 'func2mm', volume: ['templates', 'prf-visualrois.nii.gz'] },
];

interface ColdResult {
  ms: number;
  peakMB: number;
  width: number;
  height: number;
  entries: number;
  mapMB: number;
  /** worker threads that computed pixel-map rows (0 = this thread) */
  workers: number;
  /** the same cold map computed again in the same process, from a copy of the subject (when asked) */
  againMs: number | null;
}

/** One cold flatmap: surfaces, mask, triangulation, pixel map and first image, empty cache. */
async function coldMap(db: string, subject: string, xfm: string, volume: string, height: number) {
  const cacheDir = await mkdtemp(join(tmpdir(), 'roi-studio-bench-cache-'));
  const t0 = performance.now();
  const [{ map }, vol] = await Promise.all([
    pixelMapFor(db, subject, xfm, { height, thick: 32, depth: 0.5 }, cacheDir),
    readVolumeFile(volume),
  ]);
  meanImage(map, vol.data);
  const ms = performance.now() - t0;
  await pixelMapCacheWritten();
  await rm(cacheDir, { recursive: true, force: true });
  return { map, ms };
}

/** Child mode: one cold flatmap, printed as JSON. */
async function cold(
  subject: string,
  xfm: string,
  volume: string,
  height: number,
  workers: number,
  again: boolean,
): Promise<void> {
  usePixelWorkers(workers);
  const { map, ms } = await coldMap(SHARED_DB, subject, xfm, volume, height);
  const peakMB = process.resourceUsage().maxRSS / 1024;
  let againMs: number | null = null;
  if (again) {
    // a copy is parsed anew (the engine remembers surfaces per path) and the map is not kept
    const copy = await copyToTemp([subject]);
    forgetRecentPixelMaps();
    againMs = (await coldMap(copy, subject, xfm, volume, height)).ms;
    await rm(copy, { recursive: true, force: true });
  }
  const mapBytes =
    map.pixels.byteLength +
    map.lengths.byteLength +
    map.mid.byteLength +
    map.voxels.byteLength +
    map.samples.byteLength;
  const result: ColdResult = {
    ms,
    peakMB,
    width: map.width,
    height: map.height,
    entries: map.voxels.length,
    mapMB: mapBytes / 2 ** 20,
    workers: pixelWorkersAnswering(),
    againMs,
  };
  process.stdout.write(JSON.stringify(result));
}

async function coldInChild(
  subject: string,
  xfm: string,
  volume: string,
  height: number,
  workers = 0,
  runs = 1,
  again = false,
): Promise<ColdResult> {
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const results: ColdResult[] = [];
  for (let i = 0; i < runs; i++) {
    const { stdout } = await promisify(execFile)(
      tsx,
      [
        join(here, 'flatmap.bench.ts'),
        '--cold',
        subject,
        xfm,
        volume,
        String(height),
        String(workers),
        again ? 'again' : '',
      ],
      { cwd: root, maxBuffer: 1 << 20 },
    );
    results.push(JSON.parse(stdout) as ColdResult);
  }
  const ms = median(results.map((r) => r.ms));
  const againMs = again ? median(results.map((r) => r.againMs ?? NaN)) : null;
  return { ...results[0], ms, againMs, peakMB: Math.max(...results.map((r) => r.peakMB)) };
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

export async function run(): Promise<void> {
  if (!SHARED) {
    console.log(`flatmap: skipped, ${SKIP_REASON}`);
    return;
  }
  const timings = JSON.parse(await readFile(join(GOLDEN, 'pycortex-timings.json'), 'utf8')) as Record<
    string,
    { cold_s: number[]; warm_s: number[] }
  >;
  const cacheDir = await mkdtemp(join(tmpdir(), 'roi-studio-bench-cache-'));
  try {
    for (const c of CASES) {
      const volume = join(SHARED_DB, c.subject, ...c.volume);
      const py = timings[`${c.subject}:${c.xfm}`];
      const pyCold = median(py.cold_s) * 1000;
      const pyWarm = median(py.warm_s) * 1000;
      const coldRun = await coldInChild(c.subject, c.xfm, volume, 1024, 0, 3, true);
      console.log(
        `${c.subject} h1024 cold ${fmt(coldRun.ms)} (median of 3; pycortex ${fmt(pyCold)}, ${(pyCold / coldRun.ms).toFixed(1)}× faster), ` +
          `peak memory ${coldRun.peakMB.toFixed(0)} MB, image ${coldRun.width}×${coldRun.height}, ` +
          `pixel map ${coldRun.entries} entries = ${coldRun.mapMB.toFixed(1)} MB; ` +
          `${fmt(coldRun.againMs!)} when the same process computes it again (code compiled, no cache)`,
      );
      const threaded = await coldInChild(c.subject, c.xfm, volume, 1024, 2, 3);
      console.log(
        `${c.subject} h1024 cold ${fmt(threaded.ms)} with the pixel map on ${threaded.workers} worker threads ` +
          `(median of 3, ${(pyCold / threaded.ms).toFixed(1)}× faster than pycortex), peak memory ${threaded.peakMB.toFixed(0)} MB`,
      );

      const options = { height: 1024, thick: 32, depth: 0.5 };
      const { map } = await pixelMapFor(SHARED_DB, c.subject, c.xfm, options, cacheDir);
      const vol = await readVolumeFile(volume);
      const fresh = Float32Array.from(vol.data, (v, i) => v + (i % 7));
      const warmMemory = await medianTime(5, async () => {
        const m = (await pixelMapFor(SHARED_DB, c.subject, c.xfm, options, cacheDir)).map;
        meanImage(m, fresh);
      });
      const warmDisk = await medianTime(3, async () => {
        forgetRecentPixelMaps();
        const m = (await pixelMapFor(SHARED_DB, c.subject, c.xfm, options, cacheDir)).map;
        meanImage(m, fresh);
      });
      const withFile = await medianTime(3, async () => {
        const [m, v] = await Promise.all([
          pixelMapFor(SHARED_DB, c.subject, c.xfm, options, cacheDir),
          readVolumeFile(volume),
        ]);
        meanImage(m.map, v.data);
      });
      console.log(
        `${c.subject} h1024 warm ${fmt(warmMemory)} (new volume, map in memory; pycortex ${fmt(pyWarm)}), ` +
          `${fmt(warmDisk)} with the map read from the disk cache, ${fmt(withFile)} including reading the .nii.gz`,
      );

      const pixels = map.width * map.height;
      const img = meanImage(map, fresh);
      const rgba = new Uint8ClampedArray(4 * pixels);
      const lut = colormapLut('viridis');
      const compose = await medianTime(21, () => colourise(img, lut, 0, 1000, rgba));
      const labels = new Float32Array(pixels);
      const labelCompose = await medianTime(21, () => {
        labelImage(map, vol.data, labels);
        colouriseLabels(labels, labelLut(), rgba);
      });
      const mean = await medianTime(11, () => meanImage(map, fresh, img));
      console.log(
        `${c.subject} compose ${fmt(compose)} per frame at ${(pixels / 1e6).toFixed(2)} Mpixels (colour map LUT), ` +
          `${fmt(labelCompose)} for a crisp label template (value[voxel[p]] + LUT), ${fmt(mean)} for a pycortex mean image`,
      );
    }
    for (const height of [2048, 4096]) {
      const c = CASES[0];
      const r = await coldInChild(c.subject, c.xfm, join(SHARED_DB, c.subject, ...c.volume), height);
      console.log(
        `${c.subject} h${height} cold ${fmt(r.ms)}, peak memory ${r.peakMB.toFixed(0)} MB, image ${r.width}×${r.height}, ` +
          `pixel map ${r.mapMB.toFixed(0)} MB (${((r.mapMB * 2 ** 20) / (r.width * r.height)).toFixed(1)} bytes/pixel)`,
      );
    }
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
if (args[0] === '--cold')
  await cold(args[1], args[2], args[3], Number(args[4]), Number(args[5] ?? 0), args[6] === 'again');
