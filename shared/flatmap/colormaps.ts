import {
  interpolateInferno,
  interpolateMagma,
  interpolatePlasma,
  interpolateViridis,
  schemeCategory10,
  schemePaired,
  schemeRdBu,
  schemeSet3,
} from 'd3-scale-chromatic';

/**
 * 256-entry RGBA colour tables (Uint8Array, 4 bytes per entry) matching matplotlib's maps.
 * viridis/magma/inferno/plasma are matplotlib's own 256 colours (d3-scale-chromatic carries
 * them); RdBu_r and the jet-like J4 are built the way matplotlib builds segmented maps (linear
 * interpolation at i/255, bytes by truncation); gray is i → (i, i, i).
 */
export type Lut = Uint8Array;

export interface ColormapInfo {
  id: string;
  label: string;
}

export const COLORMAPS: readonly ColormapInfo[] = [
  { id: 'magma', label: 'magma' },
  { id: 'viridis', label: 'viridis' },
  { id: 'inferno', label: 'inferno' },
  { id: 'plasma', label: 'plasma' },
  { id: 'gray', label: 'gray' },
  { id: 'RdBu_r', label: 'RdBu_r' },
  { id: 'J4', label: 'J4 (jet-like)' },
];

function hexRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function sampled(interpolate: (t: number) => string): Lut {
  const lut = new Uint8Array(1024);
  for (let i = 0; i < 256; i++) {
    // d3's ramp returns colour floor(t·256): the centre of entry i picks matplotlib's colour i
    lut.set([...hexRgb(interpolate((i + 0.5) / 256)), 255], 4 * i);
  }
  return lut;
}

/** matplotlib segment data: per channel, [x, value] stops with x from 0 to 1. */
type Segments = [number, number][];

function segmented(r: Segments, g: Segments, b: Segments): Lut {
  const lut = new Uint8Array(1024);
  const at = (stops: Segments, x: number) => {
    let k = 1;
    while (k < stops.length - 1 && stops[k][0] < x) k++;
    const [x0, y0] = stops[k - 1];
    const [x1, y1] = stops[k];
    return x1 === x0 ? y1 : y0 + ((x - x0) / (x1 - x0)) * (y1 - y0);
  };
  for (let i = 0; i < 256; i++) {
    const x = i / 255;
    // matplotlib's bytes are (value·255) truncated; the epsilon keeps exact stops exact
    const byte = (v: number) => Math.min(255, Math.trunc(v * 255 + 1e-9));
    lut.set([byte(at(r, x)), byte(at(g, x)), byte(at(b, x)), 255], 4 * i);
  }
  return lut;
}

/** Equally spaced colour stops (matplotlib's `from_list`). */
function fromList(colours: readonly string[]): Lut {
  const rgb = colours.map(hexRgb);
  const stops = (c: number): Segments => rgb.map((v, k) => [k / (rgb.length - 1), v[c] / 255]);
  return segmented(stops(0), stops(1), stops(2));
}

function gray(): Lut {
  const lut = new Uint8Array(1024);
  for (let i = 0; i < 256; i++) lut.set([i, i, i, 255], 4 * i);
  return lut;
}

// matplotlib's jet segment data (public definition)
const JET: [Segments, Segments, Segments] = [
  [[0, 0], [0.35, 0], [0.66, 1], [0.89, 1], [1, 0.5]], // prettier-ignore
  [[0, 0], [0.125, 0], [0.375, 1], [0.64, 1], [0.91, 0], [1, 0]], // prettier-ignore
  [[0, 0.5], [0.11, 1], [0.34, 1], [0.65, 0], [1, 0]], // prettier-ignore
];

const builders: Record<string, () => Lut> = {
  magma: () => sampled(interpolateMagma),
  viridis: () => sampled(interpolateViridis),
  inferno: () => sampled(interpolateInferno),
  plasma: () => sampled(interpolatePlasma),
  gray,
  RdBu_r: () => fromList([...schemeRdBu[11]].reverse()),
  J4: () => segmented(...JET),
};

const cache = new Map<string, Lut>();

/** The LUT of a continuous colour map; unknown names throw. */
export function colormapLut(id: string): Lut {
  let lut = cache.get(id);
  if (!lut) {
    const build = builders[id];
    if (!build) throw new Error(`unknown colour map "${id}" (known: ${Object.keys(builders).join(', ')})`);
    cache.set(id, (lut = build()));
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
