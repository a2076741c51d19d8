import {
  deleteNode,
  handleOf,
  insertNode,
  moveHandle,
  moveNode,
  nearestOnSegment,
  pathNodes,
  segmentPolylines,
  translateSegments,
  type HandleSide,
  type PathNode,
} from '../../../shared/formats/path-nodes.js';
import { serializeSafe } from '../../../shared/formats/path-writer.js';
import type { Segment } from '../../../shared/formats/svg-path.js';
import { findRoi, layerOf, setRoiPaths, updateRoi } from '../../state/roi-document.js';
import type { Roi } from '../../state/roi-document.js';
import { pathSegments, roiContains } from '../roi-rings.js';
import type { Tool, ToolEnv, ToolPointer, ToolPreview, ToolResult } from './tool-types.js';
import { NONE } from './tool-types.js';

/**
 * Edit, like Inkscape's node tool: click an ROI (a sulcus: its line) to select it and see its
 * nodes; drag a node (its handles follow) or one of the clicked node's handles (at a smooth node
 * the opposite handle turns with it; Alt+drag moves one handle alone); press on an outline to
 * insert a node there (curves are split, keeping their shape) and drag it; Alt+click a node, or
 * Delete after clicking it, to remove it; drag inside the selected ROI to move the whole ROI.
 * Only the path that holds the node changes, and in it only the segments touching the node.
 * Nothing changes the document until release.
 */

const NODE_RADIUS_PX = 7;
const SEGMENT_RADIUS_PX = 5;
/** a sulcus is picked (and dragged whole) from this near its line; nearer than SEGMENT_RADIUS_PX inserts a node */
const LINE_RADIUS_PX = 10;

/** A node of one path of one ROI. */
interface NodeRef {
  key: string;
  path: number;
  node: number;
}

type Gesture =
  | (NodeRef & {
      kind: 'node';
      /** what is dragged: the node, or one of its handles */
      part: 'node' | HandleSide;
      base: Segment[];
      segs: Segment[];
      /** Alt held when a handle was grabbed: the opposite handle stays put */
      cusp: boolean;
      inserted: boolean;
      moved: boolean;
    })
  | { kind: 'move'; key: string; x0: number; y0: number; dx: number; dy: number };

/** A visible handle: the node it belongs to, which side, and where handle and node are. */
interface HandleView {
  node: number;
  side: HandleSide;
  at: [number, number];
  from: [number, number];
}

/**
 * The topmost visible shape of the layer being edited at the point (later in the list is drawn
 * on top): an ROI or cutout containing it, a sulcus passing within a few pixels of it.
 */
export function pickRoi(env: ToolEnv, x: number, y: number): Roi | undefined {
  const layer = env.layer ?? 'rois';
  for (let i = env.doc.rois.length - 1; i >= 0; i--) {
    const roi = env.doc.rois[i];
    if (env.hiddenKeys?.has(roi.key) || layerOf(roi) !== layer) continue;
    if (layer === 'sulci' ? nearestSegment(roi, x, y, LINE_RADIUS_PX / env.scale) : roiContains(roi, x, y))
      return roi;
  }
  return undefined;
}

/** The handles Inkscape shows for a clicked node: its own and the far ones of its two segments. */
function visibleHandles(segs: readonly Segment[], nodes: readonly PathNode[], k: number): HandleView[] {
  const out: HandleView[] = [];
  const add = (n: number, side: HandleSide) => {
    const node = nodes[n];
    const at = node ? handleOf(segs, node, side) : null;
    if (at) out.push({ node: n, side, at, from: [node.x, node.y] });
  };
  const node = nodes[k];
  add(k, 'in');
  add(k, 'out');
  add(
    nodes.findIndex((n) => n.outSeg === node.inSeg && node.inSeg >= 0),
    'out',
  );
  add(
    nodes.findIndex((n) => n.inSeg === node.outSeg && node.outSeg >= 0),
    'in',
  );
  return out;
}

