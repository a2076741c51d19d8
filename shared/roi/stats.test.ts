import { describe, expect, it } from 'vitest';
import { roiStats, vertexLabelsFromPixels } from './stats.js';

// two unit squares (two triangles each) side by side, 1 SVG unit = 2 mm in x and 3 mm in y
const geometry = {
  nL: 4,
  svgXY: Float32Array.from([0, 0, 1, 0, 1, 1, 0, 1, 2, 0, 3, 0, 3, 1, 2, 1]),
  triangles: Uint32Array.from([0, 1, 2, 0, 2, 3, 4, 5, 6, 4, 6, 7]),
  extents: [0, 20, 0, 30] as [number, number, number, number],
  svgWidth: 10,
  svgHeight: 10,
};

describe('roiStats', () => {
  it('counts vertices per hemisphere and the flat area in mm²', () => {
    const all = roiStats({ lh: [0, 1, 2, 3], rh: [0, 1, 2, 3] }, geometry);
    expect(all.lh).toBe(4);
    expect(all.rh).toBe(4);
    expect(all.flatAreaMm2).toBeCloseTo(2 * 6); // two unit squares of 2 mm × 3 mm
    const left = roiStats({ lh: [0, 1, 2, 3], rh: [] }, geometry);
    expect(left.flatAreaMm2).toBeCloseTo(6);
    const corner = roiStats({ lh: [0], rh: [] }, geometry);
    expect(corner.flatAreaMm2).toBeCloseTo((0.5 / 3 + 0.5 / 3) * 6);
    expect(corner.overlap).toBeUndefined();
  });

  it('reports the share of the ROI inside each template label', () => {
    const labels = Float32Array.from([1, 1, 2, 0, 1, 1, 1, 1]);
    const s = roiStats({ lh: [0, 1, 2, 3], rh: [] }, geometry, labels, [
      { index: 1, name: 'V1' },
      { index: 2, name: 'V2' },
    ]);
    expect(s.overlap).toEqual([
      { label: 1, name: 'V1', vertices: 2, percent: 50 },
      { label: 2, name: 'V2', vertices: 1, percent: 25 },
    ]);
  });
});

describe('vertexLabelsFromPixels', () => {
  it('takes the most frequent pixel value per vertex', () => {
    const out = vertexLabelsFromPixels(Int32Array.from([0, 0, 0, 1, -1, 2]), [3, 3, 4, 5, 9, NaN], 4);
    expect(Array.from(out)).toEqual([3, 5, NaN, NaN]);
  });
});
