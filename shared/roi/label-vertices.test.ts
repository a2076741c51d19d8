import { describe, expect, it } from 'vitest';
import { jaccard, labelVertices, midDepthVoxels } from './label-vertices.js';

describe('midDepthVoxels / labelVertices', () => {
  // 2 mm grid shifted by one voxel: voxel = mm/2 + 1
  const coord = [
    [0.5, 0, 0, 1],
    [0, 0.5, 0, 1],
    [0, 0, 0.5, 1],
    [0, 0, 0, 1],
  ];
  const wm = Float32Array.from([0, 0, 0, 2, 2, 2, 100, 0, 0, 1, 0, 0]);
  const pia = Float32Array.from([2, 0, 0, 2, 2, 6, 100, 0, 0, 1, 0, 0]);
  it('samples the voxel nearest the wm–pia midpoint, -1 outside the grid', () => {
    // v0 mid (1,0,0) → (1.5,1,1) → i 2 (half to even); v1 mid (2,2,4) → (2,2,3); v2 outside; v3 the same as v0
    expect(Array.from(midDepthVoxels(wm, pia, coord, [4, 4, 4]))).toEqual([
      2 + 4 * (1 + 4 * 1),
      2 + 4 * (2 + 4 * 3),
      -1,
      22,
    ]);
  });
  it('keeps flat-valid vertices whose voxel holds the label', () => {
    const voxels = Int32Array.from([21, 58, -1, 22]);
    const volume = new Float32Array(64);
    volume[21] = 3;
    volume[58] = 3;
    expect(Array.from(labelVertices(voxels, volume, Uint8Array.from([1, 1, 1, 0]), 3))).toEqual([0, 1]);
  });
});

describe('jaccard', () => {
  it('is |A∩B| / |A∪B| on sorted lists', () => {
    expect(jaccard([1, 2, 3, 4], [3, 4, 5])).toBeCloseTo(2 / 5);
    expect(jaccard([], [])).toBe(1);
    expect(jaccard([1], [])).toBe(0);
  });
});
