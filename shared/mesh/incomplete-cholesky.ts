/**
 * Zero fill-in incomplete Cholesky factor A ≈ L·Lᵀ of a sparse symmetric positive definite
 * matrix, as a preconditioner for conjugate gradients: on a mesh Laplacian system it cuts the
 * iterations about threefold against a diagonal (Jacobi) preconditioner.
 */

/** A = diag + off-diagonals in CSR (row i holds A_ij for j ≠ i), over the `active` rows only. */
export interface SparseSymmetric {
  n: number;
  diag: Float64Array;
  indptr: Uint32Array;
  indices: Uint32Array;
  off: Float64Array;
  /** rows (and columns) that take part; the others are treated as identity */
  active: (i: number) => boolean;
}

/** z = (L·Lᵀ)⁻¹ r. */
export type Preconditioner = (r: Float64Array, z: Float64Array) => void;

/**
 * The factor of A + shift·diag(A), or null when a pivot is not positive (cotangent weights of
 * obtuse triangles make A no M-matrix, so plain IC(0) can break down; a small diagonal shift
 * usually cures it).
 */
export function incompleteCholesky(a: SparseSymmetric, shift = 0): Preconditioner | null {
  const { n, diag, indptr, indices, off, active } = a;
  // strictly lower part, rows sorted by column
  const start = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) {
    let count = 0;
    if (active(i))
      for (let k = indptr[i]; k < indptr[i + 1]; k++) if (indices[k] < i && active(indices[k])) count++;
    start[i + 1] = start[i] + count;
  }
  const col = new Uint32Array(start[n]);
  const val = new Float64Array(start[n]);
  for (let i = 0; i < n; i++) {
    if (!active(i)) continue;
    let q = start[i];
    for (let k = indptr[i]; k < indptr[i + 1]; k++) {
      const j = indices[k];
      if (j < i && active(j)) {
        // insertion into the sorted row: mesh rows hold a handful of neighbours
        let z = q++;
        while (z > start[i] && col[z - 1] > j) {
          col[z] = col[z - 1];
          val[z] = val[z - 1];
          z--;
        }
        col[z] = j;
        val[z] = off[k];
      }
    }
  }

  // row by row: L_ij = (A_ij − Σ_m L_im L_jm) / L_jj over the pattern, L_ii = √(A_ii − Σ_j L_ij²)
  const pivot = new Float64Array(n).fill(1);
  const row = new Float64Array(n); // row i of L so far, scattered
  for (let i = 0; i < n; i++) {
    if (!active(i)) continue;
    let d = diag[i] * (1 + shift);
    for (let k = start[i]; k < start[i + 1]; k++) {
      const j = col[k];
      let s = val[k];
      for (let m = start[j]; m < start[j + 1]; m++) s -= val[m] * row[col[m]];
      const v = s / pivot[j];
      val[k] = v;
      row[j] = v;
      d -= v * v;
    }
    if (!(d > 0)) return null;
    pivot[i] = Math.sqrt(d);
    for (let k = start[i]; k < start[i + 1]; k++) row[col[k]] = 0;
  }

  return (r, z) => {
    // L y = r, then Lᵀ z = y (column-wise, so the lower rows serve both)
    for (let i = 0; i < n; i++) {
      let s = r[i];
      for (let k = start[i]; k < start[i + 1]; k++) s -= val[k] * z[col[k]];
      z[i] = s / pivot[i];
    }
    for (let i = n - 1; i >= 0; i--) {
      const zi = z[i] / pivot[i];
      z[i] = zi;
      for (let k = start[i]; k < start[i + 1]; k++) z[col[k]] -= val[k] * zi;
    }
  };
}
