import { describe, expect, it } from 'vitest';
import { roundHalfEven } from './round-half-even.js';

/** The definition, spelt out: nearest integer, ties to the even one. */
function reference(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

describe('roundHalfEven', () => {
  it('rounds halves to the even neighbour like numpy', () => {
    expect([2.5, 3.5, -0.5, -1.5, 0.5, 1.5, -2.5].map(roundHalfEven)).toEqual([2, 4, 0, -2, 0, 2, -2]);
  });
  it('rounds everything else to the nearest integer', () => {
    expect([2.4999, 2.5001, -2.6, 7].map(roundHalfEven)).toEqual([2, 3, -3, 7]);
  });
  it('agrees with the definition next to every half and on random values', () => {
    const xs: number[] = [];
    for (let k = -40; k <= 40; k++) {
      const half = k + 0.5;
      // the neighbouring doubles of each half, where floor-based rounding could slip
      const below = half - Math.max(Number.EPSILON * Math.abs(half), Number.MIN_VALUE);
      const above = half + Math.max(Number.EPSILON * Math.abs(half), Number.MIN_VALUE);
      xs.push(half, below, above, k, k - 1e-12, k + 1e-12);
    }
    xs.push(0.49999999999999994, -0.49999999999999994, 0.5000000000000001, -0.5000000000000001);
    let seed = 7;
    for (let i = 0; i < 20000; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      xs.push((seed / 2147483648) * 400 - 200);
    }
    const wrong = xs.filter((x) => roundHalfEven(x) !== reference(x) + 0);
    expect(wrong).toEqual([]);
  });
});
