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
  it('flattens cubic curves through their end point', () => {
    const [ring] = pathDataToRings('M 0,0 C 0,10 10,10 10,0 L 5,-5 Z');
    expect(ring.length).toBe(2 * (1 + 8 + 1));
    expect(ring.slice(16, 18)).toEqual([10, 0]);
    expect(ring[9]).toBeCloseTo(7.5); // curve midpoint y = 0.75·10
  });
});

describe('pointInRing', () => {
  it('is even–odd inside test', () => {
    const sq = [0, 0, 10, 0, 10, 10, 0, 10];
    expect(pointInRing(5, 5, sq)).toBe(true);
    expect(pointInRing(15, 5, sq)).toBe(false);
  });
});
