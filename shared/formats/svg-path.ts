/**
 * The one parser of SVG path data with full SVG semantics (what Inkscape and browsers show), for
 * the canvas, the editor, figures and geometry. pycortex's own, quirkier reading is emulated
 * apart, on purpose, where its results matter (roi/pycortex-path.ts for membership,
 * figure/pycortex-label-position.ts for label placement). Writing is path-writer.ts.
 */

/** One command as written in the file: its letter (case kept) and its numbers, implicit repeats split out. */
export interface PathCommand {
  letter: string;
  args: number[];
  /** offset of the letter (or of the first number of an implicit repeat) in `d` */
  at: number;
}

/** Absolute segments after SVG semantics: only M, L, C and Z remain. */
export type Segment =
  | { cmd: 'M'; x: number; y: number }
  | { cmd: 'L'; x: number; y: number }
  | { cmd: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { cmd: 'Z' };

export class PathSyntaxError extends Error {
  constructor(
    message: string,
    public readonly at: number,
  ) {
    super(`path data: ${message} at character ${at}`);
  }
}

/**
 * Most commands one path may have (README, "Limits"): 15 times the largest hand-drawn ROI path
 * in the reference data, and a bound on the work a single path can cause.
 */
export const MAX_PATH_COMMANDS = 50_000;

const ARG_COUNT: Record<string, number> = { m: 2, l: 2, h: 1, v: 1, c: 6, s: 4, q: 4, t: 2, a: 7, z: 0 };

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** Tokenise `d` into commands (SVG 1.1 grammar, implicit repeats, exponents, any separators). */
export function tokenizePath(d: string): PathCommand[] {
  const out: PathCommand[] = [];
  const push = (command: PathCommand) => {
    if (out.length === MAX_PATH_COMMANDS)
      throw new PathSyntaxError(`more than ${MAX_PATH_COMMANDS} commands (the limit per path)`, command.at);
    out.push(command);
  };
  let i = 0;
  const n = d.length;
  const skipSep = (allowComma: boolean) => {
    while (i < n && isSpace(d.charCodeAt(i))) i++;
    if (allowComma && i < n && d[i] === ',') {
      i++;
      while (i < n && isSpace(d.charCodeAt(i))) i++;
    }
  };
  const readNumber = (): number => {
    const start = i;
    if (d[i] === '+' || d[i] === '-') i++;
    let digits = 0;
    while (i < n && isDigit(d.charCodeAt(i))) {
      i++;
      digits++;
    }
    if (d[i] === '.') {
      i++;
      while (i < n && isDigit(d.charCodeAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits === 0) {
      if (/^[-+]?(nan|inf)/i.test(d.slice(start, start + 4)))
        throw new PathSyntaxError(`a coordinate is NaN or infinite (${describe(d, start)})`, start);
      throw new PathSyntaxError(`expected a number, found ${describe(d, start)}`, start);
    }
    if (d[i] === 'e' || d[i] === 'E') {
      const save = i;
      i++;
      if (d[i] === '+' || d[i] === '-') i++;
      let exp = 0;
      while (i < n && isDigit(d.charCodeAt(i))) {
        i++;
        exp++;
      }
      if (exp === 0) i = save;
    }
    const value = Number(d.slice(start, i));
    if (!Number.isFinite(value))
      throw new PathSyntaxError(`the number ${d.slice(start, i)} is too large (infinite)`, start);
    return value;
  };
  const readFlag = (): number => {
    const c = d[i];
    if (c !== '0' && c !== '1')
      throw new PathSyntaxError(`expected an arc flag 0 or 1, found ${describe(d, i)}`, i);
    i++;
    return c === '1' ? 1 : 0;
  };

  skipSep(false);
  while (i < n) {
    const at = i;
    const letter = d[i];
    const lower = letter.toLowerCase();
    if (!(lower in ARG_COUNT) || letter.length !== 1)
      throw new PathSyntaxError(`expected a command letter, found ${describe(d, i)}`, i);
    if (out.length === 0 && lower !== 'm') throw new PathSyntaxError('path data must start with M or m', i);
    i++;
    skipSep(false);
    const count = ARG_COUNT[lower];
    if (count === 0) {
      push({ letter, args: [], at });
      continue;
    }
    let first = true;
    // implicit repeats: after M/m they are L/l
    let repeatLetter = letter;
    for (;;) {
      const argAt = i;
      const args: number[] = [];
      for (let k = 0; k < count; k++) {
        if (lower === 'a' && (k === 3 || k === 4)) args.push(readFlag());
        else args.push(readNumber());
        skipSep(true);
      }
      push({ letter: repeatLetter, args, at: first ? at : argAt });
      if (lower === 'm') repeatLetter = letter === 'm' ? 'l' : 'L';
      first = false;
      if (i >= n) break;
      const c = d.charCodeAt(i);
      if (!(isDigit(c) || d[i] === '-' || d[i] === '+' || d[i] === '.')) break;
    }
  }
  return out;
}

function describe(d: string, i: number): string {
  return i >= d.length ? 'the end' : JSON.stringify(d.slice(i, i + 12));
}

/** Parse `d` into absolute M/L/C/Z segments with SVG semantics (H/V, S/Q/T and arcs become L and C). */
export function parsePath(d: string): Segment[] {
  const segs: Segment[] = [];
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  // reflection points for S and T
  let lastCubic: [number, number] | null = null;
  let lastQuad: [number, number] | null = null;
  let open = false;
  const lineTo = (x: number, y: number) => {
    segs.push({ cmd: 'L', x, y });
    cx = x;
    cy = y;
  };
  const cubic = (x1: number, y1: number, x2: number, y2: number, x: number, y: number) => {
    segs.push({ cmd: 'C', x1, y1, x2, y2, x, y });
    cx = x;
    cy = y;
  };
  for (const { letter, args: a } of tokenizePath(d)) {
    const rel = letter === letter.toLowerCase();
    const ox = rel ? cx : 0;
    const oy = rel ? cy : 0;
    const L = letter.toUpperCase();
    let nextCubic: [number, number] | null = null;
    let nextQuad: [number, number] | null = null;
    if (L !== 'M' && L !== 'Z' && !open) {
      // drawing after Z continues from the subpath start: SVG opens a new subpath there
      segs.push({ cmd: 'M', x: cx, y: cy });
      sx = cx;
      sy = cy;
      open = true;
    }
    switch (L) {
      case 'M':
        cx = a[0] + ox;
        cy = a[1] + oy;
        sx = cx;
        sy = cy;
        segs.push({ cmd: 'M', x: cx, y: cy });
        open = true;
        break;
      case 'L':
        lineTo(a[0] + ox, a[1] + oy);
        break;
      case 'H':
        lineTo(a[0] + ox, cy);
        break;
      case 'V':
        lineTo(cx, a[0] + oy);
        break;
      case 'C':
        cubic(a[0] + ox, a[1] + oy, a[2] + ox, a[3] + oy, a[4] + ox, a[5] + oy);
        nextCubic = [a[2] + ox, a[3] + oy];
        break;
      case 'S': {
        const [rx, ry] = lastCubic ? [2 * cx - lastCubic[0], 2 * cy - lastCubic[1]] : [cx, cy];
        cubic(rx, ry, a[0] + ox, a[1] + oy, a[2] + ox, a[3] + oy);
        nextCubic = [a[0] + ox, a[1] + oy];
        break;
      }
      case 'Q':
      case 'T': {
        let qx: number;
        let qy: number;
        let ex: number;
        let ey: number;
        if (L === 'Q') {
          [qx, qy, ex, ey] = [a[0] + ox, a[1] + oy, a[2] + ox, a[3] + oy];
        } else {
          [qx, qy] = lastQuad ? [2 * cx - lastQuad[0], 2 * cy - lastQuad[1]] : [cx, cy];
          [ex, ey] = [a[0] + ox, a[1] + oy];
        }
        cubic(
          cx + (2 / 3) * (qx - cx),
          cy + (2 / 3) * (qy - cy),
          ex + (2 / 3) * (qx - ex),
          ey + (2 / 3) * (qy - ey),
          ex,
          ey,
        );
        nextQuad = [qx, qy];
        break;
      }
      case 'A':
        for (const c of arcToCubics(cx, cy, a[0], a[1], a[2], a[3] !== 0, a[4] !== 0, a[5] + ox, a[6] + oy))
          cubic(c[0], c[1], c[2], c[3], c[4], c[5]);
        break;
      case 'Z':
        if (open) segs.push({ cmd: 'Z' });
        cx = sx;
        cy = sy;
        open = false;
        break;
    }
    lastCubic = nextCubic;
    lastQuad = nextQuad;
  }
  return segs;
}

/** SVG arc (endpoint parameterisation, F.6.5) as cubic Béziers of at most 90° each. */
function arcToCubics(
  x1: number,
  y1: number,
  rxIn: number,
  ryIn: number,
  angleDeg: number,
  largeArc: boolean,
  sweep: boolean,
  x2: number,
  y2: number,
): number[][] {
  if (x1 === x2 && y1 === y2) return [];
  let rx = Math.abs(rxIn);
  let ry = Math.abs(ryIn);
  if (rx === 0 || ry === 0) return [[x1, y1, x2, y2, x2, y2]];
  const phi = (angleDeg * Math.PI) / 180;
  const cos = Math.cos(phi);
  const sin = Math.sin(phi);
  const dx = (x1 - x2) / 2;
  const dy = (y1 - y2) / 2;
  const x1p = cos * dx + sin * dy;
  const y1p = -sin * dx + cos * dy;
  const lambda = (x1p * x1p) / (rx * rx) + (y1p * y1p) / (ry * ry);
  if (lambda > 1) {
    rx *= Math.sqrt(lambda);
    ry *= Math.sqrt(lambda);
  }
  const num = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p;
  const den = rx * rx * y1p * y1p + ry * ry * x1p * x1p;
  let coef = Math.sqrt(Math.max(0, num / den));
  if (largeArc === sweep) coef = -coef;
  const cxp = (coef * rx * y1p) / ry;
  const cyp = (-coef * ry * x1p) / rx;
  const cx = cos * cxp - sin * cyp + (x1 + x2) / 2;
  const cy = sin * cxp + cos * cyp + (y1 + y2) / 2;
  const angle = (ux: number, uy: number, vx: number, vy: number) =>
    Math.atan2(ux * vy - uy * vx, ux * vx + uy * vy);
  const t1 = angle(1, 0, (x1p - cxp) / rx, (y1p - cyp) / ry);
  let dt = angle((x1p - cxp) / rx, (y1p - cyp) / ry, (-x1p - cxp) / rx, (-y1p - cyp) / ry);
  if (!sweep && dt > 0) dt -= 2 * Math.PI;
  if (sweep && dt < 0) dt += 2 * Math.PI;
  const parts = Math.max(1, Math.ceil(Math.abs(dt) / (Math.PI / 2) - 1e-9));
  const step = dt / parts;
  const k = (4 / 3) * Math.tan(step / 4);
  const point = (t: number): [number, number] => {
    const ex = rx * Math.cos(t);
    const ey = ry * Math.sin(t);
    return [cos * ex - sin * ey + cx, sin * ex + cos * ey + cy];
  };
  const deriv = (t: number): [number, number] => {
    const ex = -rx * Math.sin(t);
    const ey = ry * Math.cos(t);
    return [cos * ex - sin * ey, sin * ex + cos * ey];
  };
  const out: number[][] = [];
  let t = t1;
  for (let p = 0; p < parts; p++) {
    const [ax, ay] = point(t);
    const [dax, day] = deriv(t);
    const tn = p === parts - 1 ? t1 + dt : t + step;
    const [bx, by] = p === parts - 1 ? [x2, y2] : point(tn);
    const [dbx, dby] = deriv(tn);
    out.push([ax + k * dax, ay + k * day, bx - k * dbx, by - k * dby, bx, by]);
    t = tn;
  }
  return out;
}

/** 2-D affine [a b c d e f] (SVG matrix order). */
export type Matrix = [number, number, number, number, number, number];

/** Parse an SVG `transform` attribute into one matrix; throws on syntax it does not know. */
export function parseTransform(text: string): Matrix {
  let m: Matrix = [1, 0, 0, 1, 0, 0];
  const re = /\s*(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)\s*,?/gy;
  let last = 0;
  let match: RegExpExecArray | null;
  while ((match = re.exec(text))) {
    last = re.lastIndex;
    const nums = match[2]
      .trim()
      .split(/[\s,]+/)
      .filter((s) => s !== '')
      .map(Number);
    if (nums.some((v) => !Number.isFinite(v))) throw new Error(`bad transform ${JSON.stringify(text)}`);
    let t: Matrix;
    switch (match[1]) {
      case 'matrix':
        if (nums.length !== 6) throw new Error(`bad transform ${JSON.stringify(text)}`);
        t = nums as Matrix;
        break;
      case 'translate':
        t = [1, 0, 0, 1, nums[0] ?? 0, nums[1] ?? 0];
        break;
      case 'scale':
        t = [nums[0] ?? 1, 0, 0, nums[1] ?? nums[0] ?? 1, 0, 0];
        break;
      case 'rotate': {
        const r = ((nums[0] ?? 0) * Math.PI) / 180;
        const [c, s] = [Math.cos(r), Math.sin(r)];
        const [px, py] = [nums[1] ?? 0, nums[2] ?? 0];
        t = [c, s, -s, c, px - c * px + s * py, py - s * px - c * py];
        break;
      }
      case 'skewX':
        t = [1, 0, Math.tan(((nums[0] ?? 0) * Math.PI) / 180), 1, 0, 0];
        break;
      default:
        t = [1, Math.tan(((nums[0] ?? 0) * Math.PI) / 180), 0, 1, 0, 0];
    }
    m = multiplyTransforms(m, t);
  }
  if (text.slice(last).trim() !== '') throw new Error(`bad transform ${JSON.stringify(text)}`);
  return m;
}

/** The transform that applies `b`, then `a` (SVG's matrix product a·b). */
export function multiplyTransforms(a: Matrix, b: Matrix): Matrix {
  return [
    a[0] * b[0] + a[2] * b[1],
    a[1] * b[0] + a[3] * b[1],
    a[0] * b[2] + a[2] * b[3],
    a[1] * b[2] + a[3] * b[3],
    a[0] * b[4] + a[2] * b[5] + a[4],
    a[1] * b[4] + a[3] * b[5] + a[5],
  ];
}

export function isIdentity(m: Matrix): boolean {
  return m[0] === 1 && m[1] === 0 && m[2] === 0 && m[3] === 1 && m[4] === 0 && m[5] === 0;
}
