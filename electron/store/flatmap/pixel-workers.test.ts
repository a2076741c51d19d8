import { afterAll, describe, expect, it, vi } from 'vitest';
import { PIXEL_BLOCK } from '../../../shared/api.js';
import { buildFlatDelaunay, FLAT_DELAUNAY_ARRAYS } from '../../../shared/flatmap/flat-delaunay.js';
import { buildFlatFrame } from '../../../shared/flatmap/flat-frame.js';
import { buildFlatMask } from '../../../shared/flatmap/flat-mask.js';
import { imageGrid } from '../../../shared/flatmap/image-grid.js';
import { mergedPoints } from '../../../shared/flatmap/merge-surfaces.js';
import {
  buildPixelRows,
  buildPixelSampling,
  joinPixelRows,
  type PixelSampling,
  type PixelSamplingInput,
} from '../../../shared/flatmap/pixel-map.js';
import type { HemiPair, Surface } from '../../../shared/subject.js';
import { subjectSamplingInput } from '../../testing/flatmap-fixtures.js';
import { missingReference } from '../../testing/shared-data.js';
import {
  buildFlatDelaunayOffThread,
  buildPixelSamplingOffThread,
  pixelWorkersAnswering,
  usePixelWorkers,
} from './pixel-workers.js';
import { WorkerJobError } from './flatmap-worker-client.js';

/** A jittered 30×30 sheet per hemisphere, folded in 3-D so segments cross several voxels. */
function synthetic(height = 97): PixelSamplingInput {
  return syntheticWithFrame(height).input;
}

function syntheticWithFrame(height = 97) {
  let seed = 7;
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
  const sheet = (z: number): HemiPair<Surface> => {
    const n = 30;
    const make = () => {
      const pts: number[] = [];
      const tris: number[] = [];
      for (let j = 0; j < n; j++)
        for (let i = 0; i < n; i++) pts.push(i + 0.4 * rand(), j + 0.4 * rand(), z + Math.sin(i / 4) * 3);
      for (let j = 0; j + 1 < n; j++)
        for (let i = 0; i + 1 < n; i++) {
          const a = j * n + i;
          tris.push(a, a + 1, a + n, a + 1, a + n + 1, a + n);
        }
      return { points: new Float32Array(pts), triangles: new Uint32Array(tris) };
    };
    return { lh: make(), rh: make() };
  };
  const flat = sheet(0);
  for (const h of ['lh', 'rh'] as const)
    for (let v = 2; v < flat[h].points.length; v += 3) flat[h].points[v] = 0;
  const frame = buildFlatFrame(flat);
  const input: PixelSamplingInput = {
    delaunay: buildFlatDelaunay(frame),
    mask: buildFlatMask(frame, height),
    grid: imageGrid(frame.extents, height),
    pia: mergedPoints(sheet(4)),
    wm: mergedPoints(sheet(0)),
    coord: [
      [0.9, 0.1, 0, 2.3],
      [0, 1.1, 0.2, 1.7],
      [0.05, 0, 1.3, 3.1],
      [0, 0, 0, 1],
    ],
    shape: [40, 40, 16],
    thick: 32,
    depth: 0.5,
  };
  return { input, frame };
}

const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function expectSame(a: PixelSampling, b: PixelSampling) {
  expect([b.width, b.height, b.thick, b.depth]).toEqual([a.width, a.height, a.thick, a.depth]);
  // byte comparison: toEqual walks millions of elements one by one
  for (const k of ['pixels', 'lengths', 'mid', 'voxels', 'samples'] as const) {
    expect(b[k].length, k).toBe(a[k].length);
    expect(Buffer.compare(bytes(b[k]), bytes(a[k])), k).toBe(0);
  }
}

afterAll(() => usePixelWorkers(0));

