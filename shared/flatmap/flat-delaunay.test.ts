import { describe, expect, it } from 'vitest';
import { beyondHull, buildFlatDelaunay, locate } from './flat-delaunay.js';

describe('flat Delaunay point location', () => {
  // a ring of points around a disc, so the hull is a polygon with many edges
  const xy: number[] = [];
  let s = 3;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < 400; i++) {
    const a = rand() * 2 * Math.PI;
    const r = 10 * Math.sqrt(rand());
    xy.push(r * Math.cos(a), r * Math.sin(a));
  }
  const d = buildFlatDelaunay({ xy: Float32Array.from(xy), valid: new Uint8Array(400).fill(1) });

  it('a point is beyond the hull exactly when the walk leaves the mesh', () => {
    let outside = 0;
    for (let i = 0; i <= 60; i++)
      for (let j = 0; j <= 60; j++) {
        const [px, py] = [-12 + 0.4 * i, -12 + 0.4 * j];
        const walked = locate(d, 0, px, py);
        expect(beyondHull(d, px, py), `${px}, ${py}`).toBe(walked < 0);
        if (walked < 0) outside++;
      }
    // the grid reaches well beyond the disc on every side, and covers its inside too
    expect(outside).toBeGreaterThan(1000);
    expect(outside).toBeLessThan(3000);
  });

  it('hull vertices themselves are inside', () => {
    for (let p = 0; p < 400; p++) expect(beyondHull(d, d.coords[2 * p], d.coords[2 * p + 1])).toBe(false);
  });
});
