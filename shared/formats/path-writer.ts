import type { Segment } from './svg-path.js';

/**
 * The one writer of SVG path data: every path ROI Studio puts in a file (drawn, edited, traced,
 * imported, exported, in figures) is written here, in the safe subset pycortex's membership
 * parser reads exactly as a browser does (pycortex-formats.md §11.3): absolute `M`, `L`, `C`, `Z`,
 * each letter its own token, pairs `x,y`, single spaces, plain decimals.
 *
 * Paths the user did not touch are never passed through here: their bytes stay as read.
 */

/**
 * Decimals kept per coordinate. Four keep the rounding (≤ 5·10⁻⁵ SVG units) below the float32
 * resolution of the vertex positions pycortex tests (≈ 1.2·10⁻⁴ units across a 1024-high,
 * ~2400-wide root, §6.6): finer digits tell pycortex nothing more. They are also Inkscape's
 * default 8 significant digits at that size, so Inkscape re-saving our paths keeps their numbers,
 * and a written number written again gives the same text, so edit–save–reload cycles do not drift.
 */
export const PATH_DECIMALS = 4;

const SCALE = 10 ** PATH_DECIMALS;

/** A coordinate as written: plain decimal, at most PATH_DECIMALS decimals, no exponent, no `-0`. */
export function formatCoord(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`cannot write coordinate ${v}`);
  const r = Math.round(v * SCALE) / SCALE;
  if (r === 0) return '0';
  return r.toFixed(PATH_DECIMALS).replace(/\.?0+$/, '');
}

/**
 * Absolute segments as safe-subset path data, every subpath started with M and closed with Z
 * (ROIs are regions, so an open subpath is closed) unless `closeOpen` is false (sulci are lines:
 * their subpaths stay as drawn).
 */
export function serializeSafe(segs: readonly Segment[], closeOpen = true): string {
  const parts: string[] = [];
  const pair = (x: number, y: number) => `${formatCoord(x)},${formatCoord(y)}`;
  let open = false;
  for (const s of segs) {
    switch (s.cmd) {
      case 'M':
        if (open && closeOpen) parts.push('Z');
        parts.push('M', pair(s.x, s.y));
        open = true;
        break;
      case 'L':
        parts.push('L', pair(s.x, s.y));
        break;
      case 'C':
        parts.push('C', pair(s.x1, s.y1), pair(s.x2, s.y2), pair(s.x, s.y));
        break;
      case 'Z':
        if (open) parts.push('Z');
        open = false;
        break;
    }
  }
  if (open && closeOpen) parts.push('Z');
  return parts.join(' ');
}

/**
 * Polylines (interleaved x, y in SVG units), one subpath each, as path data: closed rings for
 * regions, open lines for sulci.
 */
export function polylinesToPath(lines: readonly ArrayLike<number>[], closed: boolean): string {
  const segs: Segment[] = [];
  for (const xy of lines) {
    for (let i = 0; i + 1 < xy.length; i += 2)
      segs.push({ cmd: i === 0 ? 'M' : 'L', x: xy[i], y: xy[i + 1] });
    if (closed && xy.length >= 2) segs.push({ cmd: 'Z' });
  }
  return serializeSafe(segs, closed);
}
