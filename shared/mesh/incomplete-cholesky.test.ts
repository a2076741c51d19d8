import { describe, expect, it } from 'vitest';
import { incompleteCholesky, type SparseSymmetric } from './incomplete-cholesky.js';

/** A dense symmetric matrix as the sparse input, every off-diagonal entry in the pattern. */
function dense(rows: number[][], active = (_: number) => true): SparseSymmetric {
  const n = rows.length;
  const indptr = new Uint32Array(n + 1);
  const indices: number[] = [];
  const off: number[] = [];
  for (let i = 0; i < n; i++) {
    // columns deliberately unsorted: the factor sorts its rows
    for (let j = n - 1; j >= 0; j--)
      if (j !== i) {
        indices.push(j);
        off.push(rows[i][j]);
      }
    indptr[i + 1] = indices.length;
  }
  return {
    n,
    diag: Float64Array.from(rows, (r, i) => r[i]),
    indptr,
    indices: Uint32Array.from(indices),
    off: Float64Array.from(off),
    active,
  };
}

const multiply = (rows: number[][], x: Float64Array) =>
  Float64Array.from(rows, (r) => r.reduce((s, v, j) => s + v * x[j], 0));

describe('incomplete Cholesky', () => {
  const a = [
    [4, -1, 0, -1],
    [-1, 4, -1, 0],
    [0, -1, 4, -1],
    [-1, 0, -1, 4],
  ];

  it('with the full pattern it is the exact Cholesky factor: the preconditioner solves A z = r', () => {
    const solve = incompleteCholesky(dense(a))!;
    const r = Float64Array.from([1, 2, 3, 4]);
    const z = new Float64Array(4);
    solve(r, z);
    const back = multiply(a, z);
    for (let i = 0; i < 4; i++) expect(back[i]).toBeCloseTo(r[i], 12);
  });

  it('inactive rows are the identity and do not couple to the others', () => {
    const solve = incompleteCholesky(dense(a, (i) => i !== 2))!;
    const r = Float64Array.from([1, 2, 3, 4]);
    const z = new Float64Array(4);
    solve(r, z);
    expect(z[2]).toBe(3);
    const sub = [
      [4, -1, -1],
      [-1, 4, 0],
      [-1, 0, 4],
    ];
    const back = multiply(sub, Float64Array.from([z[0], z[1], z[3]]));
    expect([...back].map((v) => Math.round(v * 1e9) / 1e9)).toEqual([1, 2, 4]);
  });

  it('a pivot that is not positive is reported, and a diagonal shift can cure it', () => {
    const indefinite = [
      [1, 2],
      [2, 1],
    ];
    expect(incompleteCholesky(dense(indefinite))).toBeNull();
    expect(incompleteCholesky(dense(indefinite), 2)).not.toBeNull();
  });
});
