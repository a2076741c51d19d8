import type { Segment } from '../formats/svg-path.js';
import { lutSize } from '../flatmap/colormaps.js';
import { colourise, colouriseLabels, drawOver } from '../flatmap/compose.js';
import { segmentPolylines } from '../formats/path-nodes.js';
import { blurred, fillPolygons, newLayer, type Layer } from './coverage.js';
import type { FigureLayer, FigureShape } from './overlay-layers.js';
import { paintLayer, strokeCoverage, strokePolyline, type Canvas, type Rgba } from './draw.js';
import { capHeight, textPolygons, type OutlineFont } from './vector-text.js';

/**
 * A figure like `quickflat.make_figure(vol, with_curvature=True, with_rois=True,
 * with_sulci=…, with_colorbar=True)` (pycortex-formats.md §5): curvature greys, the data through
 * a colour map, sulci (z-order 5) and white ROI outlines (z-order 1000) clipped to the cortex as
 * their layers' clip path says, each layer's names over it, and a horizontal colour bar in
 * matplotlib's 'center' box. The flatmap is composed at its own raster size and enlarged by
 * `scale` (dpi / 100, as matplotlib does when saving a figure of W/100 × H/100 inches at another
 * dpi).
 */

export interface FigureData {
  /** one value per base pixel, NaN transparent */
  image: Float32Array;
  lut: Uint8Array;
  vmin: number;
  vmax: number;
  /** label image coloured by value (no colour bar) */
  categorical?: boolean;
  /** the data layer's opacity, 0–1 (1 as pycortex draws it) */
  opacity?: number;
}

export type FigureRoi = FigureShape;

/** The fonts of a figure: matplotlib's default family, DejaVu Sans. */
export interface FigureFonts {
  /** ROI names (pycortex's label style is bold italic) */
  label: OutlineFont;
  /** colour-bar ticks */
  tick: OutlineFont;
}

export interface FigureInput {
  width: number;
  height: number;
  /** make_figure's curvature grey level per base pixel (0.375 / 0.625), NaN off the brain */
  curvature?: Float32Array;
  data?: FigureData;
  /** the overlay's ROI layer (empty shapes: with_rois=False) */
  rois: FigureLayer;
  /** the overlay's sulci layer, drawn when present (with_sulci) */
  sulci?: FigureLayer;
  svgWidth: number;
  svgHeight: number;
  scale: number;
  labels?: boolean;
  colorbar?: boolean;
  /** ROI outline width in SVG units (make_figure's linewidth; [rois_paths] 2) */
  linewidth?: number;
  /** name size in SVG units (make_figure's labelsize; [overlay_text] 14pt) */
  labelSize?: number;
  fonts: FigureFonts;
}

const WHITE: Rgba = [255, 255, 255, 255];
const BLACK: Rgba = [0, 0, 0, 255];

/** pycortex's label size, 14pt, in SVG user units (1pt = 4/3 units). */
export const LABEL_SIZE = (14 * 4) / 3;
/** pycortex's ROI outline width ([rois_paths] stroke-width), SVG user units. */
export const ROI_LINEWIDTH = 2;
/**
 * Sulci as pycortex 1.3 + Inkscape 1.2 draw them in S1's tutorial figure: a thin white line at
 * [sulci_paths]' stroke-opacity 0.6 (measured about 1.5 units wide there, not the 6 its config
 * names), round caps.
 */
const SULCI_LINEWIDTH = 1.5;
const SULCI_OPACITY = 0.6;
/** The same, as SVG stroke properties. */
export const SULCI_STYLE = `stroke-width:${SULCI_LINEWIDTH};stroke-opacity:${SULCI_OPACITY};stroke-linecap:round`;
/** The standard deviation of pycortex's `dropshadow` filter, in SVG user units. */
const SHADOW_SIGMA = 2;

/** matplotlib's 'center' colour-bar box, figure fractions (left, bottom, width, height). */
export const COLORBAR_BOX = [0.4, 0.07, 0.2, 0.04] as const;

/** Curvature greys and data, at the base raster size. */
export function composeBase(
  input: Pick<FigureInput, 'width' | 'height' | 'curvature' | 'data'>,
): Uint8ClampedArray {
  const n = input.width * input.height;
  const rgba = new Uint8ClampedArray(4 * n);
  if (input.curvature)
    for (let p = 0; p < n; p++) {
      const g = input.curvature[p];
      if (Number.isNaN(g)) continue;
      // matplotlib gray LUT, vmin 0, vmax 1: entry floor(g·256)
      const v = Math.min(255, Math.max(0, Math.floor(g * 256)));
      rgba.set([v, v, v, 255], 4 * p);
    }
  const d = input.data;
  if (d) {
    const over = d.categorical ? colouriseLabels(d.image, d.lut) : colourise(d.image, d.lut, d.vmin, d.vmax);
    const opacity = d.opacity ?? 1;
    if (opacity < 1) for (let i = 3; i < over.length; i += 4) over[i] *= opacity;
    drawOver(rgba, over);
  }
  return rgba;
}

