import type { PixelMap } from '../api.js';
import { PIXEL_BLOCK } from './pixel-block.js';

/**
 * Per-frame image work for the renderer (pure, typed arrays only): volume values through a
 * pixel map, vertex values through a vertex map, and colour through a 256-entry LUT.
 */

/** The part of a pixel map that composing needs. */
export type PixelSamples = Pick<
  PixelMap,
  'width' | 'height' | 'thick' | 'pixels' | 'lengths' | 'voxels' | 'samples' | 'mid'
>;

/**
 * pycortex's flatmap of a continuous volume (§4.7, nanmean off): the weighted mean of each
 * pixel's samples; NaN where a pixel has no samples or any sample is NaN. Block by block, one
 * loop per row length, unrolled for the common ones (1–4 voxels), so no branch depends on the row.
 */
export function meanImage(map: PixelSamples, values: ArrayLike<number>, out?: Float32Array): Float32Array {
  const size = map.width * map.height;
  const img = out ?? new Float32Array(size);
  const { pixels, lengths, voxels: v, samples: s } = map;
  const stride = map.thick + 1;
  const w = 1 / map.thick;
  let i = 0;
  let k = 0;
  for (let b = 0, g = 0; g < lengths.length; b++, g += stride) {
    img.fill(NaN, b * PIXEL_BLOCK, Math.min(size, (b + 1) * PIXEL_BLOCK));
    for (let n = 1; n < stride; n++) {
      const end = i + lengths[g + n];
      if (n === 1) for (; i < end; i++, k++) img[pixels[i]] = s[k] * values[v[k]] * w;
      else if (n === 2)
        for (; i < end; i++, k += 2) img[pixels[i]] = (s[k] * values[v[k]] + s[k + 1] * values[v[k + 1]]) * w;
      else if (n === 3)
        for (; i < end; i++, k += 3)
          img[pixels[i]] =
            (s[k] * values[v[k]] + s[k + 1] * values[v[k + 1]] + s[k + 2] * values[v[k + 2]]) * w;
      else if (n === 4)
        for (; i < end; i++, k += 4)
          img[pixels[i]] =
            (s[k] * values[v[k]] +
              s[k + 1] * values[v[k + 1]] +
              s[k + 2] * values[v[k + 2]] +
              s[k + 3] * values[v[k + 3]]) *
            w;
      else
        for (; i < end; i++) {
          let sum = 0;
          for (const stop = k + n; k < stop; k++) sum += s[k] * values[v[k]];
          img[pixels[i]] = sum * w;
        }
    }
  }
  return img;
}

/**
 * The same with pycortex's `nanmean=True` (§4.7): NaN samples are left out of each pixel's mean
 * (weights renormalised over the rest); a pixel whose samples are all NaN, or that has none, is NaN.
 */
export function nanMeanImage(map: PixelSamples, values: ArrayLike<number>): Float32Array {
  const img = new Float32Array(map.width * map.height).fill(NaN);
  const { pixels, lengths, voxels: v, samples: s } = map;
  const stride = map.thick + 1;
  let i = 0;
  let k = 0;
  for (let g = 0; g < lengths.length; g += stride)
    for (let n = 1; n < stride; n++)
      for (const end = i + lengths[g + n]; i < end; i++) {
        let sum = 0;
        let weight = 0;
        for (const stop = k + n; k < stop; k++) {
          const x = values[v[k]];
          if (x === x) {
            sum += s[k] * x;
            weight += s[k];
          }
        }
        img[pixels[i]] = sum / weight;
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
 * Colour a float image through an N-entry RGBA LUT (usually 256) the way matplotlib's imshow
 * does: x = (v − vmin)/(vmax − vmin), entry floor(x·N) clamped to [0, N − 1]; NaN transparent.
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
  const last = colours.length - 1;
  const scale = vmax > vmin ? colours.length / (vmax - vmin) : 0;
  for (let p = 0; p < img.length; p++) {
    const v = img[p];
    if (v !== v) {
      dst[p] = 0;
      continue;
    }
    const x = (v - vmin) * scale;
    dst[p] = colours[x <= 0 ? 0 : x >= last ? last : x | 0];
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
