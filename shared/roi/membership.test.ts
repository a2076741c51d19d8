import { describe, expect, it } from 'vitest';
import { edgeRings, flattenCubic } from './agg-flatten.js';
import { buildCutRing } from './cut-ring.js';
import {
  buildPointIndex,
  markPath,
  roiVertices,
  splitHemispheres,
  type MembershipContext,
} from './membership.js';
import { parsePycortexPath } from './pycortex-path.js';

/** matplotlib's point_in_path loop, literally, over every point and every edge (the reference). */
function naiveInside(d: string, points: Float64Array): Uint8Array {
  const out = new Uint8Array(points.length / 2);
  for (const ring of edgeRings(parsePycortexPath(d))) {
    for (let v = 0; v < out.length; v++) {
      const tx = points[2 * v];
      const ty = points[2 * v + 1];
      let flag = 0;
      const e = ring.edges;
      for (let i = 0; i < e.length; i += 4) {
        const [x0, y0, x1, y1] = [e[i], e[i + 1], e[i + 2], e[i + 3]];
        const yflag1 = y1 >= ty;
        if (y0 >= ty !== yflag1 && (y1 - ty) * (x0 - x1) >= (x1 - tx) * (y0 - y1) === yflag1) flag ^= 1;
      }
      out[v] |= flag;
    }
  }
  return out;
}

function grid(n: number, size: number): Float64Array {
  const p = new Float64Array(2 * n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      p[2 * (i * n + j)] = (j * size) / (n - 1);
      p[2 * (i * n + j) + 1] = (i * size) / (n - 1);
    }
  return p;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

describe('membership crossing test', () => {
  const points = grid(81, 100); // includes points exactly on edges and vertices
  const index = buildPointIndex(points);

  const cases: Record<string, string> = {
    square: 'M 10,10 L 60,10 L 60,60 L 10,60 Z',
    'relative curves': 'm 20,20 c 10,-15 40,-15 50,0 c 10,20 -10,40 -25,40 c -20,0 -35,-20 -25,-40 z',
    'two subpaths (union, inner is not a hole)':
      'M 5,5 L 95,5 L 95,95 L 5,95 Z M 30,30 L 70,30 L 70,70 L 30,70 Z',
    'B17: open subpath followed by another': 'M 10,10 L 50,10 L 50,50 L 10,50 M 70,70 L 90,70 L 90,90 Z',
    'last subpath open (closed implicitly)': 'M 10,10 L 80,15 L 45,80',
    'self-intersecting bow tie': 'M 10,10 L 90,90 L 90,10 L 10,90 Z',
    'absolute cubic': 'M 10,50 C 10,0 90,0 90,50 C 90,100 10,100 10,50 Z',
  };
  for (const [name, d] of Object.entries(cases))
    it(`agrees with the literal loop: ${name}`, () => {
      const fast = new Uint8Array(points.length / 2);
      markPath(d, index, fast);
      const ref = naiveInside(d, points);
      const diff = [...fast].filter((v, i) => v !== ref[i]).length;
      expect(diff).toBe(0);
      expect(fast.some((v) => v)).toBe(true);
    });

  it('agrees with the literal loop on random polygons and curves', () => {
    const r = rng(7);
    for (let k = 0; k < 20; k++) {
      const parts: string[] = [];
      const nsub = 1 + Math.floor(r() * 3);
      for (let s = 0; s < nsub; s++) {
        parts.push(`M ${(r() * 100).toFixed(3)},${(r() * 100).toFixed(3)}`);
        for (let i = 0; i < 3 + Math.floor(r() * 6); i++)
          parts.push(
            r() < 0.5
              ? `L ${(r() * 100).toFixed(3)},${(r() * 100).toFixed(3)}`
              : `C ${[0, 1, 2].map(() => `${(r() * 100).toFixed(3)},${(r() * 100).toFixed(3)}`).join(' ')}`,
          );
        if (r() < 0.7) parts.push('Z');
      }
      const d = parts.join(' ');
      const fast = new Uint8Array(points.length / 2);
      markPath(d, index, fast);
      const ref = naiveInside(d, points);
      expect([...fast].filter((v, i) => v !== ref[i]).length, d).toBe(0);
    }
  });

  it('B17 really drops the closing edge: points left of the open square are inside', () => {
    const pts = new Float64Array([30, 30, 5, 30, 30, 55]);
    const out = new Uint8Array(3);
    markPath('M 10,10 L 50,10 L 50,50 L 10,50 M 70,70 L 90,70 L 90,90 Z', buildPointIndex(pts), out);
    // (30,30): the ray crosses only the right edge → inside; (5,30): crosses right edge only too
    expect([...out]).toEqual([1, 1, 0]);
  });

  it('a path with fewer than three vertices contains nothing', () => {
    const out = new Uint8Array(points.length / 2);
    markPath('M 0,0 L 100,100', index, out);
    expect(out.some((v) => v)).toBe(false);
  });
});

describe('buildPointIndex', () => {
  it('orders points by y (ties by index) and keeps x with them', () => {
    const r = rng(3);
    const n = 5000;
    const pts = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      pts[2 * i] = r() * 10;
      pts[2 * i + 1] = Math.round(r() * 300) / 3; // many ties
    }
    const idx = buildPointIndex(pts);
    const expected = [...Array(n).keys()].sort((a, b) => pts[2 * a + 1] - pts[2 * b + 1] || a - b);
    expect([...idx.order]).toEqual(expected);
    for (let k = 0; k < n; k++) {
      expect(idx.ys[k]).toBe(pts[2 * idx.order[k] + 1]);
      expect(idx.xs[k]).toBe(pts[2 * idx.order[k]]);
    }
  });
});

