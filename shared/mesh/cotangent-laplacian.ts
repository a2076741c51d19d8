import { triangleEdges } from './triangle-edges.js';

/**
 * The cotangent Laplace–Beltrami pieces pycortex builds for a triangle mesh
 * (`polyutils.Surface.laplace_operator`): the lumped mass D (a third of the area of every
 * face a vertex belongs to), the symmetric cotangent weight matrix W (half the sum of the
 * cotangents of the angles opposite each edge; degenerate angles contribute 0) and V = its
 * row sums. Everything in float64, as pycortex casts points to double first.
 */

export interface CotangentLaplacian {
  n: number;
  /** lumped mass per vertex */
  mass: Float64Array;
  /** W in CSR form, diagonal excluded */
  indptr: Uint32Array;
  indices: Uint32Array;
  weights: Float64Array;
  /** row sums of W */
  degree: Float64Array;
}

/** Scratch for {@link triangleEdges}. */
const edges = new Float64Array(9);

/** |u × v| of {@link triangleEdges}' output: twice the triangle's area. */
function crossLength(e: Float64Array): number {
  return Math.sqrt(e[6] * e[6] + e[7] * e[7] + e[8] * e[8]);
}

/** Cotangent of the angle between u and v: (u·v)/|u×v|; 0 when degenerate. */
function cotangent(e: Float64Array, cross: number): number {
  const cot = (e[0] * e[3] + e[1] * e[4] + e[2] * e[5]) / cross;
  return Number.isFinite(cot) ? cot : 0;
}

/** Cotangent of the angle at `a` in triangle (a, b, c). */
function cotAt(p: ArrayLike<number>, a: number, b: number, c: number): number {
  triangleEdges(p, a, b, c, edges);
  return cotangent(edges, crossLength(edges));
}

export function cotangentLaplacian(
  points: ArrayLike<number>,
  triangles: ArrayLike<number>,
): CotangentLaplacian {
  const n = points.length / 3;
  const m = triangles.length / 3;
  const mass = new Float64Array(n);
  const count = new Uint32Array(n + 1);
  for (let t = 0; t < m; t++) {
    const a = triangles[3 * t];
    const b = triangles[3 * t + 1];
    const c = triangles[3 * t + 2];
    count[a + 1] += 2;
    count[b + 1] += 2;
    count[c + 1] += 2;
  }
  for (let i = 0; i < n; i++) count[i + 1] += count[i];
  // Unmerged entries: every triangle adds both directions of its three edges.
  const cols = new Uint32Array(count[n]);
  const vals = new Float64Array(count[n]);
  const fill = count.slice(0, n);
  const put = (r: number, c: number, w: number) => {
    cols[fill[r]] = c;
    vals[fill[r]++] = w;
  };
  for (let t = 0; t < m; t++) {
    const a = triangles[3 * t];
    const b = triangles[3 * t + 1];
    const c = triangles[3 * t + 2];
    // corner a's edges give the area and a's cotangent alike
    triangleEdges(points, a, b, c, edges);
    const cross = crossLength(edges);
    const area = cross / 2;
    mass[a] += area / 3;
    mass[b] += area / 3;
    mass[c] += area / 3;
    const wa = cotangent(edges, cross) / 2; // opposite edge b–c
    const wb = cotAt(points, b, c, a) / 2; // opposite edge c–a
    const wc = cotAt(points, c, a, b) / 2; // opposite edge a–b
    put(b, c, wa);
    put(c, b, wa);
    put(c, a, wb);
    put(a, c, wb);
    put(a, b, wc);
    put(b, a, wc);
  }
  return mergeRows(n, count, cols, vals, mass);
}

/** Sort each row by column and add up duplicates (an edge shared by two faces). */
function mergeRows(
  n: number,
  start: Uint32Array,
  cols: Uint32Array,
  vals: Float64Array,
  mass: Float64Array,
): CotangentLaplacian {
  const indptr = new Uint32Array(n + 1);
  const indices = new Uint32Array(cols.length);
  const weights = new Float64Array(cols.length);
  const degree = new Float64Array(n);
  let out = 0;
  const order: number[] = [];
  for (let r = 0; r < n; r++) {
    indptr[r] = out;
    order.length = 0;
    for (let k = start[r]; k < start[r + 1]; k++) order.push(k);
    order.sort((x, y) => cols[x] - cols[y]);
    for (let q = 0; q < order.length; q++) {
      const k = order[q];
      if (out > indptr[r] && indices[out - 1] === cols[k]) {
        weights[out - 1] += vals[k];
      } else {
        indices[out] = cols[k];
        weights[out++] = vals[k];
      }
      degree[r] += vals[k];
    }
  }
  indptr[n] = out;
  return { n, mass, indptr, indices: indices.slice(0, out), weights: weights.slice(0, out), degree };
}
