import { describe, expect, it } from 'vitest';
import { isIntegerValued, pycortexDefaultRange } from './value-range.js';

describe('pycortex default colour range', () => {
  it('takes the 1st and 99th percentiles with linear interpolation, NaN counted as 0', () => {
    const values = Array.from({ length: 101 }, (_, i) => i); // 0…100
    expect(pycortexDefaultRange(values)).toEqual([1, 99]);
    // 0, NaN→0, 10: sorted 0 0 10 → 1st percentile 0, 99th = 0 + 0.98·10... at position 1.98
    const [lo, hi] = pycortexDefaultRange([0, NaN, 10]);
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(9.8, 12);
  });

  it('recognises label volumes', () => {
    expect(isIntegerValued([-1, 0, 3, NaN])).toBe(true);
    expect(isIntegerValued([0, 0.5])).toBe(false);
  });
});
