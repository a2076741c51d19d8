import { flattenCubic } from '../roi/agg-flatten.js';
import type { Segment } from './svg-path.js';

/**
 * The nodes of a path as Inkscape's node tool shows them, and node edits that rewrite only the
 * segments touching the edited node: every other segment keeps its values (and its kind — a
 * cubic keeps its control points), so saving an edit moves nothing the user did not move.
 */

/** One on-curve node. Segment indices refer to the path's absolute segments (parsePath). */
export interface PathNode {
  x: number;
  y: number;
  /** segments whose end point is this node: its M, and the closing curve that returns to it */
  ends: number[];
  /** the segment arriving at the node (a Z for the first node of a closed subpath with a straight closing edge), or -1 */
  inSeg: number;
  /** the segment leaving the node (a Z for the last node of a closed subpath with a straight closing edge), or -1 */
  outSeg: number;
  /** index of the subpath's M */
  subpath: number;
  /** the subpath ends with Z */
  closed: boolean;
}

export type HandleSide = 'in' | 'out';

/** Inkscape merges a closing segment's end into the start node when they coincide. */
const SAME_POINT = 1e-3;

export function pathNodes(segs: readonly Segment[]): PathNode[] {
  const nodes: PathNode[] = [];
  let i = 0;
  while (i < segs.length) {
    const m = segs[i];
    if (m.cmd !== 'M') {
      i++;
      continue;
    }
    const first = nodes.length;
    const subpath = i;
    nodes.push({ x: m.x, y: m.y, ends: [i], inSeg: -1, outSeg: -1, subpath, closed: false });
    i++;
    for (; i < segs.length; i++) {
      const s = segs[i];
      if (s.cmd === 'M' || s.cmd === 'Z') break;
      nodes[nodes.length - 1].outSeg = i;
      nodes.push({ x: s.x, y: s.y, ends: [i], inSeg: i, outSeg: -1, subpath, closed: false });
    }
    if (i < segs.length && segs[i].cmd === 'Z') {
      for (let k = first; k < nodes.length; k++) nodes[k].closed = true;
      const start = nodes[first];
      const last = nodes[nodes.length - 1];
      if (nodes.length - first > 2 && Math.hypot(last.x - start.x, last.y - start.y) < SAME_POINT) {
        start.ends.push(...last.ends);
        start.inSeg = last.inSeg;
        nodes.pop();
        nodes[nodes.length - 1].outSeg = start.inSeg;
      } else if (nodes.length - first > 1) {
        last.outSeg = i;
        start.inSeg = i;
      }
      i++;
    }
  }
  return nodes;
}

/** The pen position where segment `i` starts. */
export function segmentStart(segs: readonly Segment[], i: number): [number, number] {
  for (let k = i - 1; k >= 0; k--) {
    const s = segs[k];
    if (s.cmd !== 'Z') return [s.x, s.y];
  }
  return [0, 0];
}

/** The node a segment ends at, for a Z the subpath's M. */
function segmentEnd(segs: readonly Segment[], i: number): [number, number] {
  const s = segs[i];
  if (s.cmd !== 'Z') return [s.x, s.y];
  for (let k = i - 1; k >= 0; k--) {
    const m = segs[k];
    if (m.cmd === 'M') return [m.x, m.y];
  }
  return [0, 0];
}

export function handleOf(
  segs: readonly Segment[],
  node: PathNode,
  side: HandleSide,
): [number, number] | null {
  const i = side === 'in' ? node.inSeg : node.outSeg;
  const s = i >= 0 ? segs[i] : undefined;
  if (!s || s.cmd !== 'C') return null;
  return side === 'in' ? [s.x2, s.y2] : [s.x1, s.y1];
}

/** Move a node and its two handles with it, as Inkscape's node tool does. */
export function moveNode(segs: readonly Segment[], node: PathNode, x: number, y: number): Segment[] {
  const dx = x - node.x;
  const dy = y - node.y;
  const out = segs.slice();
  for (const i of node.ends) out[i] = { ...(out[i] as Exclude<Segment, { cmd: 'Z' }>), x, y };
  const inS = node.inSeg >= 0 ? out[node.inSeg] : undefined;
  if (inS?.cmd === 'C') out[node.inSeg] = { ...inS, x2: inS.x2 + dx, y2: inS.y2 + dy };
  const outS = node.outSeg >= 0 ? out[node.outSeg] : undefined;
  if (outS?.cmd === 'C') out[node.outSeg] = { ...outS, x1: outS.x1 + dx, y1: outS.y1 + dy };
  return out;
}