describe('pixel maps in row bands and on worker threads', () => {
  it('row bands joined equal the whole map, for any cut', () => {
    const input = synthetic();
    const whole = buildPixelSampling(input);
    expect(whole.voxels.length).toBeGreaterThan(1000);
    const { width, height } = input.grid;
    const frame = { width, height, thick: input.thick, depth: input.depth };
    for (const cuts of [
      [0, height],
      [0, 1, height],
      [0, 40, 41, 70, height],
      [0, 0, height],
    ]) {
      const bands = cuts.slice(1).map((end, k) => buildPixelRows(input, cuts[k], end));
      expectSame(whole, joinPixelRows(frame, bands));
    }
    // an image of several pixel blocks, cut inside blocks
    const big = synthetic(300);
    const bigWhole = buildPixelSampling(big);
    expect(bigWhole.mid.length).toBeGreaterThan(2 * PIXEL_BLOCK);
    const bigFrame = { ...frame, width: big.grid.width, height: 300 };
    const bands = [0, 100, 217, 300]
      .slice(1)
      .map((end, k, ends) => buildPixelRows(big, k ? ends[k - 1] : 0, end));
    expectSame(bigWhole, joinPixelRows(bigFrame, bands));
    expect(() => buildPixelRows(input, 5, 2)).toThrow(/bad row range/);
    expect(() => joinPixelRows(frame, [buildPixelRows(input, 0, 3)])).toThrow(/cover/);
  });

  it('two workers give the single-thread map bit for bit', async () => {
    const input = synthetic();
    usePixelWorkers(2);
    expectSame(buildPixelSampling(input), await buildPixelSamplingOffThread(input));
    expect(pixelWorkersAnswering()).toBe(2);
    // the pool is reused, and concurrent maps do not mix up their bands
    const other = { ...input, thick: 1, depth: 0.25 };
    const [a, b] = await Promise.all([
      buildPixelSamplingOffThread(input),
      buildPixelSamplingOffThread(other),
    ]);
    expectSame(buildPixelSampling(input), a);
    expectSame(buildPixelSampling(other), b);
  });

  it('a map that fails on the workers is reported, not computed again in this thread', async () => {
    usePixelWorkers(2);
    const err = await buildPixelSamplingOffThread({ ...synthetic(), thick: 0 }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/thick must be an integer/);
    expect((err as Error).cause).toBeInstanceOf(WorkerJobError);
  });

  it('the Delaunay triangulation from a worker is the same, in shared memory', async () => {
    const { frame } = syntheticWithFrame();
    usePixelWorkers(2);
    const here = buildFlatDelaunay(frame);
    const there = await buildFlatDelaunayOffThread(frame);
    expect(there.coords.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(there.orientation).toBe(here.orientation);
    for (const k of FLAT_DELAUNAY_ARRAYS) expect(Buffer.compare(bytes(there[k]), bytes(here[k])), k).toBe(0);
    usePixelWorkers(0);
    expect((await buildFlatDelaunayOffThread(frame)).coords.buffer).toBeInstanceOf(ArrayBuffer);
  });

  it('idle workers leave the process free to exit (a command that used one of two ends)', async () => {
    const refs = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort' || r === 'Worker');
    usePixelWorkers(0);
    await vi.waitFor(() => expect(refs()).toEqual([]), { timeout: 10_000 }); // earlier tests' workers gone
    usePixelWorkers(2);
    await buildFlatDelaunayOffThread(syntheticWithFrame().frame); // the first worker answers, the second never works
    expect(pixelWorkersAnswering()).toBe(1);
    expect(refs()).toEqual([]);
    usePixelWorkers(0);
  });

  describe.skipIf(missingReference('data/db/S1'))('on a real subject', () => {
    it('S1 fullhead at height 1024: workers and this thread agree exactly', async () => {
      const input = await subjectSamplingInput('S1', 'fullhead', 32);
      usePixelWorkers(2);
      const threaded = await buildPixelSamplingOffThread(input);
      expect(pixelWorkersAnswering()).toBe(2);
      expectSame(buildPixelSampling(input), threaded);
      expect(threaded.voxels.length).toBe(2898659);
    });
  });
});
