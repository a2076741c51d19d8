import { describe, expect, it } from 'vitest';
import { PathSyntaxError, parsePath, parseTransform, tokenizePath, type Segment } from './svg-path.js';

const pts = (segs: Segment[]) =>
  segs.map((s) =>
    s.cmd === 'Z'
      ? 'Z'
      : s.cmd === 'C'
        ? `C${s.x1},${s.y1},${s.x2},${s.y2},${s.x},${s.y}`
        : `${s.cmd}${s.x},${s.y}`,
  );

describe('parsePath (SVG semantics)', () => {
  it('reads absolute and relative lines, implicit repeats and H/V', () => {
    expect(pts(parsePath('M10,20 30,40 l5 5 H0 v-10 h2 V3z'))).toEqual([
      'M10,20',
      'L30,40',
      'L35,45',
      'L0,45',
      'L0,35',
      'L2,35',
      'L2,3',
      'Z',
    ]);
  });

  it('accepts any whitespace/comma style, signs as separators and exponents', () => {
    expect(pts(parsePath('M1e1-2.5E+1\n\tL.5.5,\r\n-1e-1,2'))).toEqual(['M10,-25', 'L0.5,0.5', 'L-0.1,2']);
  });

  it('restarts at the subpath start after z (SVG), unlike pycortex', () => {
    expect(pts(parsePath('m 10,10 l 10,0 l 0,10 z m 5,5 l 1,0 z'))).toEqual([
      'M10,10',
      'L20,10',
      'L20,20',
      'Z',
      'M15,15',
      'L16,15',
      'Z',
    ]);
  });

  it('turns S, Q, T into cubics with reflected control points', () => {
    expect(pts(parsePath('M0,0 C0,10 10,10 10,0 S20,-10 20,0'))).toEqual([
      'M0,0',
      'C0,10,10,10,10,0',
      'C10,-10,20,-10,20,0',
    ]);
    const q = parsePath('M0,0 Q3,6 6,0 T12,0');
    expect(pts(q)).toEqual(['M0,0', 'C2,4,4,4,6,0', 'C8,-4,10,-4,12,0']);
  });

  it('turns arcs into cubics that stay on the ellipse', () => {
    const segs = parsePath('M0,0 A10,10 0 0 1 20,0');
    const end = segs[segs.length - 1];
    expect(end.cmd).toBe('C');
    if (end.cmd === 'C') {
      expect(end.x).toBeCloseTo(20, 9);
      expect(end.y).toBeCloseTo(0, 9);
    }
    expect(segs.length).toBe(3); // half circle = two quarter arcs
    // compact flags: "a10,10 0 1120,20" = rx 10 ry 10 rot 0 large 1 sweep 1 to (20,20)
    expect(tokenizePath('m0,0a10,10 0 1120,20')[1].args).toEqual([10, 10, 0, 1, 1, 20, 20]);
  });

  it('rejects bad data with the position', () => {
    for (const bad of ['L1,2', 'M1,2 L3', 'M1,2 X3,4', 'M1,,2', 'M', 'M1,2 z 3']) {
      expect(() => parsePath(bad), bad).toThrow(PathSyntaxError);
    }
    expect(() => parsePath('M1,2 X3,4')).toThrow(/character 5/);
  });
});

describe('parseTransform', () => {
  it('composes lists left to right and knows the identity', () => {
    expect(parseTransform('translate(0,0)')).toEqual([1, 0, 0, 1, 0, 0]);
    expect(parseTransform('translate(10) scale(2)')).toEqual([2, 0, 0, 2, 10, 0]);
    const r = parseTransform('rotate(90)');
    expect(r.map((v) => Math.round(v * 1e12) / 1e12)).toEqual([0, 1, -1, 0, 0, 0]);
    expect(() => parseTransform('translate(1,2) banana')).toThrow();
  });
});