export function makeFigure(input: FigureInput): Canvas {
  const base = composeBase(input);
  const W = Math.max(1, Math.round(input.width * input.scale));
  const H = Math.max(1, Math.round(input.height * input.scale));
  const c: Canvas = { width: W, height: H, rgba: new Uint8ClampedArray(4 * W * H) };
  // nearest-neighbour enlargement (imshow interpolation='nearest'), as matplotlib resamples:
  // about the image's centre, over the figure's size in float inches × dpi. (1960 / 100) · 100
  // is 1960.0000000000002, a hair wider than the image, so every column right of the centre
  // takes its left neighbour's value — the one-column shift of S1's right hemisphere in
  // pycortex's own figures.
  const sx = sampling(input.width, W, (input.width / 100) * (100 * input.scale));
  const sy = sampling(input.height, H, (input.height / 100) * (100 * input.scale));
  const from = new Uint32Array(base.buffer, base.byteOffset, base.length / 4);
  const to = new Uint32Array(c.rgba.buffer, c.rgba.byteOffset, W * H);
  for (let y = 0; y < H; y++) {
    const row = sy[y] * input.width;
    for (let x = 0; x < W; x++) to[y * W + x] = from[row + sx[x]];
  }

  const px: Px = { kx: W / input.svgWidth, ky: H / input.svgHeight, width: W, height: H };
  const labelSize = input.labelSize ?? LABEL_SIZE;
  const labels = input.labels !== false;
  if (input.sulci)
    drawLayer(c, px, input.sulci, {
      linewidth: SULCI_LINEWIDTH,
      opacity: SULCI_OPACITY,
      labels: labels && { font: input.fonts.label, size: labelSize },
    });
  drawLayer(c, px, input.rois, {
    linewidth: input.linewidth ?? ROI_LINEWIDTH,
    opacity: 1,
    labels: labels && { font: input.fonts.label, size: labelSize },
  });
  if (input.colorbar !== false && input.data && !input.data.categorical)
    drawColorbar(c, input.data, input.fonts.tick, input.scale);
  return c;
}

/** Source index of each of `n` output pixels, for `size` source pixels spread over `span` output pixels. */
function sampling(size: number, n: number, span: number): Int32Array {
  const out = new Int32Array(n);
  const centre = Math.floor(size / 2);
  const half = size / 2 - centre;
  // the offset from the centre is floored on its own: added to the centre first, 0.99…9 would round up to 1
  for (let i = 0; i < n; i++)
    out[i] = Math.max(0, Math.min(size - 1, centre + Math.floor(half + ((i - n / 2) * size) / span)));
  return out;
}

/** SVG units → output pixels. */
interface Px {
  kx: number;
  ky: number;
  width: number;
  height: number;
}

interface LayerStyle {
  /** stroke width, SVG units */
  linewidth: number;
  /** stroke opacity (its shadow fades with it, as the filter blurs the stroke's alpha) */
  opacity: number;
  labels: false | { font: OutlineFont; size: number };
}

/**
 * One overlay layer as Inkscape renders it for pycortex: white strokes each over a black
 * `dropshadow` (their coverage blurred, σ = 2 units), the whole shapes group cut by its clip
 * path; then the names, one per path at its label position, white over their own shadow.
 */
function drawLayer(c: Canvas, px: Px, layer: FigureLayer, style: LayerStyle): void {
  const unit = px.ky;
  const strokes = newLayer(px.width, px.height);
  for (const shape of layer.shapes)
    for (const segs of shape.paths)
      for (const line of segmentPolylines(segs))
        strokeCoverage(strokes, toPixels(line.points, px), line.closed, style.linewidth * unit);
  const shadow = blurred(strokes, SHADOW_SIGMA * unit);
  if (layer.clip) {
    const inside = clipMask(layer.clip, px);
    clipTo(strokes, inside);
    clipTo(shadow, inside);
  }
  const white: Rgba = [255, 255, 255, Math.round(255 * style.opacity)];
  const black: Rgba = [0, 0, 0, Math.round(255 * style.opacity)];
  paintLayer(c, shadow, black);
  paintLayer(c, strokes, white);
  if (!style.labels) return;
  const names = newLayer(px.width, px.height);
  for (const shape of layer.shapes)
    for (const at of shape.labels) {
      if (!at) continue;
      // the SVG text's y is its baseline, centred on x (text-anchor middle)
      const [x, y] = at;
      fillPolygons(
        names,
        textPolygons(style.labels.font, shape.name, x * px.kx, y * px.ky, style.labels.size * unit),
      );
    }
  paintLayer(c, blurred(names, SHADOW_SIGMA * unit), BLACK);
  paintLayer(c, names, WHITE);
}

