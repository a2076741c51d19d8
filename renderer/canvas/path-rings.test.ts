import { describe, expect, it } from 'vitest';
import { pointInRing } from '../../shared/roi/point-in-ring.js';
import { pathDataToRings } from './path-rings.js';

describe('pathDataToRings', () => {
  it('splits subpaths and resolves relative commands with SVG semantics', () => {
    const rings = pathDataToRings('m 10,10 l 5,0 0,5 z m 1,1 l 2,0 0,2 z');
    expect(rings).toEqual([
      [10, 10, 15, 10, 15, 15],
      [11, 11, 13, 11, 13, 13],
    ]);
  });
  it("flattens cubic curves through their end point, within pycortex's half-unit tolerance", () => {
    const [ring] = pathDataToRings('M 0,0 C 0,10 10,10 10,0 L 5,-5 Z');
    const n = ring.length;
    expect(ring.slice(n - 4)).toEqual([10, 0, 5, -5]);
    // the curve peaks at y = 0.75·10; a chord may cut under it by at most half a unit
    const ys = ring.filter((_, i) => i % 2 === 1);
    expect(Math.max(...ys)).toBeGreaterThan(7.5 - 0.5);
    expect(Math.max(...ys)).toBeLessThanOrEqual(7.5);
  });
  it('reads arcs as the curve they draw', () => {
    const [ring] = pathDataToRings('M 0,0 A 5,5 0 0 1 10,0 Z');
    const ys = ring.filter((_, i) => i % 2 === 1);
    expect(Math.min(...ys)).toBeCloseTo(-5, 0);
  });
});

describe('pointInRing', () => {
  it('is even–odd inside test', () => {
    const sq = [0, 0, 10, 0, 10, 10, 0, 10];
    expect(pointInRing(5, 5, sq)).toBe(true);
    expect(pointInRing(15, 5, sq)).toBe(false);
  });
});
