import { describe, expect, it } from 'vitest';
import { dominantLabel } from './outline-label.js';

/** A 101 × 101 label image over a 100 × 100 frame: label 1 left of x = 50, label 2 right of it. */
function halves(): Float32Array {
  const values = new Float32Array(101 * 101);
  for (let p = 0; p < values.length; p++) values[p] = p % 101 < 50 ? 1 : 2;
  return values;
}

const labels = [
  { index: 1, name: 'V1v', rgba: [0, 0, 0, 255] as [number, number, number, number] },
  { index: 2, name: 'V2v', rgba: [0, 0, 0, 255] as [number, number, number, number] },
];

describe('dominantLabel', () => {
  it('names the label covering most of the outline, with its share', () => {
    // x from 30 to 80: 20 columns of label 1, 31 of label 2
    const ring = [30, 10, 80, 10, 80, 40, 30, 40];
    const got = dominantLabel(ring, 100, 100, halves(), 101, 101, labels);
    expect(got?.name).toBe('V2v');
    expect(got!.share).toBeCloseTo(31 / 51, 1);
  });

  it('gives nothing when no label covers enough of the outline', () => {
    const values = halves();
    // background (0) and unlabelled (NaN) pixels count in the outline but name nothing
    for (let p = 0; p < values.length; p++) if (p % 101 > 20) values[p] = p % 2 ? 0 : NaN;
    const ring = [10, 10, 90, 10, 90, 90, 10, 90];
    expect(dominantLabel(ring, 100, 100, values, 101, 101, labels)).toBeNull();
  });
});
