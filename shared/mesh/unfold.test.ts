import { describe, expect, it } from 'vitest';
import { flatMorphTarget, unfold } from './unfold.js';

describe('unfold (the 3-D view morph)', () => {
  it('interpolates between neighbouring surfaces of the list, clamped to [0, 1]', () => {
    const a = Float32Array.of(0, 0, 0);
    const b = Float32Array.of(10, 0, 0);
    const c = Float32Array.of(10, 20, 0);
    const out = new Float32Array(3);
    expect([...unfold([a, b, c], 0, out)]).toEqual([0, 0, 0]);
    expect([...unfold([a, b, c], 0.25, out)]).toEqual([5, 0, 0]);
    expect([...unfold([a, b, c], 0.5, out)]).toEqual([10, 0, 0]);
    expect([...unfold([a, b, c], 0.75, out)]).toEqual([10, 10, 0]);
    expect([...unfold([a, b, c], 1, out)]).toEqual([10, 20, 0]);
    expect([...unfold([a, b, c], 7, out)]).toEqual([10, 20, 0]);
    // fiducial only: nothing to morph to
    expect([...unfold([a], 0.6, out)]).toEqual([0, 0, 0]);
  });

  it('puts the flat in the x–z plane and folds cut vertices onto their nearest valid vertex', () => {
    // a strip 0–1–2–3: vertices 0 and 1 in the flat mesh, 2 and 3 cut (3 two edges away)
    const xy = Float32Array.of(1, 2, 3, 4, 99, 99, 77, 77);
    const valid = Uint8Array.of(1, 1, 0, 0);
    const triangles = Uint32Array.of(0, 1, 2, 1, 2, 3);
    const out = flatMorphTarget(xy, valid, triangles, -5);
    expect([...out]).toEqual([1, -5, 2, 3, -5, 4, 1, -5, 2, 3, -5, 4]);
  });
});
