import type { PixelMap } from '../api.js';

/**
 * Per-frame image work for the renderer (pure, typed arrays only): volume values through a
 * pixel map, vertex values through a vertex map, and colour through a 256-entry LUT.
 */

/** The CSR part of a pixel map that composing needs. */
export type PixelSamples = Pick<PixelMap, 'width' | 'height' | 'indptr' | 'voxels' | 'weights' | 'mid'>;

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

function view32(bytes: Uint8Array | Uint8ClampedArray): Uint32Array {
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
}

/**
 * Colour a float image through a 256-entry RGBA LUT the way matplotlib's imshow does:
 * x = (v − vmin)/(vmax − vmin), entry floor(x·256) clamped to [0, 255]; NaN transparent.
 */
export function colourise(
  img: Float32Array,
  lut: Uint8Array,
  vmin: number,
  vmax: number,
  out?: Uint8ClampedArray,
): Uint8ClampedArray {
  const rgba = out ?? new Uint8ClampedArray(4 * img.length);
  const dst = view32(rgba);
  const colours = view32(lut);
  const scale = vmax > vmin ? 256 / (vmax - vmin) : 0;
  for (let p = 0; p < img.length; p++) {
    const v = img[p];
    if (v !== v) {
      dst[p] = 0;
      continue;
    }
    const x = (v - vmin) * scale;
    dst[p] = colours[x <= 0 ? 0 : x >= 255 ? 255 : x | 0];
  }
  return rgba;
}

/** Colour an integer label image: entry = label value (NaN, negative or > 255 transparent). */
export function colouriseLabels(
  img: Float32Array,
  lut: Uint8Array,
  out?: Uint8ClampedArray,
): Uint8ClampedArray {
  const rgba = out ?? new Uint8ClampedArray(4 * img.length);
  const dst = view32(rgba);
  const colours = view32(lut);
  for (let p = 0; p < img.length; p++) {
    const v = img[p];
    dst[p] = v >= 0 && v <= 255 ? colours[v | 0] : 0;
  }
  return rgba;
}

/** `over` drawn on top of `under` (straight alpha, "source over"), written into `under`. */
export function drawOver(under: Uint8ClampedArray, over: Uint8ClampedArray): Uint8ClampedArray {
  for (let i = 0; i < under.length; i += 4) {
    const a = over[i + 3] / 255;
    if (a === 0) continue;
    const b = (under[i + 3] / 255) * (1 - a);
    const alpha = a + b;
    for (let k = 0; k < 3; k++) under[i + k] = (over[i + k] * a + under[i + k] * b) / alpha;
    under[i + 3] = alpha * 255;
  }
  return under;
}