const masks = new WeakMap<Segment[][], { px: Px; mask: Layer }>();

/** A clip path's coverage (nonzero rule), made once per clip path and figure size. */
function clipMask(clip: Segment[][], px: Px): Layer {
  const known = masks.get(clip);
  const same = known && (['kx', 'ky', 'width', 'height'] as const).every((k) => known.px[k] === px[k]);
  if (known && same) return known.mask;
  const mask = newLayer(px.width, px.height);
  fillPolygons(
    mask,
    clip.flatMap((segs) => segmentPolylines(segs).map((line) => toPixels(line.points, px))),
  );
  masks.set(clip, { px, mask });
  return mask;
}

const toPixels = (xy: readonly number[], px: Px): number[] =>
  xy.map((v, i) => (i % 2 === 0 ? v * px.kx : v * px.ky));

/** Keep a layer's coverage only inside `mask` (coverage multiplied, as an antialiased clip does). */
function clipTo(layer: Layer, mask: Layer): void {
  for (let i = 0; i < layer.alpha.length; i++)
    if (layer.alpha[i]) layer.alpha[i] = (layer.alpha[i] * mask.alpha[i]) / 255;
}

/** Up to 3 significant digits, no exponent for ordinary magnitudes. */
export function tickLabel(v: number): string {
  if (v === 0) return '0';
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(v))));
  return String(Number(v.toFixed(Math.min(digits, 6))));
}

/** matplotlib's tick geometry at 100 dpi, in pixels: 3.5pt ticks and padding, 10pt labels. */
const TICK_LENGTH = (3.5 * 100) / 72;
const TICK_LABEL_SIZE = (10 * 100) / 72;

function drawColorbar(c: Canvas, d: FigureData, font: OutlineFont, scale: number): void {
  const [l, b, w, h] = COLORBAR_BOX;
  const x0 = Math.round(l * c.width);
  const x1 = Math.round((l + w) * c.width);
  const y0 = Math.round((1 - b - h) * c.height);
  const y1 = Math.round((1 - b) * c.height);
  const n = lutSize(d.lut);
  for (let x = x0; x < x1; x++) {
    const e = Math.min(n - 1, Math.floor(((x - x0 + 0.5) / (x1 - x0)) * n));
    const colour: Rgba = [d.lut[4 * e], d.lut[4 * e + 1], d.lut[4 * e + 2], d.lut[4 * e + 3]];
    for (let y = y0; y < y1; y++) {
      const i = 4 * (y * c.width + x);
      if (x >= 0 && x < c.width && y >= 0 && y < c.height) c.rgba.set(colour, i);
    }
  }
  const frame = [x0, y0, x1, y0, x1, y1, x0, y1];
  strokePolyline(c, frame, true, 1, BLACK);
  const tick = TICK_LENGTH * scale;
  const size = TICK_LABEL_SIZE * scale;
  // labels hang below the ticks (matplotlib's va='top'): baseline = top + cap height
  const baseline = y1 + 2 * tick + capHeight(font, size);
  const labels = newLayer(c.width, c.height);
  for (const [k, v] of [
    [0, d.vmin],
    [0.5, (d.vmin + d.vmax) / 2],
    [1, d.vmax],
  ] as const) {
    const x = x0 + k * (x1 - x0);
    strokePolyline(c, [x, y1, x, y1 + tick], false, Math.max(1, scale), BLACK);
    fillPolygons(labels, textPolygons(font, tickLabel(v), x, baseline, size));
  }
  paintLayer(c, labels, BLACK);
}

/** numpy's percentile with linear interpolation, of values with NaN counted as 0 (§5.2). */
export function percentile(values: ArrayLike<number>, q: number): number {
  const a = Float64Array.from(values, (v) => (Number.isNaN(v) ? 0 : v)).sort();
  if (a.length === 0) return NaN;
  const pos = (q / 100) * (a.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(a.length - 1, lo + 1);
  return a[lo] + (a[hi] - a[lo]) * (pos - lo);
}