function nearestNode(roi: Roi, x: number, y: number, radius: number): { path: number; node: number } | null {
  let best: { path: number; node: number } | null = null;
  let bestD = radius;
  roi.paths.forEach((p, path) => {
    pathNodes(pathSegments(p)).forEach((n, node) => {
      const d = Math.hypot(n.x - x, n.y - y);
      if (d <= bestD) [best, bestD] = [{ path, node }, d];
    });
  });
  return best;
}

function nearestSegment(
  roi: Roi,
  x: number,
  y: number,
  radius: number,
): { path: number; seg: number; t: number } | null {
  let best: { path: number; seg: number; t: number } | null = null;
  let bestD = radius;
  roi.paths.forEach((p, path) => {
    const segs = pathSegments(p);
    for (const n of pathNodes(segs)) {
      if (n.outSeg < 0) continue;
      const { t, distance } = nearestOnSegment(segs, n.outSeg, x, y);
      if (distance <= bestD) [best, bestD] = [{ path, seg: n.outSeg, t }, distance];
    }
  });
  return best;
}

export class EditTool implements Tool {
  readonly id = 'edit' as const;
  private gesture: Gesture | null = null;
  /** the node last clicked: its handles are shown, Delete removes it */
  private activeNode: NodeRef | null = null;

  pointerDown(p: ToolPointer, env: ToolEnv): ToolResult {
    const selected = findRoi(env.doc, env.selectedKey);
    if (selected) {
      const radius = NODE_RADIUS_PX / env.scale;
      const active = this.activeNode?.key === selected.key ? this.activeNode : null;
      if (active && selected.paths[active.path]) {
        const segs = pathSegments(selected.paths[active.path]);
        const nodes = pathNodes(segs);
        const h = nodes[active.node]
          ? visibleHandles(segs, nodes, active.node).find(
              (v) => Math.hypot(v.at[0] - p.x, v.at[1] - p.y) <= radius,
            )
          : undefined;
        if (h) {
          this.startNodeGesture({ ...active, node: h.node }, h.side, [...segs], false, !!p.altKey);
          return NONE;
        }
      }
      const hit = nearestNode(selected, p.x, p.y, radius);
      if (hit) {
        const ref = { key: selected.key, ...hit };
        this.activeNode = ref;
        if (p.altKey) return this.deleteNode(env, ref);
        this.startNodeGesture(ref, 'node', [...pathSegments(selected.paths[hit.path])], false);
        return NONE;
      }
      const seg = nearestSegment(selected, p.x, p.y, SEGMENT_RADIUS_PX / env.scale);
      if (seg) {
        const segs = insertNode(pathSegments(selected.paths[seg.path]), seg.seg, seg.t);
        const node = pathNodes(segs).findIndex((n) => n.ends.includes(seg.seg));
        const ref = { key: selected.key, path: seg.path, node };
        this.activeNode = ref;
        this.startNodeGesture(ref, 'node', segs, true);
        return NONE;
      }
    }
    this.activeNode = null;
    const roi = pickRoi(env, p.x, p.y);
    if (!roi) return { kind: 'select', key: null };
    this.gesture = { kind: 'move', key: roi.key, x0: p.x, y0: p.y, dx: 0, dy: 0 };
    return roi.key === env.selectedKey ? NONE : { kind: 'select', key: roi.key };
  }

  private startNodeGesture(
    ref: NodeRef,
    part: 'node' | HandleSide,
    base: Segment[],
    inserted: boolean,
    cusp = false,
  ): void {
    this.gesture = { kind: 'node', ...ref, part, base, segs: base, cusp, inserted, moved: false };
  }

  pointerMove(p: ToolPointer): ToolResult {
    const g = this.gesture;
    if (!g) return NONE;
    if (g.kind === 'node') {
      const node = pathNodes(g.base)[g.node];
      g.segs =
        g.part === 'node'
          ? moveNode(g.base, node, p.x, p.y)
          : moveHandle(g.base, node, g.part, p.x, p.y, g.cusp);
      g.moved = true;
    } else {
      g.dx = p.x - g.x0;
      g.dy = p.y - g.y0;
    }
    return NONE;
  }

