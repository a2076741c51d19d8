import type { Segment } from '../formats/svg-path.js';
import { colourise, colouriseLabels, drawOver } from '../flatmap/compose.js';
import { flattenCubic } from '../roi/agg-flatten.js';
import { labelPosition } from '../roi/label-position.js';
import { blurred, fillPolygons, newLayer } from './coverage.js';
import { paintLayer, strokeCoverage, strokePolyline, type Canvas, type Rgba } from './draw.js';
import { capHeight, textPolygons, type OutlineFont } from './vector-text.js';

/**
 * A figure like `quickflat.make_figure(vol, with_curvature=True, with_rois=True,
 * with_colorbar=True)` (pycortex-formats.md §5): curvature greys, the data through a colour map,
 * white ROI outlines with their names, and a horizontal colour bar in matplotlib's 'center' box.
 * The flatmap is composed at its own raster size and enlarged by `scale` (dpi / 100, as
 * matplotlib does when saving a figure of W/100 × H/100 inches at another dpi).
 */

export interface FigureData {
  /** one value per base pixel, NaN transparent */
  image: Float32Array;
  lut: Uint8Array;
  vmin: number;
  vmax: number;
  /** label image coloured by value (no colour bar) */
  categorical?: boolean;
}

export interface FigureRoi {
  name: string;
  /** absolute segments of each path, SVG user units */
  paths: Segment[][];
}

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
  rois: FigureRoi[];
  svgWidth: number;
  svgHeight: number;
  scale: number;
  labels?: boolean;
  colorbar?: boolean;
  fonts: FigureFonts;
}

const WHITE: Rgba = [255, 255, 255, 255];
const BLACK: Rgba = [0, 0, 0, 255];

/** pycortex's label size, 14pt, in SVG user units (1pt = 4/3 units). */
const LABEL_SIZE = (14 * 4) / 3;
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
  if (d)
    drawOver(
      rgba,
      d.categorical ? colouriseLabels(d.image, d.lut) : colourise(d.image, d.lut, d.vmin, d.vmax),
    );
  return rgba;
}

export function makeFigure(input: FigureInput): Canvas {
  const base = composeBase(input);
  const W = Math.max(1, Math.round(input.width * input.scale));
  const H = Math.max(1, Math.round(input.height * input.scale));
  const c: Canvas = { width: W, height: H, rgba: new Uint8ClampedArray(4 * W * H) };
  // nearest-neighbour enlargement (imshow interpolation='nearest')
  for (let y = 0; y < H; y++) {
    const sy = Math.min(input.height - 1, Math.floor(((y + 0.5) * input.height) / H));
    for (let x = 0; x < W; x++) {
      const sx = Math.min(input.width - 1, Math.floor(((x + 0.5) * input.width) / W));
      c.rgba.set(
        base.subarray(4 * (sy * input.width + sx), 4 * (sy * input.width + sx) + 4),
        4 * (y * W + x),
      );
    }
  }

  // SVG units → output pixels; outlines 2 SVG units wide, as the rois_paths default. Outlines
  // and names are white over a black halo (their coverage blurred), as pycortex's dropshadow
  const kx = W / input.svgWidth;
  const ky = H / input.svgHeight;
  const unit = H / input.svgHeight;
  const white = newLayer(W, H);
  for (const roi of input.rois)
    for (const segs of roi.paths)
      for (const ring of polylines(segs)) {
        const px = ring.xy.map((v, i) => (i % 2 === 0 ? v * kx : v * ky));
        strokeCoverage(white, px, ring.closed, 2 * unit);
      }
  if (input.labels !== false)
    for (const roi of input.rois)
      for (const segs of roi.paths) {
        if (segs.length < 2) continue;
        const [x, y] = labelPosition(segs);
        // the SVG text's y is its baseline, centred on x (text-anchor middle)
        fillPolygons(white, textPolygons(input.fonts.label, roi.name, x * kx, y * ky, LABEL_SIZE * unit));
      }
  paintLayer(c, blurred(white, SHADOW_SIGMA * unit), BLACK);
  paintLayer(c, white, WHITE);
  if (input.colorbar !== false && input.data && !input.data.categorical)
    drawColorbar(c, input.data, input.fonts.tick, input.scale);
  return c;
}

interface Polyline {
  xy: number[];
  closed: boolean;
}

/** Subpaths of absolute segments as polylines (cubics flattened like Agg). */
export function polylines(segs: readonly Segment[]): Polyline[] {
  const out: Polyline[] = [];
  let cur: Polyline | null = null;
  let sx = 0;
  let sy = 0;
  let lx = 0;
  let ly = 0;
  for (const s of segs) {
    if (s.cmd === 'M') {
      cur = { xy: [s.x, s.y], closed: false };
      out.push(cur);
      [sx, sy, lx, ly] = [s.x, s.y, s.x, s.y];
    } else if (s.cmd === 'L') {
      cur?.xy.push(s.x, s.y);
      [lx, ly] = [s.x, s.y];
    } else if (s.cmd === 'C') {
      if (cur) flattenCubic(lx, ly, s.x1, s.y1, s.x2, s.y2, s.x, s.y, cur.xy);
      [lx, ly] = [s.x, s.y];
    } else if (cur) {
      cur.closed = true;
      [lx, ly] = [sx, sy];
    }
  }
  return out;
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
  for (let x = x0; x < x1; x++) {
    const e = Math.min(255, Math.floor(((x - x0 + 0.5) / (x1 - x0)) * 256));
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
