import { ADVANCE, GLYPH_HEIGHT, glyph } from './font5x7.js';

/**
 * Minimal RGBA drawing for figure export: round-capped thick lines with antialiased edges and
 * bitmap text. `rgba` is row-major, 4 bytes per pixel, straight alpha; colours are [r, g, b, a].
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
  const n = xy.length / 2;
  if (n < 2) return;
  const r = width / 2;
  // coverage per pixel = max over segments, so joints are not painted twice
  const x0 = Math.max(0, Math.floor(Math.min(...Array.from({ length: n }, (_, i) => xy[2 * i])) - r - 1));
  const x1 = Math.min(
    c.width - 1,
    Math.ceil(Math.max(...Array.from({ length: n }, (_, i) => xy[2 * i])) + r + 1),
  );
  const y0 = Math.max(0, Math.floor(Math.min(...Array.from({ length: n }, (_, i) => xy[2 * i + 1])) - r - 1));
  const y1 = Math.min(
    c.height - 1,
    Math.ceil(Math.max(...Array.from({ length: n }, (_, i) => xy[2 * i + 1])) + r + 1),
  );
  if (x0 > x1 || y0 > y1) return;
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
  for (let y = y0; y <= y1; y++)
    for (let x = x0; x <= x1; x++) blend(c, x, y, colour, cover[(y - y0) * bw + (x - x0)]);
}

/** Width in pixels of `text` at `scale` pixels per glyph pixel. */
export function textWidth(text: string, scale: number): number {
  return text.length === 0 ? 0 : (text.length * ADVANCE - 1) * scale;
}

/** Text with its centre (anchor 'middle') or left edge at x, vertical centre at y. */
export function drawText(
  c: Canvas,
  text: string,
  x: number,
  y: number,
  scale: number,
  colour: Rgba,
  anchor: 'start' | 'middle' = 'middle',
): void {
  const left = Math.round(anchor === 'middle' ? x - textWidth(text, scale) / 2 : x);
  const top = Math.round(y - (GLYPH_HEIGHT * scale) / 2);
  for (let i = 0; i < text.length; i++) {
    const rows = glyph(text[i]);
    const gx = left + i * ADVANCE * scale;
    for (let r = 0; r < GLYPH_HEIGHT; r++)
      for (let col = 0; col < 5; col++) {
        if (!(rows[r] & (16 >> col))) continue;
        for (let dy = 0; dy < scale; dy++)
          for (let dx = 0; dx < scale; dx++) blend(c, gx + col * scale + dx, top + r * scale + dy, colour, 1);
      }
  }
}
