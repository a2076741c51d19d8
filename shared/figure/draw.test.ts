import { describe, expect, it } from 'vitest';
import { blurred, fillPolygons, newLayer } from './coverage.js';
import { strokeCoverage, strokePolyline, type Canvas } from './draw.js';
import { percentile, tickLabel } from './make-figure.js';

const canvas = (w: number, h: number): Canvas => ({
  width: w,
  height: h,
  rgba: new Uint8ClampedArray(4 * w * h),
});
const alpha = (c: Canvas, x: number, y: number) => c.rgba[4 * (y * c.width + x) + 3];

describe('figure drawing', () => {
  it('strokes a line of the requested width and leaves the rest untouched', () => {
    const c = canvas(20, 10);
    strokePolyline(c, [2, 5, 18, 5], false, 2, [255, 255, 255, 255]);
    expect(alpha(c, 10, 4)).toBe(255);
    expect(alpha(c, 10, 5)).toBe(255);
    expect(alpha(c, 10, 8)).toBe(0);
    expect(alpha(c, 10, 1)).toBe(0);
  });
  it('a coverage layer holds the same stroke', () => {
    const c = canvas(20, 10);
    const layer = newLayer(20, 10);
    strokePolyline(c, [2, 5, 18, 5], false, 2, [255, 255, 255, 255]);
    strokeCoverage(layer, [2, 5, 18, 5], false, 2);
    for (let p = 0; p < 200; p++) expect(layer.alpha[p], `pixel ${p}`).toBe(c.rgba[4 * p + 3]);
  });
  it('fills polygons with exact horizontal coverage, by the nonzero rule', () => {
    const layer = newLayer(10, 6);
    // x from 2.5 to 6.25, rows 1 to 4 (y down), clockwise
    fillPolygons(layer, [[2.5, 1, 6.25, 1, 6.25, 4, 2.5, 4]]);
    const row = (y: number) => Array.from(layer.alpha.subarray(10 * y, 10 * y + 10));
    expect(row(0)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    for (const y of [1, 2, 3]) expect(row(y)).toEqual([0, 0, 128, 255, 255, 255, 64, 0, 0, 0]);
    expect(row(4)).toEqual(row(0));
    // a square inside another: a hole when it winds the other way, filled when the same way
    const outer = [0, 0, 6, 0, 6, 6, 0, 6];
    const hole = newLayer(6, 6);
    fillPolygons(hole, [outer, [2, 2, 2, 4, 4, 4, 4, 2]]);
    expect([hole.alpha[6 * 1 + 1], hole.alpha[6 * 3 + 3]]).toEqual([255, 0]);
    const same = newLayer(6, 6);
    fillPolygons(same, [outer, [2, 2, 4, 2, 4, 4, 2, 4]]);
    expect(same.alpha[6 * 3 + 3]).toBe(255);
  });
  it('blurs coverage symmetrically, keeping its total, into a bounded halo', () => {
    const layer = newLayer(41, 41);
    layer.alpha[20 * 41 + 20] = 255;
    layer.alpha[20 * 41 + 21] = 255;
    layer.alpha[21 * 41 + 20] = 255;
    layer.alpha[21 * 41 + 21] = 255;
    const b = blurred(layer, 2);
    const at = (x: number, y: number) => b.alpha[y * 41 + x];
    let total = 0;
    for (const v of b.alpha) total += v;
    expect(Math.abs(total - 4 * 255)).toBeLessThan(60); // rounding to bytes at each pass
    expect(at(20, 20)).toBeGreaterThan(at(20, 24));
    expect(at(20, 24)).toBeGreaterThan(0);
    expect([at(17, 20), at(20, 17)]).toEqual([at(24, 21), at(21, 24)]);
    expect(at(20, 35)).toBe(0);
  });
  it('percentiles like numpy (NaN as 0) and short tick labels', () => {
    expect(percentile([1, 2, 3, 4, NaN], 50)).toBe(2);
    expect(percentile([0, 10], 99)).toBeCloseTo(9.9);
    expect([0, 1504.2, 4.9412, -0.012345].map(tickLabel)).toEqual(['0', '1504', '4.94', '-0.0123']);
  });
});
