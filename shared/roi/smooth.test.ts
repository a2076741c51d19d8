import { describe, expect, it } from 'vitest';
import { ringArea, smoothPolyline, smoothRing } from './smooth.js';

describe('smoothRing', () => {
  it('pulls a single spike towards its neighbours and wraps around the ring', () => {
    const xy = [0, 0, 3, 0, 3, 3, 0, 3, 0, 9];
    const out = smoothRing(xy, 1);
    expect(out[8]).toBeCloseTo(0);
    expect(out[9]).toBeCloseTo((3 + 9 + 0) / 3);
    expect(out[0]).toBeCloseTo((0 + 0 + 3) / 3);
    expect(out[1]).toBeCloseTo((9 + 0 + 0) / 3);
  });
  it('keeps a circle nearly the same area', () => {
    const xy: number[] = [];
    for (let i = 0; i < 200; i++)
      xy.push(Math.cos((i / 200) * 2 * Math.PI) * 50, Math.sin((i / 200) * 2 * Math.PI) * 50);
    const a0 = Math.abs(ringArea(xy));
    const a1 = Math.abs(ringArea(smoothRing(xy, 2)));
    expect(a1 / a0).toBeGreaterThan(0.99);
    expect(a1 / a0).toBeLessThanOrEqual(1);
  });
});

describe('smoothPolyline', () => {
  it('leaves the endpoints in place', () => {
    const out = smoothPolyline([0, 0, 1, 5, 2, 0, 3, 5], 1);
    expect(out.slice(0, 2)).toEqual([0, 0]);
    expect(out.slice(6)).toEqual([3, 5]);
    expect(out[3]).toBeCloseTo(5 / 3);
  });
});

describe('ringArea', () => {
  it('is the signed shoelace area', () => {
    expect(ringArea([0, 0, 2, 0, 2, 2, 0, 2])).toBe(4);
    expect(ringArea([0, 0, 0, 2, 2, 2, 2, 0])).toBe(-4);
  });
});
