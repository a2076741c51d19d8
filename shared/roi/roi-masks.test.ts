import { describe, expect, it } from 'vitest';
import { corticalRibbon, fiducialPoints, nearestVertices, ribbonThickness, roiMasks } from './roi-masks.js';

// identity coord: voxel (i, j, k) centre = (i, j, k) mm, grid 6×1×1
const coord = [
  [1, 0, 0, 0],
  [0, 1, 0, 0],
  [0, 0, 1, 0],
  [0, 0, 0, 1],
];

describe('roi masks (gm_sampler=cortical)', () => {
  const wm = Float32Array.from([0, 0, 0, 4, 0, 0, 5, 0, 0]);
  const pia = Float32Array.from([1, 0, 0, 4, 0, 0.5, 5, 0, 1.5]);
  const fid = fiducialPoints(wm, pia); // (0.5,0,0) (4,0,0.25) (5,0,0.75)
  const thick = ribbonThickness(wm, pia); // 1, 0.5, 1.5

  it('finds the nearest fiducial vertex per voxel within reach', () => {
    const near = nearestVertices(fid, coord, [7, 1, 1], 1.5);
    expect(Array.from(near.vertex)).toEqual([0, 0, -1, 1, 1, 2, 2]);
    expect(near.distance[2]).toBe(Infinity);
    expect(near.distance[4]).toBeCloseTo(0.25);
  });

  it('keeps voxels in the ribbon and drops voxels claimed by two ROIs', () => {
    const near = nearestVertices(fid, coord, [7, 1, 1], 1.5);
    const ribbon = corticalRibbon(near, thick);
    // voxel 3: d(v1)=1.03 > 0.5; voxel 4: 0.25 ≤ 0.5; voxel 6: d(v2)=1.25 ≤ 1.5
    expect(Array.from(ribbon)).toEqual([1, 1, 0, 0, 1, 1, 1]);
    const masks = roiMasks(
      new Map([
        ['A', [0, 1]],
        ['B', [1, 2]],
      ]),
      near,
      ribbon,
    );
    expect(Array.from(masks.get('A')!)).toEqual([1, 1, 0, 0, 0, 0, 0]);
    expect(Array.from(masks.get('B')!)).toEqual([0, 0, 0, 0, 0, 1, 1]);
    const overlapping = roiMasks(new Map([['B', [1, 2]]]), near, ribbon, true);
    expect(Array.from(overlapping.get('B')!)).toEqual([0, 0, 0, 0, 1, 1, 1]);
  });
});
