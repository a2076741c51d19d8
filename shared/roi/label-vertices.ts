/**
 * Which template label each surface vertex carries: the value of the voxel nearest to the
 * vertex's mid-depth point ((wm + pia)/2), found with the transform's `coord` matrix and
 * numpy-style rounding (round half to even, pycortex-formats.md §3.2, §4.6). This is the
 * reference a traced ROI is scored against.
 */

import { roundHalfEven } from '../flatmap/round-half-even.js';

/**
 * Flat voxel index (i + nx·(j + ny·k)) of each vertex's mid-depth point, or -1 when it falls
 * outside the grid. `wm` and `pia` are merged (left then right) N×3 coordinates.
 */
export function midDepthVoxels(
  wm: Float32Array,
  pia: Float32Array,
  coord: number[][],
  dims: readonly [number, number, number],
): Int32Array {
  const n = wm.length / 3;
  const out = new Int32Array(n);
  const [nx, ny, nz] = dims;
  for (let v = 0; v < n; v++) {
    const x = (wm[3 * v] + pia[3 * v]) / 2;
    const y = (wm[3 * v + 1] + pia[3 * v + 1]) / 2;
    const z = (wm[3 * v + 2] + pia[3 * v + 2]) / 2;
    const i = roundHalfEven(coord[0][0] * x + coord[0][1] * y + coord[0][2] * z + coord[0][3]);
    const j = roundHalfEven(coord[1][0] * x + coord[1][1] * y + coord[1][2] * z + coord[1][3]);
    const k = roundHalfEven(coord[2][0] * x + coord[2][1] * y + coord[2][2] * z + coord[2][3]);
    out[v] = i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz ? -1 : i + nx * (j + ny * k);
  }
  return out;
}

/** Sorted merged indices of the flat-valid vertices whose mid-depth voxel holds `label`. */
export function labelVertices(
  voxels: Int32Array,
  volume: ArrayLike<number>,
  valid: Uint8Array,
  label: number,
): Uint32Array {
  const out: number[] = [];
  for (let v = 0; v < voxels.length; v++) {
    if (valid[v] && voxels[v] >= 0 && volume[voxels[v]] === label) out.push(v);
  }
  return Uint32Array.from(out);
}

/** |A ∩ B| / |A ∪ B| of two sorted index lists (1 when both are empty). */
export function jaccard(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      both++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  const union = a.length + b.length - both;
  return union === 0 ? 1 : both / union;
}
