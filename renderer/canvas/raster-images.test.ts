import { describe, expect, it } from 'vitest';
import { continuousRgba, curvatureRgba, labelRgba, labelsPresent } from './raster-images.js';

describe('raster images', () => {
  it('draws curvature in pycortex grey levels with the brain outline transparent', () => {
    const out = curvatureRgba({ width: 3, height: 1, value: new Float32Array([0.375, 0.625, NaN]) });
    expect([...out.data]).toEqual([96, 96, 96, 255, 160, 160, 160, 255, 0, 0, 0, 0]);
  });
  it('maps continuous values through the LUT, clamping outside [vmin, vmax]', () => {
    const out = continuousRgba(new Float32Array([-1, 0, 0.6, 5, NaN]), 5, 1, 'gray', 0, 0.6);
    expect([...out.data.slice(0, 4)]).toEqual([0, 0, 0, 255]);
    expect([...out.data.slice(8, 12)]).toEqual([255, 255, 255, 255]);
    expect([...out.data.slice(12, 16)]).toEqual([255, 255, 255, 255]);
    expect(out.data[19]).toBe(0);
  });
  it('colours labels from the table, hides 0 and NaN, and can show a single label', () => {
    const labels = [{ index: 2, name: 'V1v', rgba: [10, 20, 30, 0] as [number, number, number, number] }];
    const values = new Float32Array([0, 2, 3, NaN]);
    const all = labelRgba(values, 4, 1, labels, null);
    expect([...all.data.slice(4, 8)]).toEqual([10, 20, 30, 255]);
    expect(all.data[3]).toBe(0);
    expect(all.data[11]).toBe(255);
    const only = labelRgba(values, 4, 1, labels, 3);
    expect(only.data[7]).toBe(0);
    expect(only.data[11]).toBe(255);
    expect(labelsPresent(values)).toEqual([
      { index: 2, pixels: 1 },
      { index: 3, pixels: 1 },
    ]);
  });
});
