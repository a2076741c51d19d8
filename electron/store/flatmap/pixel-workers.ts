import { availableParallelism } from 'node:os';
import {
  buildPixelSampling,
  joinPixelRows,
  type PixelRows,
  type PixelSampling,
  type PixelSamplingInput,
} from '../../../shared/flatmap/pixel-map.js';
import {
  buildFlatDelaunay,
  mapDelaunayArrays,
  type FlatDelaunay,
} from '../../../shared/flatmap/flat-delaunay.js';
import type { FlatFrame } from '../../../shared/flatmap/flat-frame.js';
import { toShared, type ShareableArray } from './shared-memory.js';
import { FlatmapWorker, WorkerJobError } from './flatmap-worker-client.js';

/**
 * Pixel maps computed on worker threads, one band of rows per core, so a ~1 s computation
 * neither blocks the Electron main process (or the serve process) nor leaves the second core
 * idle. Results are identical to the single-thread path, which remains the fallback when
 * workers cannot start (e.g. a packaging that cannot load the worker file).
 */

/**
 * Bands (= workers) per map. Compiled (Electron, out/): one per core, at most 2, so the main
 * process never freezes. Run from .ts through tsx (cli, serve, bench) maps are computed in the
 * calling thread unless asked: the kernels are memory-bound, and on a 2-core machine two
 * threads slow each other so much that, with the copies into shared memory and the worker
 * bundle, a cold map takes about as long on workers as in one thread (`npm run bench` prints both).
 */
let bandCount = import.meta.url.endsWith('.ts') ? 0 : Math.max(1, Math.min(2, availableParallelism()));

/** Set the number of worker bands (0 = compute in the calling thread); tests and the bench use it. */
export function usePixelWorkers(count: number): void {
  if (!Number.isInteger(count) || count < 0) throw new Error(`worker count must be ≥ 0, got ${count}`);
  if (count !== bandCount) {
    for (const w of pool ?? []) w.terminate();
    pool = null;
  }
  bandCount = count;
  unavailable = false;
}

let pool: FlatmapWorker[] | null = null;
let unavailable = false;

function workers(): FlatmapWorker[] | null {
  if (unavailable || bandCount === 0) return null;
  if (pool?.some((w) => w.broken && !w.answered)) {
    unavailable = true;
    return null;
  }
  if (pool?.some((w) => w.broken)) pool = null;
  try {
    pool ??= Array.from({ length: bandCount }, () => new FlatmapWorker());
  } catch {
    unavailable = true;
    return null;
  }
  return pool;
}

/** How many pool workers have returned a band (0 when maps are computed in this thread). */
export function pixelWorkersAnswering(): number {
  return pool?.filter((w) => w.answered && !w.broken).length ?? 0;
}

/** Start the workers ahead of need (they load while the caller parses surfaces). */
export function warmPixelWorkers(): void {
  workers();
}

/** A copy in shared memory, made once per source array (the engine keeps its inputs alive). */
const sharedCopies = new WeakMap<object, unknown>();

function shared<T extends ShareableArray>(a: T): T {
  let copy = sharedCopies.get(a) as T | undefined;
  if (!copy) {
    copy = toShared(a);
    sharedCopies.set(a, copy);
  }
  return copy;
}

function sharedInput(input: PixelSamplingInput): PixelSamplingInput {
  const { delaunay: d, mask, grid } = input;
  return {
    ...input,
    delaunay: mapDelaunayArrays(d, shared),
    mask: { ...mask, mask: shared(mask.mask) },
    grid: { ...grid, xs: shared(grid.xs), ys: shared(grid.ys) },
    pia: shared(input.pia),
    wm: shared(input.wm),
  };
}

/** Row bands with about the same number of on-brain pixels each. */
function bands(mask: Uint8Array, width: number, height: number, count: number): [number, number][] {
  let total = 0;
  for (let p = 0; p < mask.length; p++) total += mask[p];
  const out: [number, number][] = [];
  let start = 0;
  let seen = 0;
  for (let r = 0; r < height && out.length < count - 1; r++) {
    for (let c = 0; c < width; c++) seen += mask[r * width + c];
    if (seen >= (total * (out.length + 1)) / count) {
      out.push([start, r + 1]);
      start = r + 1;
    }
  }
  out.push([start, height]);
  return out;
}

async function rowsOn(
  worker: FlatmapWorker,
  input: PixelSamplingInput,
  rowStart: number,
  rowEnd: number,
): Promise<PixelRows> {
  const reply = await worker.request({ kind: 'pixel-rows', input, rowStart, rowEnd });
  if (!('rows' in reply)) throw new Error('flatmap worker sent no rows');
  return reply.rows;
}

/**
 * The flat Delaunay triangulation on a worker (in shared memory, ready for the pixel-map
 * bands) while the caller's thread does other work; in this thread when workers are off or fail.
 */
export async function buildFlatDelaunayOffThread(frame: FlatFrame): Promise<FlatDelaunay> {
  const pool = workers();
  if (pool) {
    try {
      const reply = await pool[0].request({ kind: 'delaunay', frame: { xy: frame.xy, valid: frame.valid } });
      if ('delaunay' in reply) return reply.delaunay;
    } catch (e) {
      if (e instanceof WorkerJobError) throw new Error(e.message, { cause: e });
      // the worker failed or died: this thread triangulates below
    }
  }
  return buildFlatDelaunay(frame);
}

/** {@link buildPixelSampling} on worker threads; the same map computed in this thread when workers fail. */
export async function buildPixelSamplingOffThread(input: PixelSamplingInput): Promise<PixelSampling> {
  const pool = workers();
  if (pool) {
    try {
      const { width, height } = input.grid;
      const sharedIn = sharedInput(input);
      const parts = await Promise.all(
        bands(input.mask.mask, width, height, pool.length).map(([r0, r1], k) =>
          rowsOn(pool[k], sharedIn, r0, r1),
        ),
      );
      return joinPixelRows({ width, height, thick: input.thick, depth: input.depth }, parts);
    } catch (e) {
      // the computation itself failed: this thread would fail the same way, a second later
      if (e instanceof WorkerJobError) throw new Error(e.message, { cause: e });
      // a worker that failed to start or died: this thread computes the same map
    }
  }
  return buildPixelSampling(input);
}