describe('Agg curve flattening', () => {
  it('ends at the end point and stays within 0.5 units of the curve', () => {
    const out: number[] = [];
    flattenCubic(0, 0, 0, 100, 100, 100, 100, 0, out);
    expect(out.slice(-2)).toEqual([100, 0]);
    expect(out.length / 2).toBeGreaterThan(8);
    // every chord midpoint is close to the true curve (sampled densely)
    const curve = (t: number) => [300 * t * t * (1 - t) + 100 * t ** 3, 300 * t * (1 - t)];
    const dense = Array.from({ length: 2001 }, (_, i) => curve(i / 2000));
    let px = 0;
    let py = 0;
    for (let i = 0; i < out.length; i += 2) {
      const [mx, my] = [(px + out[i]) / 2, (py + out[i + 1]) / 2];
      const dist = Math.min(...dense.map(([x, y]) => Math.hypot(x - mx, y - my)));
      expect(dist).toBeLessThan(0.6);
      [px, py] = [out[i], out[i + 1]];
    }
  });
});

describe('roiVertices', () => {
  it('keeps valid vertices inside and adds the cut vertices adjacent to them', () => {
    // vertices 0..3 valid, 4 and 5 cut; full-mesh triangles (0,1,4) and (2,3,5)
    const pts = new Float64Array([10, 10, 20, 10, 30, 10, 90, 10, 20, 20, 95, 20]);
    const valid = Uint8Array.from([1, 1, 1, 1, 0, 0]);
    const full = Uint32Array.from([0, 1, 4, 2, 3, 5]);
    const ring = buildCutRing(full, valid);
    expect([...ring.indptr]).toEqual([0, 1, 2, 3, 4, 4, 4]);
    expect([...ring.indices]).toEqual([4, 4, 5, 5]);
    const ctx: MembershipContext = {
      index: buildPointIndex(pts),
      valid,
      cutRingIndptr: ring.indptr,
      cutRingIndices: ring.indices,
    };
    // a box over vertices 0, 1 and the cut vertex 4 itself
    const got = roiVertices(['M 5,5 L 25,5 L 25,25 L 5,25 Z'], ctx);
    expect([...got]).toEqual([0, 1, 4]);
    // a cut vertex inside the path but not next to a selected valid vertex is dropped
    expect([...roiVertices(['M 92,15 L 99,15 L 99,25 L 92,25 Z'], ctx)]).toEqual([]);
    expect(splitHemispheres(Uint32Array.from([0, 1, 4]), 2)).toEqual({ lh: [0, 1], rh: [2] });
  });
});
