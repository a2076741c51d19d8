/**
 * Path data read the way pycortex's membership parser reads it (pycortex-formats.md §6.4 A),
 * quirks included: tokens split on single spaces, any one-character token is a command, absolute
 * H/V zero the other coordinate (B1), the pen is not reset by `z` (B2), S/Q/T/A unsupported.
 * The result is matplotlib's Path: vertices and codes.
 *
 * A second parser on purpose: membership must follow pycortex where it departs from SVG, so it
 * cannot share formats/svg-path.ts (what a browser draws). compat.ts reports where the two differ.
 */

import { MAX_PATH_COMMANDS } from '../formats/svg-path.js';

export const MOVETO = 1;
export const LINETO = 2;
export const CURVE4 = 4;
export const CLOSEPOLY = 79;

export interface PycortexPath {
  /** interleaved x, y (float64, as numpy holds them) */
  xy: Float64Array;
  codes: Uint8Array;
}

/** pycortex would crash on this path (it cannot load the overlay, or get_roi_verts fails). */
export class PycortexPathError extends Error {}

/** The path is beyond what ROI Studio reads (pycortex itself would read it, slowly). */
export class PathLimitError extends PycortexPathError {}

const LINE_CODES: Record<string, number> = { m: MOVETO, l: LINETO, h: LINETO, v: LINETO };

function pair(token: string): [number, number] {
  const parts = token.split(',');
  if (parts.length !== 2) throw new PycortexPathError(`token ${JSON.stringify(token)} is not an x,y pair`);
  return [pyFloat(parts[0]), pyFloat(parts[1])];
}

/** Python's float(): surrounding whitespace allowed, nothing else. */
function pyFloat(s: string): number {
  const t = s.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t) && !/^[-+]?(inf|infinity|nan)$/i.test(t))
    throw new PycortexPathError(`${JSON.stringify(s)} is not a number`);
  return Number(
    /^[-+]?(inf|infinity)$/i.test(t) ? (t.startsWith('-') ? -Infinity : Infinity) : /nan/i.test(t) ? NaN : t,
  );
}

export function parsePycortexPath(d: string): PycortexPath {
  const tokens = d.trim().split(' ');
  const xy: number[] = [];
  const codes: number[] = [];
  // the editor's per-path limit, so a huge path in a file is refused at once, not after seconds
  let commands = 0;
  const counted = () => {
    if (++commands > MAX_PATH_COMMANDS)
      throw new PathLimitError(`more than ${MAX_PATH_COMMANDS} commands (the limit per path)`);
  };
  let mode: string | null = null;
  let px = 0;
  let py = 0;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok.length === 1) {
      mode = tok;
      if (tok === 'z' || tok === 'Z') {
        counted();
        xy.push(0, 0);
        codes.push(CLOSEPOLY);
      }
      continue;
    }
    if (mode === null)
      throw new PycortexPathError(`path data does not start with a command (${JSON.stringify(tok)})`);
    const lower = mode.toLowerCase();
    if (lower === 'c') {
      // pycortex stops silently when a curve's pairs run out
      if (i + 2 >= tokens.length) break;
      counted();
      const p1 = pair(tok);
      const p2 = pair(tokens[++i]);
      const p3 = pair(tokens[++i]);
      if (mode === 'c') {
        xy.push(px + p1[0], py + p1[1], px + p2[0], py + p2[1], px + p3[0], py + p3[1]);
        px += p3[0];
        py += p3[1];
      } else {
        xy.push(p1[0], p1[1], p2[0], p2[1], p3[0], p3[1]);
        [px, py] = p3;
      }
      codes.push(CURVE4, CURVE4, CURVE4);
      continue;
    }
    const code = LINE_CODES[lower];
    if (code === undefined)
      throw new PycortexPathError(`command ${JSON.stringify(mode)} is not supported by pycortex`);
    counted();
    let val: [number, number];
    if (lower === 'h') val = [pyFloat(tok), 0];
    else if (lower === 'v') val = [0, pyFloat(tok)];
    else val = pair(tok);
    codes.push(code);
    if (mode === lower) {
      px += val[0];
      py += val[1];
    } else {
      [px, py] = val;
    }
    xy.push(px, py);
    if (mode === 'm') mode = 'l';
    else if (mode === 'M') mode = 'L';
  }
  return { xy: Float64Array.from(xy), codes: Uint8Array.from(codes) };
}
