import { CLOSEPOLY, CURVE4, MOVETO, type PycortexPath } from './pycortex-path.js';

/**
 * The edges matplotlib's `Path.contains_points` tests, per subpath (pycortex-formats.md §6.6):
 * curves flattened like Agg's `conv_curve` (curve4_div, approximation scale 1, no angle
 * tolerance), and the subpath/closing rules of its crossing loop, B17 included (a subpath ended
 * by a MOVETO is tested without its closing edge).
 */
export interface EdgeRing {
  /** edges as x0, y0, x1, y1 quadruples, in the order and direction matplotlib tests them */
  edges: Float64Array;
  /** true when the tested edges form a closed ring (ended by CLOSEPOLY or by the end of the path) */
  closed: boolean;
  /** bounding box of the edges */
  xmin: number;
  xmax: number;
  ymin: number;
  ymax: number;
}

const CMD_STOP = 0;
const CMD_MOVE = 1;
const CMD_LINE = 2;
const CMD_END_POLY = 3;

const TOLERANCE_SQ = 0.25; // (0.5 / approximation scale 1)²
const COLLINEARITY_EPS = 1e-30;
const RECURSION_LIMIT = 32;

/** Agg curve4_div: the points after the start (end point included). */
export function flattenCubic(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  x3: number,
  y3: number,
  x4: number,
  y4: number,
  out: number[],
): void {
  subdivide(x1, y1, x2, y2, x3, y3, x4, y4, 0, out);
  out.push(x4, y4);
}

function sqDist(ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  return dx * dx + dy * dy;
}

function subdivide(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  x3: number,
  y3: number,
  x4: number,
  y4: number,
  level: number,
  out: number[],
): void {
  if (level > RECURSION_LIMIT) return;
  const x12 = (x1 + x2) / 2;
  const y12 = (y1 + y2) / 2;
  const x23 = (x2 + x3) / 2;
  const y23 = (y2 + y3) / 2;
  const x34 = (x3 + x4) / 2;
  const y34 = (y3 + y4) / 2;
  const x123 = (x12 + x23) / 2;
  const y123 = (y12 + y23) / 2;
  const x234 = (x23 + x34) / 2;
  const y234 = (y23 + y34) / 2;
  const x1234 = (x123 + x234) / 2;
  const y1234 = (y123 + y234) / 2;

  const dx = x4 - x1;
  const dy = y4 - y1;
  let d2 = Math.abs((x2 - x4) * dy - (y2 - y4) * dx);
  let d3 = Math.abs((x3 - x4) * dy - (y3 - y4) * dx);

  switch ((Number(d2 > COLLINEARITY_EPS) << 1) + Number(d3 > COLLINEARITY_EPS)) {
    case 0: {
      // all collinear, or p1 == p4
      let k = dx * dx + dy * dy;
      if (k === 0) {
        d2 = sqDist(x1, y1, x2, y2);
        d3 = sqDist(x4, y4, x3, y3);
      } else {
        k = 1 / k;
        d2 = k * ((x2 - x1) * dx + (y2 - y1) * dy);
        d3 = k * ((x3 - x1) * dx + (y3 - y1) * dy);
        if (d2 > 0 && d2 < 1 && d3 > 0 && d3 < 1) return;
        if (d2 <= 0) d2 = sqDist(x2, y2, x1, y1);
        else if (d2 >= 1) d2 = sqDist(x2, y2, x4, y4);
        else d2 = sqDist(x2, y2, x1 + d2 * dx, y1 + d2 * dy);
        if (d3 <= 0) d3 = sqDist(x3, y3, x1, y1);
        else if (d3 >= 1) d3 = sqDist(x3, y3, x4, y4);
        else d3 = sqDist(x3, y3, x1 + d3 * dx, y1 + d3 * dy);
      }
      if (d2 > d3) {
        if (d2 < TOLERANCE_SQ) {
          out.push(x2, y2);
          return;
        }
      } else if (d3 < TOLERANCE_SQ) {
        out.push(x3, y3);
        return;
      }
      break;
    }
    case 1:
      if (d3 * d3 <= TOLERANCE_SQ * (dx * dx + dy * dy)) {
        out.push(x23, y23);
        return;
      }
      break;
    case 2:
      if (d2 * d2 <= TOLERANCE_SQ * (dx * dx + dy * dy)) {
        out.push(x23, y23);
        return;
      }
      break;
    default:
      if ((d2 + d3) * (d2 + d3) <= TOLERANCE_SQ * (dx * dx + dy * dy)) {
        out.push(x23, y23);
        return;
      }
  }
  subdivide(x1, y1, x12, y12, x123, y123, x1234, y1234, level + 1, out);
  subdivide(x1234, y1234, x234, y234, x34, y34, x4, y4, level + 1, out);
}

