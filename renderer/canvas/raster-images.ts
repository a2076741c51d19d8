import type { CurvatureImage, LabelEntry } from '../../shared/api.js';
import { colormapLut, labelLut } from '../../shared/flatmap/colormaps.js';
import { colourise } from '../../shared/flatmap/compose.js';

/** Flatmap rasters (row 0 at the top, C order) → RGBA pixels for a canvas. */

export interface Rgba extends ImageDataLike {
  width: number;
  height: number;
}

export interface ImageDataLike {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** pycortex's grey curvature levels (0.375 sulci, 0.625 gyri) through `gray`; off the brain transparent. */
export function curvatureRgba(img: CurvatureImage): ImageDataLike {
  const data = new Uint8ClampedArray(img.width * img.height * 4);
  for (let p = 0; p < img.value.length; p++) {
    const g = img.value[p];
    if (Number.isNaN(g)) continue;
    const level = Math.min(255, Math.max(0, Math.floor(g * 256)));
    data[4 * p] = level;
    data[4 * p + 1] = level;
    data[4 * p + 2] = level;
    data[4 * p + 3] = 255;
  }
  return { width: img.width, height: img.height, data };
}

/** Continuous values through a colour map (matplotlib's rule); NaN transparent. */
export function continuousRgba(
  values: Float32Array,
  width: number,
  height: number,
  colourMap: string,
  vmin: number,
  vmax: number,
): ImageDataLike {
  return { width, height, data: colourise(values, colormapLut(colourMap), vmin, vmax) };
}

/** The colour of each label: its .ctab colour, else a categorical one. */
export function labelColour(
  index: number,
  labels: readonly LabelEntry[] | undefined,
): [number, number, number] {
  const entry = labels?.find((l) => l.index === index);
  if (entry?.rgba && (entry.rgba[0] || entry.rgba[1] || entry.rgba[2])) {
    return [entry.rgba[0], entry.rgba[1], entry.rgba[2]];
  }
  const lut = labelLut();
  const k = 4 * (((index % 255) + 255) % 255 || 255);
  return [lut[k], lut[k + 1], lut[k + 2]];
}

/** Label values (NaN and 0 = none) as categorical colours; `only` keeps a single label. */
export function labelRgba(
  values: Float32Array,
  width: number,
  height: number,
  labels: readonly LabelEntry[] | undefined,
  only: number | null,
): ImageDataLike {
  const data = new Uint8ClampedArray(width * height * 4);
  const colours = new Map<number, [number, number, number]>();
  for (let p = 0; p < values.length; p++) {
    const v = values[p];
    if (Number.isNaN(v) || v === 0 || (only !== null && v !== only)) continue;
    let c = colours.get(v);
    if (!c) {
      c = labelColour(v, labels);
      colours.set(v, c);
    }
    data[4 * p] = c[0];
    data[4 * p + 1] = c[1];
    data[4 * p + 2] = c[2];
    data[4 * p + 3] = 255;
  }
  return { width, height, data };
}

/** Labels present in a label image, with their pixel counts, ascending by label. */
export function labelsPresent(values: Float32Array): { index: number; pixels: number }[] {
  const counts = new Map<number, number>();
  for (const v of values) if (!Number.isNaN(v) && v !== 0) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([index, pixels]) => ({ index, pixels }));
}
