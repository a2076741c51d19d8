import Delaunator from 'delaunator';
import { describe, expect, it } from 'vitest';
import { next, twin, type FlatDelaunay } from './flat-delaunay.js';
import { rasterPointOrder, rasterTriangleOrder } from './raster-order.js';

function randomPoints(n: number, seed: number): Float64Array {
  const out = new Float64Array(2 * n);
  let s = seed;
  for (let i = 0; i < out.length; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out[i] = (s / 2147483648) * 100 - 50;
  }
  return out;
}

function triangleSet(triangles: Uint32Array): string[] {
  const out: string[] = [];
  for (let t = 0; t < triangles.length; t += 3) {
    const corners = [triangles[t], triangles[t + 1], triangles[t + 2]];
    // rotate so the smallest comes first: the corner order (orientation) must survive
    const k = corners.indexOf(Math.min(...corners));
    out.push([0, 1, 2].map((i) => corners[(k + i) % 3]).join(','));
  }
  return out.sort();
}

describe('raster orders', () => {
  const coords = randomPoints(3000, 11);

  it('orders points top band first, left to right within a band, as a permutation', () => {
    const order = rasterPointOrder(coords);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    const ys = [...order].map((i) => coords[2 * i + 1]);
    // bands run downwards: the first tenth lies above the last tenth
    expect(Math.min(...ys.slice(0, 300))).toBeGreaterThan(Math.max(...ys.slice(2700)));
  });

  it('keeps every triangle with its corner order; twins translate through the order', () => {
    const order = rasterPointOrder(coords);
    const sorted = new Float64Array(coords.length);
    order.forEach((i, k) => sorted.set([coords[2 * i], coords[2 * i + 1]], 2 * k));
    const d = new Delaunator(sorted);
    const { triangles, order: made } = rasterTriangleOrder(d.triangles, 3000);
    expect(triangleSet(triangles)).toEqual(triangleSet(d.triangles));
    expect([...made].sort((a, b) => a - b)).toEqual(Array.from({ length: made.length }, (_, t) => t));
    const rasterIndex = new Uint32Array(made.length);
    made.forEach((u, t) => (rasterIndex[u] = t));
    const flat: FlatDelaunay = {
      vertexOf: new Uint32Array(3000),
      coords: sorted,
      triangles,
      halfedges: d.halfedges,
      delaunatorIndex: made,
      rasterIndex,
      orientation: 1,
    };
    let hull = 0;
    for (let e = 0; e < triangles.length; e++) {
      const across = twin(flat, e);
      if (across < 0) {
        hull++;
        continue;
      }
      expect(twin(flat, across)).toBe(e);
      expect([triangles[across], triangles[next(across)]]).toEqual([triangles[next(e)], triangles[e]]);
    }
    expect(hull).toBe(d.halfedges.filter((h) => h < 0).length);
    // sorted by each triangle's first point in raster order
    const firsts = Array.from({ length: triangles.length / 3 }, (_, t) =>
      Math.min(triangles[3 * t], triangles[3 * t + 1], triangles[3 * t + 2]),
    );
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
  });
});