/** Handles within this angle of opposite directions make a smooth node (Inkscape's `s`). */
const SMOOTH_SINE = Math.sin((1 * Math.PI) / 180);

/** True when the node has two handles pointing in opposite directions (a smooth node). */
export function isSmooth(segs: readonly Segment[], node: PathNode): boolean {
  const a = handleOf(segs, node, 'in');
  const b = handleOf(segs, node, 'out');
  if (!a || !b) return false;
  const [ax, ay, bx, by] = [a[0] - node.x, a[1] - node.y, b[0] - node.x, b[1] - node.y];
  const la = Math.hypot(ax, ay);
  const lb = Math.hypot(bx, by);
  if (la === 0 || lb === 0) return false;
  return ax * bx + ay * by < 0 && Math.abs(ax * by - ay * bx) <= SMOOTH_SINE * la * lb;
}

/**
 * Put one handle (control point) of a node at (x, y). At a smooth node the opposite handle turns
 * with it and keeps its length, as Inkscape's node tool does; with `cusp` (or at a corner) it stays.
 */
export function moveHandle(
  segs: readonly Segment[],
  node: PathNode,
  side: HandleSide,
  x: number,
  y: number,
  cusp = false,
): Segment[] {
  const i = side === 'in' ? node.inSeg : node.outSeg;
  const s = i >= 0 ? segs[i] : undefined;
  if (!s || s.cmd !== 'C') return segs.slice();
  const out = segs.slice();
  out[i] = side === 'in' ? { ...s, x2: x, y2: y } : { ...s, x1: x, y1: y };
  const d = Math.hypot(x - node.x, y - node.y);
  if (cusp || d === 0 || !isSmooth(segs, node)) return out;
  const other: HandleSide = side === 'in' ? 'out' : 'in';
  const [ox, oy] = handleOf(segs, node, other) as [number, number];
  const k = -Math.hypot(ox - node.x, oy - node.y) / d;
  const [hx, hy] = [node.x + k * (x - node.x), node.y + k * (y - node.y)];
  const j = other === 'in' ? node.inSeg : node.outSeg;
  const t = out[j] as Extract<Segment, { cmd: 'C' }>;
  out[j] = other === 'in' ? { ...t, x2: hx, y2: hy } : { ...t, x1: hx, y1: hy };
  return out;
}

function cubicPoint(p: readonly number[], t: number): [number, number] {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const e = t * t * t;
  return [a * p[0] + b * p[2] + c * p[4] + e * p[6], a * p[1] + b * p[3] + c * p[5] + e * p[7]];
}

/** Control polygon of drawing segment `i` as x0,y0,…,x3,y3 (a line has its thirds as controls). */
function cubicOf(segs: readonly Segment[], i: number): number[] {
  const [x0, y0] = segmentStart(segs, i);
  const s = segs[i];
  if (s.cmd === 'C') return [x0, y0, s.x1, s.y1, s.x2, s.y2, s.x, s.y];
  const [x, y] = segmentEnd(segs, i);
  return [
    x0,
    y0,
    x0 + (x - x0) / 3,
    y0 + (y - y0) / 3,
    x0 + (2 * (x - x0)) / 3,
    y0 + (2 * (y - y0)) / 3,
    x,
    y,
  ];
}

/** The point at parameter t of drawing segment `i` (a Z is its straight closing edge). */
export function segmentPoint(segs: readonly Segment[], i: number, t: number): [number, number] {
  return cubicPoint(cubicOf(segs, i), t);
}

/**
 * The point of a drawn segment nearest to (x, y): its parameter t and distance. Curves are
 * searched on a coarse grid, then refined around the best sample.
 */
