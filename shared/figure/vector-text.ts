/**
 * Text for PNG figures from a font's outlines (the fonts are loaded by the back end with
 * opentype.js; these are the parts of its Font this code reads). Glyphs are placed one after
 * another by their advance widths: ROI names and tick labels need no shaping.
 */

/** A glyph outline command, y down (as opentype.js's getPath gives them). */
export type PathCommand =
  | { type: 'M' | 'L'; x: number; y: number }
  | { type: 'Q'; x1: number; y1: number; x: number; y: number }
  | { type: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { type: 'Z' };

export interface OutlineGlyph {
  advanceWidth?: number;
  getPath(x: number, y: number, fontSize: number): { commands: PathCommand[] };
}

export interface OutlineFont {
  unitsPerEm: number;
  charToGlyph(c: string): OutlineGlyph;
}

export type Anchor = 'start' | 'middle';

/** Segments per curve: glyph curves are small, so a fixed count is smooth at figure sizes. */
const CURVE_STEPS = 8;

/** Width in pixels of `text` at `size` pixels per em. */
export function textWidth(font: OutlineFont, text: string, size: number): number {
  let pen = 0;
  for (const ch of text) pen += ((font.charToGlyph(ch).advanceWidth ?? 0) * size) / font.unitsPerEm;
  return pen;
}

/** Height of the capitals above the baseline, in pixels at `size` (from the outline of "H"). */
export function capHeight(font: OutlineFont, size: number): number {
  let top = 0;
  for (const c of font.charToGlyph('H').getPath(0, 0, size).commands)
    if (c.type !== 'Z') top = Math.min(top, c.y);
  return -top;
}

/**
 * The outline of `text` as closed polygons (interleaved x, y in pixels), its baseline at y and
 * its left edge (or centre) at x.
 */
export function textPolygons(
  font: OutlineFont,
  text: string,
  x: number,
  y: number,
  size: number,
  anchor: Anchor = 'middle',
): number[][] {
  let pen = anchor === 'middle' ? x - textWidth(font, text, size) / 2 : x;
  const rings: number[][] = [];
  for (const ch of text) {
    const glyph = font.charToGlyph(ch);
    let ring: number[] | null = null;
    let lx = 0;
    let ly = 0;
    for (const c of glyph.getPath(pen, y, size).commands) {
      if (c.type === 'M') {
        ring = [c.x, c.y];
        rings.push(ring);
      } else if (c.type === 'L') {
        ring?.push(c.x, c.y);
      } else if (c.type === 'Q') {
        for (let k = 1; k <= CURVE_STEPS; k++) {
          const t = k / CURVE_STEPS;
          const u = 1 - t;
          ring?.push(
            u * u * lx + 2 * u * t * c.x1 + t * t * c.x,
            u * u * ly + 2 * u * t * c.y1 + t * t * c.y,
          );
        }
      } else if (c.type === 'C') {
        for (let k = 1; k <= CURVE_STEPS; k++) {
          const t = k / CURVE_STEPS;
          const u = 1 - t;
          const [a, b, d, e] = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
          ring?.push(a * lx + b * c.x1 + d * c.x2 + e * c.x, a * ly + b * c.y1 + d * c.y2 + e * c.y);
        }
      }
      if (c.type !== 'Z') [lx, ly] = [c.x, c.y];
    }
    pen += ((glyph.advanceWidth ?? 0) * size) / font.unitsPerEm;
  }
  return rings.filter((r) => r.length >= 6);
}