  pointerUp(p: ToolPointer, env: ToolEnv): ToolResult {
    const g = this.gesture;
    if (!g) return NONE;
    if (g.kind === 'node') {
      if (g.moved) this.pointerMove(p);
      this.gesture = null;
      if (!g.moved && !g.inserted) return NONE;
      const label = g.inserted ? 'Insert node' : g.part === 'node' ? 'Move node' : 'Move handle';
      return this.commitPath(env, g, g.segs, label);
    }
    this.gesture = null;
    const dx = p.x - g.x0;
    const dy = p.y - g.y0;
    if (Math.hypot(dx, dy) * env.scale < 1) return NONE;
    const doc = updateRoi(env.doc, g.key, (roi) =>
      setRoiPaths(
        roi,
        roi.paths.map((path) => ({
          d: serializeSafe(translateSegments(pathSegments(path), dx, dy), roi.layer !== 'sulci'),
        })),
      ),
    );
    return { kind: 'change', label: 'Move ROI', doc, selectKey: g.key };
  }

  doubleClick(): ToolResult {
    return NONE;
  }

  keyDown(key: string, env: ToolEnv): ToolResult {
    if (key === 'Escape') {
      this.cancel();
      this.activeNode = null;
      return NONE;
    }
    if ((key === 'Delete' || key === 'Backspace') && this.activeNode && !this.gesture) {
      const ref = this.activeNode;
      this.activeNode = null;
      if (ref.key === env.selectedKey) return this.deleteNode(env, ref);
    }
    return NONE;
  }

  private deleteNode(env: ToolEnv, ref: NodeRef): ToolResult {
    const roi = findRoi(env.doc, ref.key);
    const path = roi?.paths[ref.path];
    if (!path) return NONE;
    const segs = pathSegments(path);
    const out = deleteNode(segs, pathNodes(segs), ref.node);
    if (!out) return NONE; // the smallest outline keeps its nodes
    this.activeNode = null;
    return this.commitPath(env, ref, out, 'Delete node');
  }

  /** Only the edited path is rewritten; the ROI's other paths stay the same objects (and bytes). */
  private commitPath(env: ToolEnv, ref: NodeRef, segs: readonly Segment[], label: string): ToolResult {
    const d = serializeSafe(segs, findRoi(env.doc, ref.key)?.layer !== 'sulci');
    const doc = updateRoi(env.doc, ref.key, (roi) =>
      setRoiPaths(
        roi,
        roi.paths.map((p, i) => (i === ref.path ? { d } : p)),
      ),
    );
    return { kind: 'change', label, doc, selectKey: ref.key };
  }

  isBusy(): boolean {
    return this.gesture !== null;
  }

  cancel(): void {
    this.gesture = null;
  }

  preview(env: ToolEnv): ToolPreview | null {
    const g = this.gesture;
    if (g?.kind === 'move') {
      if (g.dx === 0 && g.dy === 0) return null;
      const roi = findRoi(env.doc, g.key);
      const lines = (roi?.paths ?? []).flatMap((path) =>
        segmentPolylines(translateSegments(pathSegments(path), g.dx, g.dy)),
      );
      return { lines };
    }
    const selected = findRoi(env.doc, env.selectedKey);
    if (!selected) return null;
    const editing = g?.kind === 'node' && g.key === selected.key ? g : null;
    const ref = editing ?? (this.activeNode?.key === selected.key ? this.activeNode : null);
    const nodes: number[] = [];
    let handles: number[] = [];
    let activeNode: readonly [number, number] | undefined;
    selected.paths.forEach((path, i) => {
      const segs = editing && editing.path === i ? editing.segs : pathSegments(path);
      const ns = pathNodes(segs);
      for (const n of ns) nodes.push(n.x, n.y);
      if (ref && ref.path === i && ns[ref.node]) {
        activeNode = [ns[ref.node].x, ns[ref.node].y];
        handles = visibleHandles(segs, ns, ref.node).flatMap((h) => [...h.from, ...h.at]);
      }
    });
    const lines = editing ? segmentPolylines(editing.segs) : [];
    return { lines, nodes, handles, ...(activeNode ? { activeNode } : {}) };
  }
}