export function nearestOnSegment(
  segs: readonly Segment[],
  i: number,
  x: number,
  y: number,
): { t: number; distance: number } {
  const p = cubicOf(segs, i);
  const dist = (t: number) => {
    const [px, py] = cubicPoint(p, t);
    return Math.hypot(px - x, py - y);
  };
  const steps = 32;
  let best = 0;
  let bestD = dist(0);
  for (let k = 1; k <= steps; k++) {
    const d = dist(k / steps);
    if (d < bestD) [best, bestD] = [k / steps, d];
  }
  let lo = Math.max(0, best - 1 / steps);
  let hi = Math.min(1, best + 1 / steps);
  for (let k = 0; k < 30; k++) {
    const a = lo + (hi - lo) / 3;
    const b = hi - (hi - lo) / 3;
    if (dist(a) < dist(b)) hi = b;
    else lo = a;
  }
  const t = (lo + hi) / 2;
  return dist(t) < bestD ? { t, distance: dist(t) } : { t: best, distance: bestD };
}

/**
 * Split drawing segment `i` at parameter t (de Casteljau for a curve, so the outline keeps its
 * shape); a straight closing edge (Z) gets a line to the new node before it.
 */
export function insertNode(segs: readonly Segment[], i: number, t: number): Segment[] {
  const s = segs[i];
  const out = segs.slice();
  if (s.cmd === 'C') {
    const p = cubicOf(segs, i);
    const lerp = (a: number, b: number) => a + (b - a) * t;
    const ab = [lerp(p[0], p[2]), lerp(p[1], p[3])];
    const bc = [lerp(p[2], p[4]), lerp(p[3], p[5])];
    const cd = [lerp(p[4], p[6]), lerp(p[5], p[7])];
    const abc = [lerp(ab[0], bc[0]), lerp(ab[1], bc[1])];
    const bcd = [lerp(bc[0], cd[0]), lerp(bc[1], cd[1])];
    const m = [lerp(abc[0], bcd[0]), lerp(abc[1], bcd[1])];
    out.splice(
      i,
      1,
      { cmd: 'C', x1: ab[0], y1: ab[1], x2: abc[0], y2: abc[1], x: m[0], y: m[1] },
      { cmd: 'C', x1: bcd[0], y1: bcd[1], x2: cd[0], y2: cd[1], x: s.x, y: s.y },
    );
    return out;
  }
  const [x0, y0] = segmentStart(segs, i);
  const [x1, y1] = segmentEnd(segs, i);
  out.splice(i, 0, { cmd: 'L', x: x0 + (x1 - x0) * t, y: y0 + (y1 - y0) * t });
  return out;
}

/**
 * Remove a node, joining its two segments into one that keeps the outer control points (a line
 * when neither side is curved). Null when a closed subpath would keep fewer than three nodes, an
 * open one fewer than two.
 */
export function deleteNode(
  segs: readonly Segment[],
  nodes: readonly PathNode[],
  k: number,
): Segment[] | null {
  const node = nodes[k];
  const fewest = node.closed ? 3 : 2;
  if (nodes.filter((n) => n.subpath === node.subpath).length <= fewest) return null;
  const out = segs.slice();
  const a = node.inSeg;
  const b = node.outSeg;
  if (b < 0 || out[b].cmd === 'Z') {
    out.splice(a, 1); // the last node: the path (or its closing edge) ends at the node before
    return out;
  }
  if (a < 0 || out[a].cmd === 'Z') {
    // the first node: the subpath starts at the next node instead
    const next = out[b] as Exclude<Segment, { cmd: 'Z' }>;
    out[node.subpath] = { cmd: 'M', x: next.x, y: next.y };
    out.splice(b, 1);
    return out;
  }
  const sa = out[a] as Exclude<Segment, { cmd: 'Z' }>;
  const sb = out[b] as Exclude<Segment, { cmd: 'Z' }>;
  const joined: Segment =
    sa.cmd === 'L' && sb.cmd === 'L'
      ? { cmd: 'L', x: sb.x, y: sb.y }
      : {
          cmd: 'C',
          ...(sa.cmd === 'C' ? { x1: sa.x1, y1: sa.y1 } : pointAs1(segmentStart(segs, a))),
          ...(sb.cmd === 'C' ? { x2: sb.x2, y2: sb.y2 } : { x2: sb.x, y2: sb.y }),
          x: sb.x,
          y: sb.y,
        };
  out[a] = joined;
  if (node.ends.includes(node.subpath)) {
    // the merged start node of a closed subpath: the closing curve now ends at the next node
    out[node.subpath] = { cmd: 'M', x: sb.x, y: sb.y };
  }
  out.splice(b, 1);
  return out;
}

