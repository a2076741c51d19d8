import { describe, expect, it } from 'vitest';
import { PATH_DECIMALS, formatCoord, polylinesToPath, serializeSafe } from './path-writer.js';
import { parsePath } from './svg-path.js';

describe('serializeSafe', () => {
  it('writes absolute M/L/C/Z with x,y pairs and single spaces, closing every subpath', () => {
    const d = serializeSafe(parsePath('m 10,10 h 5 v 5 c 1,1 2,2 3,3 m 100,100 l 1,1'));
    expect(d).toBe('M 10,10 L 15,10 L 15,15 C 16,16 17,17 18,18 Z M 118,118 L 119,119 Z');
    expect(d).not.toMatch(/ {2}|[\t\n]/);
  });

  it('leaves open subpaths open when asked (sulci)', () => {
    expect(serializeSafe(parsePath('M 0,0 L 1,1 M 5,5 L 6,6'), false)).toBe('M 0,0 L 1,1 M 5,5 L 6,6');
  });

  it('formats numbers without exponents, -0 or excess digits', () => {
    expect(PATH_DECIMALS).toBe(4);
    expect([1e-7, -0, -0.00004, 1234.56789, 2e21 / 1e18, -3.10000001, 0.00005].map(formatCoord)).toEqual([
      '0',
      '0',
      '0',
      '1234.5679',
      '2000',
      '-3.1',
      '0.0001',
    ]);
    expect(() => formatCoord(NaN)).toThrow(/cannot write coordinate NaN/);
  });

  it('round-trips its own output, and writing a written number gives the same text', () => {
    const d = 'M 1.5,2.25 L 3,4 C 5,6 7,8 9,10 Z';
    expect(serializeSafe(parsePath(d))).toBe(d);
    for (let k = 0; k < 200; k++) {
      const v = ((k * 2423.7391) % 2424.3254) - 3.3;
      const once = formatCoord(v);
      expect(formatCoord(Number(once))).toBe(once);
      expect(Math.abs(Number(once) - v)).toBeLessThanOrEqual(0.5 * 10 ** -PATH_DECIMALS + 1e-9);
    }
  });
});

describe('polylinesToPath', () => {
  it('writes closed rings for regions and open lines for sulci, one subpath each', () => {
    const square = [0, 0, 10, 0, 10, 10.123456];
    expect(polylinesToPath([square, [20, 20, 30, 20, 30, 30]], true)).toBe(
      'M 0,0 L 10,0 L 10,10.1235 Z M 20,20 L 30,20 L 30,30 Z',
    );
    expect(polylinesToPath([Float64Array.from([1, 2, 3, 4])], false)).toBe('M 1,2 L 3,4');
    expect(polylinesToPath([], true)).toBe('');
  });
});
