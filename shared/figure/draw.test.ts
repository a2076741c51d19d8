import { describe, expect, it } from 'vitest';
import { drawText, strokePolyline, textWidth, type Canvas } from './draw.js';
import { percentile, polylines, tickLabel } from './make-figure.js';

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
  it('draws text centred on the anchor', () => {
    const c = canvas(40, 20);
    drawText(c, 'V1', 20, 10, 2, [255, 255, 255, 255]);
    expect(textWidth('V1', 2)).toBe(22);
    let minX = 99;
    let maxX = -1;
    for (let y = 0; y < 20; y++)
      for (let x = 0; x < 40; x++)
        if (alpha(c, x, y)) {
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
        }
    expect(minX).toBe(9);
    expect(maxX).toBe(28); // the "1" glyph leaves its last column empty
  });
  it('flattens curves and closes subpaths', () => {
    const rings = polylines([
      { cmd: 'M', x: 0, y: 0 },
      { cmd: 'C', x1: 0, y1: 10, x2: 10, y2: 10, x: 10, y: 0 },
      { cmd: 'Z' },
      { cmd: 'M', x: 20, y: 0 },
      { cmd: 'L', x: 30, y: 0 },
    ]);
    expect(rings.map((r) => r.closed)).toEqual([true, false]);
    expect(rings[0].xy.length).toBeGreaterThan(6);
    expect(rings[0].xy.slice(-2)).toEqual([10, 0]);
  });
  it('percentiles like numpy (NaN as 0) and short tick labels', () => {
    expect(percentile([1, 2, 3, 4, NaN], 50)).toBe(2);
    expect(percentile([0, 10], 99)).toBeCloseTo(9.9);
    expect([0, 1504.2, 4.9412, -0.012345].map(tickLabel)).toEqual(['0', '1504', '4.94', '-0.0123']);
  });
});