const pointAs1 = ([x, y]: [number, number]) => ({ x1: x, y1: y });

/** Inkscape's letter for a node from its geometry: `s` smooth, `c` corner. */
const typeOf = (segs: readonly Segment[], n: PathNode) => (isSmooth(segs, n) ? 's' : 'c');

/**
 * The `sodipodi:nodetypes` Inkscape should read for `next` after a node edit of `prev`, whose
 * types were `types`: one letter per node, and the start node's again after a closed subpath
 * (§6.1). Nodes still in place (and the one moved) keep their letters, as the user set them in
 * Inkscape; an inserted node gets its letter from the geometry. Null when `types` does not
 * describe `prev`, or `next` is other geometry rather than a node edit (more than two nodes
 * elsewhere): then no record is better than a wrong one.
 */
export function carryNodeTypes(
  prev: readonly Segment[],
  types: string,
  next: readonly Segment[],
): string | null {
  const old = pathNodes(prev);
  const now = pathNodes(next);
  const perNode = lettersPerNode(old, types);
  if (!perNode) return null;
  const same = (a: PathNode | undefined, b: PathNode | undefined) =>
    !!a && !!b && Math.hypot(a.x - b.x, a.y - b.y) < SAME_POINT;
  const letters: string[] = [];
  let kept = 0;
  for (let i = 0, j = 0; j < now.length;) {
    if (i >= old.length) {
      letters.push(typeOf(next, now[j++]));
    } else if (same(old[i], now[j])) {
      letters.push(perNode[i++]);
      j++;
      kept++;
    } else if (same(old[i], now[j + 1])) {
      letters.push(typeOf(next, now[j++])); // inserted
    } else if (same(old[i + 1], now[j])) {
      i++; // deleted
    } else {
      letters.push(perNode[i++]); // moved
      j++;
    }
  }
  if (kept < now.length - 2) return null;
  if (old.length === now.length) return types;
  let out = '';
  now.forEach((n, k) => {
    out += letters[k];
    const start = now.findIndex((m) => m.subpath === n.subpath);
    if (n.closed && (k === now.length - 1 || now[k + 1].subpath !== n.subpath)) out += letters[start];
  });
  return out;
}

/** The letter of each node, or null when `types` has not one letter per node (plus one per closed subpath). */
function lettersPerNode(nodes: readonly PathNode[], types: string): string[] | null {
  const out: string[] = [];
  let t = 0;
  nodes.forEach((n, k) => {
    out.push(types[t++] ?? '');
    if (n.closed && (k === nodes.length - 1 || nodes[k + 1].subpath !== n.subpath)) {
      // Inkscape reads the start node's type from the repeated letter at the end
      out[nodes.findIndex((m) => m.subpath === n.subpath)] = types[t++] ?? '';
    }
  });
  return t === types.length && out.every((c) => c !== '') ? out : null;
}

/** Translate every point of the path. */
export function translateSegments(segs: readonly Segment[], dx: number, dy: number): Segment[] {
  return segs.map((s) => {
    switch (s.cmd) {
      case 'Z':
        return s;
      case 'C':
        return { ...s, x1: s.x1 + dx, y1: s.y1 + dy, x2: s.x2 + dx, y2: s.y2 + dy, x: s.x + dx, y: s.y + dy };
      default:
        return { ...s, x: s.x + dx, y: s.y + dy };
    }
  });
}

/** The path as polylines (curves flattened like pycortex's membership test), one per subpath. */
export function segmentPolylines(segs: readonly Segment[]): { points: number[]; closed: boolean }[] {
  const out: { points: number[]; closed: boolean }[] = [];
  let cur: { points: number[]; closed: boolean } | null = null;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    if (s.cmd === 'M') {
      cur = { points: [s.x, s.y], closed: false };
      out.push(cur);
    } else if (!cur) continue;
    else if (s.cmd === 'L') cur.points.push(s.x, s.y);
    else if (s.cmd === 'C') {
      const n = cur.points.length;
      flattenCubic(cur.points[n - 2], cur.points[n - 1], s.x1, s.y1, s.x2, s.y2, s.x, s.y, cur.points);
    } else cur.closed = true;
  }
  return out;
}
