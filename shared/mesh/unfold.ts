import { vertexAdjacency } from './vertex-adjacency.js';

/**
 * The 3-D view's morph, as pycortex's WebGL viewer unfolds a brain: the surfaces are ordered
 * fiducial → inflated (when present) → flat, and a slider value u ∈ [0, 1] interpolates linearly
 * between the two neighbouring surfaces of that list (u·(n − 1) picks the pair and the fraction).
 */

/**
 * The flat surface as a morph target, N×3: nudged flat x, flat y as height (z), in a plane at
 * `y` (so the posterior view shows it as the flatmap shows it). Cut vertices take the position
 * of the nearest valid vertex along mesh edges (pycortex's viewer moves each to a neighbouring
 * valid vertex), so the medial wall folds onto the cut instead of spanning the map.
 */
export function flatMorphTarget(
  flatXY: Float32Array,
  valid: Uint8Array,
  triangles: Uint32Array,
  y: number,
): Float32Array {
  const n = valid.length;
  const source = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let tail = 0;
  for (let v = 0; v < n; v++)
    if (valid[v]) {
      source[v] = v;
      queue[tail++] = v;
    }
  const adjacency = vertexAdjacency(triangles, n);
  for (let head = 0; head < tail; head++) {
    const v = queue[head];
    for (let e = adjacency.indptr[v]; e < adjacency.indptr[v + 1]; e++) {
      const w = adjacency.indices[e];
      if (source[w] >= 0) continue;
      source[w] = source[v];
      queue[tail++] = w;
    }
  }
  const out = new Float32Array(3 * n);
  for (let v = 0; v < n; v++) {
    const s = source[v] < 0 ? v : source[v];
    out[3 * v] = flatXY[2 * s];
    out[3 * v + 1] = y;
    out[3 * v + 2] = flatXY[2 * s + 1];
  }
  return out;
}

/** Mean y of N×3 points: where the flat plane stands. */
export function meanY(points: Float32Array): number {
  let sum = 0;
  for (let i = 1; i < points.length; i += 3) sum += points[i];
  return points.length ? sum / (points.length / 3) : 0;
}

/** Positions at slider value `u` ∈ [0, 1] over `targets` (each N×3), written into `out`. */
export function unfold(targets: readonly Float32Array[], u: number, out: Float32Array): Float32Array {
  const last = targets.length - 1;
  const s = Math.min(Math.max(u, 0), 1) * last;
  const k = Math.min(Math.floor(s), Math.max(last - 1, 0));
  const f = last === 0 ? 0 : s - k;
  const a = targets[k];
  const b = targets[Math.min(k + 1, last)];
  for (let i = 0; i < out.length; i++) out[i] = a[i] + (b[i] - a[i]) * f;
  return out;
}
