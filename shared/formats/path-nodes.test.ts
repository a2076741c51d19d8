import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN, SHARED, SKIP_REASON } from '../../electron/testing/shared-data.js';
import { layerShapes, findLayer, parseOverlay } from './overlay-svg.js';
import {
  carryNodeTypes,
  deleteNode,
  handleOf,
  insertNode,
  isSmooth,
  moveHandle,
  moveNode,
  nearestOnSegment,
  pathNodes,
  segmentPoint,
  segmentPolylines,
} from './path-nodes.js';
import { parsePath, type Segment } from './svg-path.js';
import { serializeSafe } from './path-writer.js';

/** S1's left FFA as the Gallant lab drew it in Inkscape: six nodes (sodipodi:nodetypes="sssssss"). */
const FFA_LH =
  'm 696.37477,781.40096 c -1.39485,2.02472 0.69293,12.54342 -3.499,19.98146 -8.99016,15.95186 -33.44795,30.18272 -10.3638,42.86325 19.86487,10.91211 17.26911,-18.01484 15.53191,-35.44143 -1.16346,-11.67119 19.40069,-13.32348 21.66661,-16.08199 5.31408,-6.46931 6.93141,-10.3971 -2.07942,-15.48013 -9.01082,-5.08303 -18.21224,-0.25982 -21.2563,4.15884 z';

const values = (s: Segment): number[] =>
  s.cmd === 'Z' ? [] : s.cmd === 'C' ? [s.x1, s.y1, s.x2, s.y2, s.x, s.y] : [s.x, s.y];

/** Indices of segments whose values differ by more than the file's 4-decimal rounding. */
function changedSegments(a: readonly Segment[], b: readonly Segment[]): number[] {
  expect(b.map((s) => s.cmd)).toEqual(a.map((s) => s.cmd));
  return a.flatMap((s, i) => {
    const u = values(s);
    const v = values(b[i]);
    return u.some((x, k) => Math.abs(x - v[k]) > 1e-4) ? [i] : [];
  });
}

describe('pathNodes', () => {
  it("shows Inkscape's nodes of a closed curved path: the closing curve's end is the start node", () => {
    const segs = parsePath(FFA_LH);
    const nodes = pathNodes(segs);
    expect(nodes).toHaveLength(6);
    expect([nodes[0].x, nodes[0].y]).toEqual([696.37477, 781.40096]);
    expect(nodes[0].ends).toEqual([0, 6]);
    expect(nodes[0].inSeg).toBe(6);
    expect(nodes[0].outSeg).toBe(1);
    expect(nodes[5].outSeg).toBe(6);
    expect(handleOf(segs, nodes[1], 'in')).toEqual([696.37477 + 0.69293, 781.40096 + 12.54342]);
  });

  it('a polygon keeps its straight closing edge (Z) as a segment', () => {
    const nodes = pathNodes(parsePath('M 0,0 L 10,0 L 10,10 Z'));
    expect(nodes.map((n) => [n.x, n.y, n.inSeg, n.outSeg])).toEqual([
      [0, 0, 3, 1],
      [10, 0, 1, 2],
      [10, 10, 2, 3],
    ]);
  });

  it.skipIf(!SHARED)(
    `counts the nodes Inkscape recorded for every real S1 path ${SHARED ? '' : SKIP_REASON}`,
    () => {
      const o = parseOverlay(readFileSync(join(GOLDEN, 'S1', 'overlays-rois.svg'), 'utf8'));
      let checked = 0;
      const differ: string[] = [];
      for (const shape of layerShapes(findLayer(o, 'rois')!))
        for (const p of shape.paths) {
          const types = p.getAttribute('sodipodi:nodetypes');
          if (!types) continue;
          const nodes = pathNodes(parsePath(p.getAttribute('d')!));
          // Inkscape writes one letter per node of a closed path, plus the start node's again at the end
          if (nodes.length !== types.length - 1) differ.push(`${shape.name} ${p.getAttribute('id')}`);
          checked++;
        }
      expect(checked).toBe(52);
      // a stale record: 19 letters for a path of 17 curves (Inkscape left it after deleting nodes)
      expect(differ).toEqual(['FEF path5463']);
    },
  );
});

