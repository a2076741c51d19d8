import type { RasterSize } from '../api.js';

/**
 * Per-frame image work for the renderer (pure, typed arrays only): volume values through a
 * pixel map, vertex values through a vertex map, and colour through a 256-entry LUT.
 */

/** The CSR part of a pixel map that composing needs. */
export interface PixelSamples extends RasterSize {
  indptr: Uint32Array;
  voxels: Int32Array;
  weights: Float32Array;
  mid: Int32Array;
}

/**
 * pycortex's flatmap of a continuous volume (§4.7, nanmean off): the weighted mean of each
 * pixel's samples; NaN where a pixel has no samples or any sample is NaN.
 */
export function meanImage(map: PixelSamples, values: ArrayLike<number>, out?: Float32Array): Float32Array {
  const n = map.width * map.height;
  const img = out ?? new Float32Array(n);
  const { indptr, voxels, weights } = map;
  for (let p = 0; p < n; p++) {
    const a = indptr[p];
    const b = indptr[p + 1];
    if (a === b) {
      img[p] = NaN;
      continue;
    }
    let s = 0;
    for (let k = a; k < b; k++) s += weights[k] * values[voxels[k]];
    img[p] = s;
  }
  return img;
}

/**
 * Crisp label image: the voxel at the chosen depth, never a blend of labels. Negative labels
 * (NSD's −1 = outside the cortical ribbon) and pixels off the brain are NaN.
 */
export function labelImage(map: PixelSamples, values: ArrayLike<number>, out?: Float32Array): Float32Array {
  const n = map.width * map.height;
  const img = out ?? new Float32Array(n);
  const { mid } = map;
  for (let p = 0; p < n; p++) {
    const v = mid[p];
    const x = v < 0 ? NaN : values[v];
    img[p] = x < 0 ? NaN : x;
  }
  return img;
}

/** Vertex data on the flatmap: the value of each pixel's nearest valid vertex, NaN off the brain. */
export function vertexImage(vertex: Int32Array, values: ArrayLike<number>, out?: Float32Array): Float32Array {
  const img = out ?? new Float32Array(vertex.length);
  for (let p = 0; p < vertex.length; p++) {
    const v = vertex[p];
    img[p] = v < 0 ? NaN : values[v];
  }
  return img;
}
