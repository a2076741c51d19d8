import { describe, expect, it } from 'vitest';
import { roundHalfEven } from './round-half-even.js';
import { SegmentSampler } from './segment-sampler.js';

/** Round every sample, then merge equal neighbours: the definition the sampler must match. */
function bruteForce(shape: [number, number, number], depths: number[], p: number[], w: number[]) {
  const clip = (v: number, n: number) => Math.min(n - 1, Math.max(0, v));
  const runs: [number, number][] = [];
  for (const t of depths) {
    const idx = [0, 1, 2].map((a) => clip(roundHalfEven(p[a] * t + w[a] * (1 - t)), shape[a]));
    const v = idx[0] + shape[0] * (idx[1] + shape[1] * idx[2]);
    if (runs.length && runs[runs.length - 1][0] === v) runs[runs.length - 1][1]++;
    else runs.push([v, 1]);
  }
  return runs;
}

function run(sampler: SegmentSampler, p: number[], w: number[]) {
  const voxels = new Int32Array(64);
  const counts = new Uint8Array(64);
  const end = sampler.sample(p[0], p[1], p[2], w[0], w[1], w[2], voxels, counts, 0);
  return Array.from({ length: end }, (_, k) => [voxels[k], counts[k]] as [number, number]);
}

describe('SegmentSampler', () => {
  const shape: [number, number, number] = [20, 30, 10];
  const thick = 32;
  const depths = Array.from({ length: thick }, (_, q) => (q + 1) * (1 / (thick + 1)));

  it('equals rounding every sample on random segments, including long ones and grid edges', () => {
    let seed = 12345;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const sampler = new SegmentSampler(shape, depths);
    for (let trial = 0; trial < 20000; trial++) {
      const len = trial % 5 === 0 ? 12 : 3;
      const w = shape.map((n) => rand() * n);
      const p = w.map((x, a) => Math.min(shape[a] - 1e-9, Math.max(0, x + (rand() - 0.5) * len)));
      expect(run(sampler, p, w)).toEqual(bruteForce(shape, depths, p, w));
    }
  });

  it('handles exact halves with numpy rounding and a single sample at a depth', () => {
    const single = new SegmentSampler(shape, [0.5]);
    // midpoint of 2 and 3 is 2.5 → 2 (half to even); of 4 and 5 → 4.5 → 4
    expect(run(single, [3, 5, 1], [2, 4, 1])).toEqual([[2 + 20 * (4 + 30 * 1), 1]]);
    const s = new SegmentSampler(shape, depths);
    expect(run(s, [5.5, 1, 1], [0.5, 1, 1])).toEqual(bruteForce(shape, depths, [5.5, 1, 1], [0.5, 1, 1]));
    // segments whose samples land on (or within an ulp of) .5 boundaries, where the predicted
    // crossing sits on a whole sample and the exact arithmetic must decide
    for (let k = 1; k <= 40; k++)
      for (const w0 of [0.5, 1.5 - 1e-15, 2.5 + 4e-16, 0.25]) {
        const w = [w0, 3 + w0 / 7, 2];
        const p = [w0 + (33 * k) / 20, 3 + w0 / 7 - (33 * k) / 60, 2 + k / 40];
        const clipped = p.map((x, a) => Math.min(shape[a] - 1e-9, Math.max(0, x)));
        expect(run(s, clipped, w), `k ${k} w ${w0}`).toEqual(bruteForce(shape, depths, clipped, w));
      }
  });
});
