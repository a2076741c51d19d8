import { cotangentLaplacian, type CotangentLaplacian } from './cotangent-laplacian.js';
import { incompleteCholesky, type Preconditioner } from './incomplete-cholesky.js';
import { vertexNormals } from './vertex-normals.js';

/**
 * The curvature pycortex generates when `surface-info/curvature.npz` is missing
 * (pycortex-formats.md §2.6, `cortex.surfinfo.curvature`): mean curvature of the fiducial
 * surface — the cotangent Laplace–Beltrami operator applied to the coordinates, projected on
 * the vertex normals — then smoothed with factor 20 by one implicit (backward Euler) step of
 * the same operator. Positive on gyral crowns, negative in sulcal fundi.
 */

export const PYCORTEX_CURVATURE_SMOOTH = 20;

/** pycortex's fiducial when no fiducial surface exists: per-vertex (wm + pia) / 2 in float32. */
export function midSurface(wm: Float32Array, pia: Float32Array): Float32Array {
  if (wm.length !== pia.length)
    throw new Error(`wm has ${wm.length / 3} vertices but pia has ${pia.length / 3}`);
  const out = new Float32Array(wm.length);
  for (let i = 0; i < wm.length; i++) out[i] = (wm[i] + pia[i]) / 2;
  return out;
}

/** H_i = n_i · (1/D_i) Σ_j W_ij (p_i − p_j); NaN where the vertex has no area. */
export function meanCurvature(
  points: ArrayLike<number>,
  triangles: ArrayLike<number>,
  lap: CotangentLaplacian = cotangentLaplacian(points, triangles),
): Float64Array {
  const normals = vertexNormals(points, triangles);
  const out = new Float64Array(lap.n);
  for (let i = 0; i < lap.n; i++) {
    let lx = 0;
    let ly = 0;
    let lz = 0;
    for (let k = lap.indptr[i]; k < lap.indptr[i + 1]; k++) {
      const j = lap.indices[k];
      const w = lap.weights[k];
      lx += w * (points[3 * i] - points[3 * j]);
      ly += w * (points[3 * i + 1] - points[3 * j + 1]);
      lz += w * (points[3 * i + 2] - points[3 * j + 2]);
    }
    const inv = 1 / lap.mass[i];
    out[i] = (lx * normals[3 * i] + ly * normals[3 * i + 1] + lz * normals[3 * i + 2]) * inv;
  }
  return out;
}

/**
 * pycortex's `Surface.smooth(values, factor)`: solve (D + factor·(V − W)) x = D·values over
 * the vertices with mass; vertices without mass become 0. The matrix is symmetric positive
 * definite (a mass plus a stiffness matrix), so preconditioned conjugate gradients reach the
 * direct solver's answer to rounding. The preconditioner is an incomplete Cholesky factor
 * (about a third of the iterations of the diagonal one, ~1.5× faster overall on a 150k-vertex
 * hemisphere); `jacobi` forces the diagonal one, which is also the fallback should the
 * factorisation break down. Values must be finite: a direct solver spreads one NaN over all
 * the connected vertices, and conjugate gradients never converge on it.
 */
