import type { Layer } from './coverage.js';

/**
 * Minimal RGBA drawing for figure export: round-capped thick lines with antialiased edges, and
 * coverage layers painted in a colour. `rgba` is row-major, 4 bytes per pixel, straight alpha;
 * colours are [r, g, b, a].
 */

export interface Canvas {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
}

export type Rgba = [number, number, number, number];

export function blend(c: Canvas, x: number, y: number, colour: Rgba, coverage: number): void {
  if (x < 0 || y < 0 || x >= c.width || y >= c.height || coverage <= 0) return;
  const i = 4 * (y * c.width + x);
  const a = (colour[3] / 255) * Math.min(1, coverage);
  const b = (c.rgba[i + 3] / 255) * (1 - a);
  const alpha = a + b;
  if (alpha <= 0) return;
  for (let k = 0; k < 3; k++) c.rgba[i + k] = (colour[k] * a + c.rgba[i + k] * b) / alpha;
  c.rgba[i + 3] = alpha * 255;
}

/** A polyline of `width` pixels (coordinates in pixels, pixel centres at +0.5). */
export function strokePolyline(
  c: Canvas,
  xy: ArrayLike<number>,
  closed: boolean,
  width: number,
  colour: Rgba,
): void {
  const box = polylineCoverage(c, xy, closed, width);
  if (!box) return;
  const { x0, y0, w, cover } = box;
  for (let k = 0; k < cover.length; k++) blend(c, x0 + (k % w), y0 + Math.floor(k / w), colour, cover[k]);
}

/** The same polyline added to a coverage layer (each pixel keeps the larger coverage). */
export function strokeCoverage(layer: Layer, xy: ArrayLike<number>, closed: boolean, width: number): void {
  const box = polylineCoverage(layer, xy, closed, width);
  if (!box) return;
  const { x0, y0, w, cover } = box;
  for (let k = 0; k < cover.length; k++) {
    const i = (y0 + Math.floor(k / w)) * layer.width + x0 + (k % w);
    const v = Math.round(255 * Math.min(1, cover[k]));
    if (v > layer.alpha[i]) layer.alpha[i] = v;
  }
}

/** Paint a coverage layer in one colour. */
export function paintLayer(c: Canvas, layer: Layer, colour: Rgba): void {
  for (let i = 0; i < layer.alpha.length; i++)
    if (layer.alpha[i]) blend(c, i % c.width, Math.floor(i / c.width), colour, layer.alpha[i] / 255);
}

/**
 * Coverage (may exceed 1 inside) of a round-capped polyline over its bounding box on a
 * `size.width` × `size.height` image: per pixel the maximum over segments, so joints are not
 * counted twice. Null when nothing is on the image.
 */
function polylineCoverage(
  size: { width: number; height: number },
  xy: ArrayLike<number>,
  closed: boolean,
  width: number,
): { x0: number; y0: number; w: number; cover: Float32Array } | null {
  const n = xy.length / 2;
  if (n < 2) return null;
  const r = width / 2;
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity; // prettier-ignore
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, xy[2 * i]);
    maxX = Math.max(maxX, xy[2 * i]);
    minY = Math.min(minY, xy[2 * i + 1]);
    maxY = Math.max(maxY, xy[2 * i + 1]);
  }
  const x0 = Math.max(0, Math.floor(minX - r - 1));
  const x1 = Math.min(size.width - 1, Math.ceil(maxX + r + 1));
  const y0 = Math.max(0, Math.floor(minY - r - 1));
  const y1 = Math.min(size.height - 1, Math.ceil(maxY + r + 1));
  if (x0 > x1 || y0 > y1) return null;
  const bw = x1 - x0 + 1;
  const cover = new Float32Array(bw * (y1 - y0 + 1));
  const segs = closed ? n : n - 1;
  for (let s = 0; s < segs; s++) {
    const ax = xy[2 * s];
    const ay = xy[2 * s + 1];
    const bx = xy[2 * ((s + 1) % n)];
    const by = xy[2 * ((s + 1) % n) + 1];
    const sx0 = Math.max(x0, Math.floor(Math.min(ax, bx) - r - 1));
    const sx1 = Math.min(x1, Math.ceil(Math.max(ax, bx) + r + 1));
    const sy0 = Math.max(y0, Math.floor(Math.min(ay, by) - r - 1));
    const sy1 = Math.min(y1, Math.ceil(Math.max(ay, by) + r + 1));
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    for (let y = sy0; y <= sy1; y++)
      for (let x = sx0; x <= sx1; x++) {
        const px = x + 0.5;
        const py = y + 0.5;
        let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const d = Math.hypot(ax + t * dx - px, ay + t * dy - py);
        const cov = r + 0.5 - d;
        const k = (y - y0) * bw + (x - x0);
        if (cov > cover[k]) cover[k] = cov;
      }
  }
  return { x0, y0, w: bw, cover };
}