/** The vertex stream Agg's conv_curve hands to the crossing loop: [cmd, x, y] triples. */
function curveStream(path: PycortexPath): number[] {
  const { xy, codes } = path;
  const out: number[] = [];
  let lastX = 0;
  let lastY = 0;
  const pts: number[] = [];
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    const x = xy[2 * i];
    const y = xy[2 * i + 1];
    if (code === CURVE4 && i + 2 < codes.length) {
      pts.length = 0;
      flattenCubic(lastX, lastY, x, y, xy[2 * i + 2], xy[2 * i + 3], xy[2 * i + 4], xy[2 * i + 5], pts);
      for (let k = 0; k < pts.length; k += 2) out.push(CMD_LINE, pts[k], pts[k + 1]);
      lastX = pts[pts.length - 2];
      lastY = pts[pts.length - 1];
      i += 2;
      continue;
    }
    out.push(code === MOVETO ? CMD_MOVE : code === CLOSEPOLY ? CMD_END_POLY : CMD_LINE, x, y);
    lastX = x;
    lastY = y;
  }
  return out;
}

/** Edge rings exactly as matplotlib's point-in-path loop walks them. */
export function edgeRings(path: PycortexPath): EdgeRing[] {
  // matplotlib: a path with fewer than 3 vertices contains nothing
  if (path.codes.length < 3) return [];
  const stream = curveStream(path);
  let pos = 0;
  const next = (): [number, number, number] => {
    if (pos >= stream.length) return [CMD_STOP, NaN, NaN];
    const r: [number, number, number] = [stream[pos], stream[pos + 1], stream[pos + 2]];
    pos += 3;
    return r;
  };
  const rings: EdgeRing[] = [];
  let code = -1;
  let x = 0;
  let y = 0;
  do {
    if (code !== CMD_MOVE) {
      [code, x, y] = next();
      if (code === CMD_STOP || code === CMD_END_POLY) continue;
    }
    const sx = x;
    const sy = y;
    let x0 = x;
    let y0 = y;
    let x1 = x;
    let y1 = y;
    const edges: number[] = [];
    const push = () => {
      if (y0 !== y1) edges.push(x0, y0, x1, y1); // horizontal edges never toggle
    };
    do {
      [code, x, y] = next();
      if (code === CMD_STOP || code === CMD_END_POLY) {
        x = sx;
        y = sy;
      } else if (code === CMD_MOVE) break;
      push();
      x0 = x1;
      y0 = y1;
      x1 = x;
      y1 = y;
    } while (code !== CMD_STOP && code !== CMD_END_POLY);
    push();
    rings.push(makeRing(edges, code !== CMD_MOVE));
  } while (code !== CMD_STOP);
  return rings.filter((r) => r.edges.length > 0);
}

function makeRing(list: number[], closed: boolean): EdgeRing {
  const edges = Float64Array.from(list);
  let xmin = Infinity;
  let xmax = -Infinity;
  let ymin = Infinity;
  let ymax = -Infinity;
  for (let i = 0; i < edges.length; i += 2) {
    const ex = edges[i];
    const ey = edges[i + 1];
    if (ex < xmin) xmin = ex;
    if (ex > xmax) xmax = ex;
    if (ey < ymin) ymin = ey;
    if (ey > ymax) ymax = ey;
  }
  return { edges, closed, xmin, xmax, ymin, ymax };
}
