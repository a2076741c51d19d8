import { describe, expect, it } from 'vitest';
import { roundHalfEven } from './round-half-even.js';

describe('roundHalfEven', () => {
  it('rounds halves to the even neighbour like numpy', () => {
    expect([2.5, 3.5, -0.5, -1.5, 0.5, 1.5, -2.5].map(roundHalfEven)).toEqual([2, 4, -0, -2, 0, 2, -2]);
  });
  it('rounds everything else to the nearest integer', () => {
    expect([2.4999, 2.5001, -2.6, 7].map(roundHalfEven)).toEqual([2, 3, -3, 7]);
  });
});
