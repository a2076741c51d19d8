import { describe, expect, it } from 'vitest';
import { cotangentLaplacian } from './cotangent-laplacian.js';
import { meanCurvature, midSurface, pycortexCurvature, smoothOnSurface } from './curvature.js';

/** An icosphere-like UV sphere of radius r with outward-facing triangles. */
function sphere(r: number, rings = 24, segments = 48): { points: Float64Array; triangles: Uint32Array } {
  const pts: number[] = [0, 0, r];
  for (let i = 1; i < rings; i++) {
    const th = (Math.PI * i) / rings;
    for (let j = 0; j < segments; j++) {
      const ph = (2 * Math.PI * j) / segments;
      pts.push(r * Math.sin(th) * Math.cos(ph), r * Math.sin(th) * Math.sin(ph), r * Math.cos(th));
    }
  }
  pts.push(0, 0, -r);
  const tris: number[] = [];
  const at = (i: number, j: number) => 1 + (i - 1) * segments + (j % segments);
  const south = pts.length / 3 - 1;
  for (let j = 0; j < segments; j++) tris.push(0, at(1, j), at(1, j + 1));
  for (let i = 1; i < rings - 1; i++)
    for (let j = 0; j < segments; j++) {
      tris.push(at(i, j), at(i + 1, j), at(i + 1, j + 1));
      tris.push(at(i, j), at(i + 1, j + 1), at(i, j + 1));
    }
  for (let j = 0; j < segments; j++) tris.push(at(rings - 1, j), south, at(rings - 1, j + 1));
  return { points: Float64Array.from(pts), triangles: Uint32Array.from(tris) };
}

describe('mean curvature (cotangent Laplace–Beltrami)', () => {
  it('is close to 2/r on a sphere, positive outward (gyral sign)', () => {
    for (const r of [5, 20]) {
      const { points, triangles } = sphere(r);
      const h = meanCurvature(points, triangles);
      // pycortex's operator gives the sum of principal curvatures: 2/r
      const mid = h.slice(100, h.length - 100);
      for (const v of mid) expect(v).toBeGreaterThan(0);
      const mean = mid.reduce((a, b) => a + b, 0) / mid.length;
      expect(mean).toBeCloseTo(2 / r, 2);
    }
  });

  it('smoothing keeps a constant, shrinks variation, and zeroes vertices without area', () => {
    const { points, triangles } = sphere(10, 12, 24);
    const n = points.length / 3;
    // an extra isolated vertex at the end
    const pts = Float64Array.from([...points, 50, 50, 50]);
    const lap = cotangentLaplacian(pts, triangles);
    const ones = new Float64Array(n + 1).fill(1);
    const s = smoothOnSurface(lap, ones, 20);
    for (let i = 0; i < n; i++) expect(s[i]).toBeCloseTo(1, 10);
    expect(s[n]).toBe(0);
    const noisy = Float64Array.from({ length: n + 1 }, (_, i) => (i % 2 ? 1 : -1));
    const sm = smoothOnSurface(lap, noisy, 20);
    const spread = (a: Float64Array) => Math.max(...a.slice(0, n)) - Math.min(...a.slice(0, n));
    expect(spread(sm)).toBeLessThan(spread(noisy) / 4);
  });

  it('midSurface is the float32 mean and refuses different vertex counts', () => {
    const m = midSurface(Float32Array.from([0, 2, 4]), Float32Array.from([1, 3, 5]));
    expect(Array.from(m)).toEqual([0.5, 2.5, 4.5]);
    expect(() => midSurface(new Float32Array(3), new Float32Array(6))).toThrow(
      /wm has 1 vertices but pia has 2/,
    );
  });

  it('smooth = 0 returns the raw mean curvature', () => {
    const { points, triangles } = sphere(8, 8, 16);
    expect(pycortexCurvature(points, triangles, 0)).toEqual(meanCurvature(points, triangles));
  });

  it('the incomplete Cholesky and the diagonal preconditioner reach the same smoothing', () => {
    // a jittered sphere: obtuse triangles give negative cotangent weights
    const { points, triangles } = sphere(10, 16, 32);
    let seed = 5;
    const jitter = Float64Array.from(
      points,
      (v) => v + ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.8,
    );
    const lap = cotangentLaplacian(jitter, triangles);
    const values = meanCurvature(jitter, triangles, lap);
    const ic = smoothOnSurface(lap, values, 20);
    const diag = smoothOnSurface(lap, values, 20, 1e-13, 'jacobi');
    let worst = 0;
    for (let i = 0; i < ic.length; i++) worst = Math.max(worst, Math.abs(ic[i] - diag[i]));
    expect(worst).toBeLessThan(1e-11);
    expect(Math.max(...ic.map(Math.abs))).toBeGreaterThan(0.01);
  });

  it('a vertex whose faces are one triangle and its reversed twin smooths like pycortex with that NaN as 0', () => {
    // the ANfs degeneracy: a flap vertex in a triangle and the same triangle reversed has no normal
    const { points, triangles } = sphere(10, 10, 20);
    const flap = points.length / 3;
    const [a, b] = [triangles[40], triangles[41]];
    const pts = Float64Array.from([...points, 9, 9, 9]);
    const tris = Uint32Array.from([...triangles, a, b, flap, a, flap, b]);
    const lap = cotangentLaplacian(pts, tris);
    const raw = meanCurvature(pts, tris, lap);
    expect(raw.findIndex((v) => !Number.isFinite(v))).toBe(flap);
    expect(() => smoothOnSurface(lap, raw, 20)).toThrow(`vertex ${flap} has mass`);

    const ours = pycortexCurvature(pts, tris);
    // independent check: a dense direct solve of pycortex's (D + 20·(V − W)) x = D·nan_to_num(H)
    const n = flap + 1;
    const m = Array.from({ length: n }, (_, i) => {
      const row = new Float64Array(n + 1);
      row[i] = lap.mass[i] + 20 * lap.degree[i];
      for (let k = lap.indptr[i]; k < lap.indptr[i + 1]; k++) row[lap.indices[k]] -= 20 * lap.weights[k];
      row[n] = lap.mass[i] * (Number.isFinite(raw[i]) ? raw[i] : 0);
      return row;
    });
    const direct = gaussianElimination(m);
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(ours[i] - direct[i]));
    expect(worst).toBeLessThan(1e-12);
    // the flap (value 0) takes part of its neighbours' curvature: between 0 and the sphere's 2/r
    expect(ours[flap]).toBeGreaterThan(0.02);
    expect(ours[flap]).toBeLessThan(0.2);
    for (const v of ours) expect(Number.isFinite(v)).toBe(true);
  });
});

/** Solve the augmented dense system [A | b] by elimination with partial pivoting. */
function gaussianElimination(rows: Float64Array[]): Float64Array {
  const n = rows.length;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(rows[r][c]) > Math.abs(rows[p][c])) p = r;
    [rows[c], rows[p]] = [rows[p], rows[c]];
    for (let r = c + 1; r < n; r++) {
      const f = rows[r][c] / rows[c][c];
      if (f !== 0) for (let k = c; k <= n; k++) rows[r][k] -= f * rows[c][k];
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = rows[r][n];
    for (let k = r + 1; k < n; k++) s -= rows[r][k] * x[k];
    x[r] = s / rows[r][r];
  }
  return x;
}
