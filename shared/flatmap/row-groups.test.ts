import { describe, expect, it } from 'vitest';
import { PIXEL_BLOCK } from '../api.js';
import { groupCount, joinRowGroups, RowGroupWriter, type RowGroups } from './row-groups.js';

const thick = 40;
const image = 2 * PIXEL_BLOCK + 1234;

/** Pseudo-random rows: every third pixel empty, lengths 1…40 (long enough to outgrow the scratch). */
function rowOf(p: number): number[] {
  if (p % 3 === 0) return [];
  const n = 1 + (((p * 2654435761) >>> 0) % (p % 5 === 1 ? thick : 6));
  return Array.from({ length: n }, (_, j) => (p * 31 + j) % 100003);
}

function write(from: number, to: number, hint: number): RowGroups {
  let rows = 0;
  for (let p = from; p < to; p++) if (rowOf(p).length) rows++;
  const w = new RowGroupWriter(image, thick, rows, hint);
  for (let p = from; p < to; p++) {
    const row = rowOf(p);
    if (!row.length) continue;
    w.begin(p);
    for (const v of row) {
      w.voxels[w.length] = v;
      w.samples[w.length++] = (v % 9) + 1;
    }
    w.end();
  }
  return w.finish();
}

/** The layout by definition: per block, per length, pixels in image order. */
function reference(from: number, to: number) {
  const pixels: number[] = [];
  const voxels: number[] = [];
  const lengths = new Uint32Array(groupCount(image, thick));
  const rows = Array.from({ length: to - from }, (_, i) => rowOf(from + i));
  for (let b = 0; b * PIXEL_BLOCK < image; b++)
    for (let n = 1; n <= thick; n++)
      for (let p = Math.max(from, b * PIXEL_BLOCK); p < Math.min(to, (b + 1) * PIXEL_BLOCK); p++) {
        const row = rows[p - from];
        if (row.length !== n) continue;
        pixels.push(p);
        voxels.push(...row);
        lengths[b * (thick + 1) + n]++;
      }
  return { pixels, voxels, lengths: [...lengths] };
}

/** Equal length and bytes (element-wise toEqual is slow on a million elements). */
function same(a: ArrayBufferView & { length: number }, b: ArrayBufferView & { length: number }): boolean {
  const bytes = (x: ArrayBufferView) => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
  return a.length === b.length && Buffer.compare(bytes(a), bytes(b)) === 0;
}

describe('row groups (the pixel map layout)', () => {
  it('groups rows by block and length, growing its scratch and output as needed', () => {
    const got = write(0, image, 1000);
    const want = reference(0, image);
    expect([...got.lengths]).toEqual(want.lengths);
    expect(same(got.pixels, Uint32Array.from(want.pixels))).toBe(true);
    expect(same(got.voxels, Int32Array.from(want.voxels))).toBe(true);
    expect(
      same(
        got.samples,
        Uint8Array.from(want.voxels, (v) => (v % 9) + 1),
      ),
    ).toBe(true);
  });

  it('bands cut inside blocks join to the whole', () => {
    const cuts = [0, 5000, PIXEL_BLOCK + 17, PIXEL_BLOCK + 18, 2 * PIXEL_BLOCK, image];
    const bands = cuts.slice(1).map((end, k) => write(cuts[k], end, 10));
    const joined = joinRowGroups(image, thick, bands);
    const whole = write(0, image, 10);
    for (const k of ['lengths', 'pixels', 'voxels', 'samples'] as const)
      expect([...joined[k]], k).toEqual([...whole[k]]);
    expect(() => joinRowGroups(image + PIXEL_BLOCK, thick, bands)).toThrow(/length groups/);
  });
});