describe('node edits rewrite only the segments touching the node', () => {
  const segs = parsePath(FFA_LH);
  const nodes = pathNodes(segs);

  it('moving a node moves it and its two handles; every other segment keeps its values', () => {
    const n = nodes[3];
    const moved = moveNode(segs, n, n.x + 6, n.y - 4);
    expect(changedSegments(segs, moved)).toEqual([n.inSeg, n.outSeg]);
    const a = handleOf(segs, n, 'in')!;
    expect(handleOf(moved, n, 'in')).toEqual([a[0] + 6, a[1] - 4]);
    // written in pycortex's safe subset and read back: still only those two
    const saved = parsePath(serializeSafe(moved));
    expect(changedSegments(segs, saved)).toEqual([n.inSeg, n.outSeg]);
  });

  it('moving the start node changes the first and the closing curve, and the M', () => {
    const moved = moveNode(segs, nodes[0], 700, 780);
    expect(changedSegments(segs, moved)).toEqual([0, 1, 6]);
  });

  it("dragging a smooth node's handle turns the opposite one: the node's two segments change, nothing else", () => {
    const n = nodes[2];
    expect(isSmooth(segs, n)).toBe(true);
    const moved = moveHandle(segs, n, 'out', 650, 800);
    expect(changedSegments(segs, moved)).toEqual([n.inSeg, n.outSeg]);
    expect(handleOf(moved, n, 'out')).toEqual([650, 800]);
    const [ix, iy] = handleOf(moved, n, 'in')!;
    const [ox, oy] = handleOf(segs, n, 'in')!;
    expect(Math.hypot(ix - n.x, iy - n.y)).toBeCloseTo(Math.hypot(ox - n.x, oy - n.y), 9);
    expect(isSmooth(moved, n)).toBe(true);
  });

  it('a cusp drag changes one control point of one segment', () => {
    const n = nodes[2];
    const moved = moveHandle(segs, n, 'out', 650, 800, true);
    expect(changedSegments(segs, moved)).toEqual([n.outSeg]);
    expect(handleOf(moved, n, 'in')).toEqual(handleOf(segs, n, 'in'));
  });

  it('inserting a node splits one curve into two that draw the same outline', () => {
    const at = nearestOnSegment(segs, 3, 690, 830);
    const split = insertNode(segs, 3, at.t);
    expect(split).toHaveLength(segs.length + 1);
    expect(pathNodes(split)).toHaveLength(7);
    expect(changedSegments(segs.slice(0, 3), split.slice(0, 3))).toEqual([]);
    expect(changedSegments(segs.slice(4), split.slice(5))).toEqual([]);
    // the two halves trace the original curve
    for (let k = 0; k <= 20; k++) {
      const [x, y] = segmentPoint(segs, 3, k / 20);
      const d = Math.min(
        nearestOnSegment(split, 3, x, y).distance,
        nearestOnSegment(split, 4, x, y).distance,
      );
      expect(d).toBeLessThan(1e-4);
    }
  });

  it('deleting a node joins its two curves, keeping the outer control points', () => {
    const n = nodes[3];
    const out = deleteNode(segs, nodes, 3)!;
    expect(pathNodes(out)).toHaveLength(5);
    const joined = out[n.inSeg] as Extract<Segment, { cmd: 'C' }>;
    const before = segs[n.inSeg] as Extract<Segment, { cmd: 'C' }>;
    const after = segs[n.outSeg] as Extract<Segment, { cmd: 'C' }>;
    expect([joined.x1, joined.y1, joined.x2, joined.y2, joined.x, joined.y]).toEqual([
      before.x1,
      before.y1,
      after.x2,
      after.y2,
      after.x,
      after.y,
    ]);
    expect(
      deleteNode(parsePath('M 0,0 L 1,0 L 1,1 Z'), pathNodes(parsePath('M 0,0 L 1,0 L 1,1 Z')), 0),
    ).toBeNull();
  });

  it('deleting the start node of a closed curved path starts it at the next node', () => {
    const out = deleteNode(segs, nodes, 0)!;
    const ns = pathNodes(out);
    expect(ns).toHaveLength(5);
    expect([ns[0].x, ns[0].y]).toEqual([nodes[1].x, nodes[1].y]);
    expect(ns[0].ends).toHaveLength(2);
  });

  it('open paths (sulci) keep two nodes at least, and their ends can go', () => {
    const open = parsePath('M 0,0 L 10,0 L 20,5');
    const ns = pathNodes(open);
    expect(ns.map((n) => n.closed)).toEqual([false, false, false]);
    expect(serializeSafe(deleteNode(open, ns, 2)!, false)).toBe('M 0,0 L 10,0');
    expect(serializeSafe(deleteNode(open, ns, 0)!, false)).toBe('M 10,0 L 20,5');
  });
});

describe('carryNodeTypes', () => {
  it("keeps the user's letters on the nodes that stay and types an inserted node from its geometry", () => {
    const segs = parsePath(FFA_LH);
    expect(carryNodeTypes(segs, 'sssssss', moveNode(segs, pathNodes(segs)[3], 700, 800))).toBe('sssssss');
    // a curve split in two: the new node is smooth
    expect(carryNodeTypes(segs, 'sssssss', insertNode(segs, 3, 0.5))).toBe('ssssssss');
    const square = parsePath('M 0,0 L 10,0 L 10,10 L 0,10 Z');
    // letters the geometry would not give (the user's choice in Inkscape) stay with their nodes
    expect(carryNodeTypes(square, 'cscsc', insertNode(square, 2, 0.5))).toBe('csccsc');
    expect(carryNodeTypes(square, 'cscsc', deleteNode(square, pathNodes(square), 1)!)).toBe('ccsc');
    // a record that does not fit the path (a stale one), or other geometry: no record
    expect(carryNodeTypes(square, 'ss', insertNode(square, 2, 0.5))).toBeNull();
    expect(carryNodeTypes(square, 'cscsc', parsePath('M 1,1 L 9,1 L 9,9 L 1,9 Z'))).toBeNull();
  });
});

describe('segmentPolylines', () => {
  it('flattens curves through their end point and marks closed subpaths', () => {
    const rings = segmentPolylines([
      { cmd: 'M', x: 0, y: 0 },
      { cmd: 'C', x1: 0, y1: 10, x2: 10, y2: 10, x: 10, y: 0 },
      { cmd: 'Z' },
      { cmd: 'M', x: 20, y: 0 },
      { cmd: 'L', x: 30, y: 0 },
    ]);
    expect(rings.map((r) => r.closed)).toEqual([true, false]);
    expect(rings[0].points.length).toBeGreaterThan(6);
    expect(rings[0].points.slice(-2)).toEqual([10, 0]);
  });
});