export function smoothOnSurface(
  lap: CotangentLaplacian,
  values: ArrayLike<number>,
  factor: number,
  tolerance = 1e-13,
  preconditioning: 'incomplete-cholesky' | 'jacobi' = 'incomplete-cholesky',
): Float64Array {
  const { n, mass, degree, indptr, indices, weights } = lap;
  const active = (i: number) => mass[i] > 0; // no mass: not part of pycortex's system, result 0
  // A = D + factor·(V − W): diagonal and off-diagonals computed once
  const diag = new Float64Array(n);
  const off = new Float64Array(weights.length);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!active(i)) continue;
    diag[i] = mass[i] + factor * degree[i];
    for (let k = indptr[i]; k < indptr[i + 1]; k++) off[k] = -factor * weights[k];
    b[i] = mass[i] * values[i];
  }
  const bad = b.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0)
    throw new Error(`cannot smooth: vertex ${bad} has mass ${mass[bad]} and value ${values[bad]}`);
  const apply = (x: Float64Array, out: Float64Array) => {
    for (let i = 0; i < n; i++) {
      let s = diag[i] * x[i];
      for (let k = indptr[i]; k < indptr[i + 1]; k++) s += off[k] * x[indices[k]];
      out[i] = diag[i] === 0 ? 0 : s;
    }
  };
  let precondition: Preconditioner | null = null;
  if (preconditioning === 'incomplete-cholesky')
    for (const shift of [0, 1e-3, 1e-2, 1e-1]) {
      precondition = incompleteCholesky({ n, diag, indptr, indices, off, active }, shift);
      if (precondition) break;
    }
  precondition ??= jacobi(diag);
  return conjugateGradient(apply, b, precondition, tolerance, Math.max(1000, Math.ceil(40 * Math.sqrt(n))));
}

function jacobi(diag: Float64Array): Preconditioner {
  const inverse = Float64Array.from(diag, (d) => (d > 0 ? 1 / d : 1));
  return (r, z) => {
    for (let i = 0; i < r.length; i++) z[i] = inverse[i] * r[i];
  };
}

/** Preconditioned CG from x = 0; stops when ‖r‖ ≤ tolerance·‖b‖. */
function conjugateGradient(
  apply: (x: Float64Array, out: Float64Array) => void,
  b: Float64Array,
  precondition: Preconditioner,
  tolerance: number,
  maxIterations: number,
): Float64Array {
  const n = b.length;
  const x = new Float64Array(n);
  const r = Float64Array.from(b);
  const z = new Float64Array(n);
  const p = new Float64Array(n);
  const q = new Float64Array(n);
  let bb = 0;
  for (let i = 0; i < n; i++) bb += b[i] * b[i];
  if (bb === 0) return x;
  precondition(r, z);
  let rz = 0;
  for (let i = 0; i < n; i++) {
    p[i] = z[i];
    rz += r[i] * z[i];
  }
  const limit = tolerance * tolerance * bb;
  for (let it = 0; it < maxIterations; it++) {
    apply(p, q);
    let pq = 0;
    for (let i = 0; i < n; i++) pq += p[i] * q[i];
    const alpha = rz / pq;
    let rr = 0;
    for (let i = 0; i < n; i++) {
      x[i] += alpha * p[i];
      const ri = r[i] - alpha * q[i];
      r[i] = ri;
      rr += ri * ri;
    }
    if (rr <= limit) return x;
    if (Number.isNaN(rr)) throw new Error('curvature smoothing met a non-finite number in the system');
    precondition(r, z);
    let rzNext = 0;
    for (let i = 0; i < n; i++) rzNext += r[i] * z[i];
    const beta = rzNext / rz;
    rz = rzNext;
    for (let i = 0; i < n; i++) p[i] = z[i] + beta * p[i];
  }
  throw new Error(`curvature smoothing did not converge in ${maxIterations} iterations`);
}

/**
 * A vertex whose only faces are one triangle and its reversed twin (ANfs has three) has no
 * normal, so its mean curvature is NaN. pycortex feeds that NaN to its direct solver, which
 * spreads it over the whole hemisphere; counting it as 0 (numpy's nan_to_num, as pycortex
 * does for its normals) leaves every other entry of pycortex's system as it is, and the vertex
 * takes the smoothed value of its neighbours.
 */
function finiteOrZero(v: number): number {
  return Number.isFinite(v) ? v : 0;
}

/** The whole pycortex recipe for one hemisphere. */
export function pycortexCurvature(
  points: ArrayLike<number>,
  triangles: ArrayLike<number>,
  smooth = PYCORTEX_CURVATURE_SMOOTH,
): Float64Array {
  const lap = cotangentLaplacian(points, triangles);
  const curv = meanCurvature(points, triangles, lap);
  if (smooth === 0) return curv;
  return smoothOnSurface(lap, curv.map(finiteOrZero), smooth);
}
