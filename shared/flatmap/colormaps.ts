import { schemeCategory10, schemePaired, schemeSet3 } from 'd3-scale-chromatic';
import { decodeBase64 } from '../formats/base64.js';
import { PYCORTEX_2D, PYCORTEX_ROWS } from './pycortex-colormap-data.js';

/**
 * RGBA colour tables (Uint8Array, 4 bytes per entry, usually 256 entries) as pycortex finds a
 * `cmap` name: among the colour-map images it ships, whose one row, left to right, is the table
 * (matplotlib's ListedColormap; imread's v/255 times 255 truncates back to v, so the bytes are
 * the image's). pycortex ships every matplotlib map ROI Studio offers (magma, viridis, RdBu_r,
 * jet, gray, …), and looks there before asking matplotlib.
 */
export type Lut = Uint8Array;

export interface ColormapInfo {
  id: string;
  label: string;
}

function hexRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const byName = (a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase()) || a.localeCompare(b);

/** Every 1-D colour map a figure or the editor can use, by name (case-insensitive order). */
export const COLORMAPS: readonly ColormapInfo[] = Object.keys(PYCORTEX_ROWS)
  .sort(byName)
  .map((id) => ({ id, label: id }));

const cache = new Map<string, Lut>();

/** The LUT of a 1-D colour map; 2-D maps (for two-valued data) and unknown names throw. */
export function colormapLut(id: string): Lut {
  let lut = cache.get(id);
  if (!lut) {
    if (Object.hasOwn(PYCORTEX_ROWS, id)) lut = decodeBase64(PYCORTEX_ROWS[id]);
    else if (PYCORTEX_2D.includes(id))
      throw new Error(
        `"${id}" is one of pycortex's 2-D colour maps (for two-valued data); choose a 1-D map such as magma or RdBu_r`,
      );
    else throw new Error(`unknown colour map "${id}" (known: ${COLORMAPS.map((c) => c.id).join(', ')})`);
    cache.set(id, lut);
  }
  return lut;
}

/** Number of colours in a LUT. */
export const lutSize = (lut: Lut): number => lut.length / 4;

/** matplotlib's `gray` (i → (i, i, i)), which pycortex's curvature background is drawn with. */
export function grayLut(): Lut {
  let lut = cache.get('matplotlib:gray');
  if (!lut) {
    lut = new Uint8Array(1024);
    for (let i = 0; i < 256; i++) lut.set([i, i, i, 255], 4 * i);
    cache.set('matplotlib:gray', lut);
  }
  return lut;
}

const CATEGORICAL = [...schemeCategory10, ...schemePaired, ...schemeSet3];

/**
 * Colours for label values: entry 0 (cortex without a label) is transparent so the curvature
 * shows through; labels 1…255 cycle through distinct categorical colours.
 */
export function labelLut(): Lut {
  let lut = cache.get('labels');
  if (!lut) {
    lut = new Uint8Array(1024);
    for (let i = 1; i < 256; i++) lut.set([...hexRgb(CATEGORICAL[(i - 1) % CATEGORICAL.length]), 255], 4 * i);
    cache.set('labels', lut);
  }
  return lut;
}
