import { describe, expect, it } from 'vitest';
import { memoLast } from './memo-last.js';

describe('memoLast', () => {
  it('calls again only when an argument changes identity', () => {
    let calls = 0;
    const f = memoLast((a: object, b: number) => {
      calls++;
      return { a, b };
    });
    const x = {};
    const first = f(x, 1);
    expect(f(x, 1)).toBe(first);
    expect(calls).toBe(1);
    expect(f({}, 1)).not.toBe(first);
    expect(f(x, 2).b).toBe(2);
    expect(calls).toBe(3);
  });
});
