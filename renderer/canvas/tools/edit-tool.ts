import { segmentDistance2 } from '../../../shared/roi/simplify.js';
import { findRoi, pathFromRing, setRoiPaths, updateRoi } from '../../state/roi-document.js';
import type { Roi } from '../../state/roi-document.js';
import { roiContains, roiRings } from '../roi-rings.js';
import type { Tool, ToolEnv, ToolPointer, ToolPreview, ToolResult } from './tool-types.js';
import { NONE } from './tool-types.js';

/**
 * Edit: click an ROI to select it; drag a node to move it; press on an outline segment to insert
 * a node there (and drag it); Alt+click a node, or Delete after clicking it, to remove it; drag
 * inside the selected ROI to move the whole ROI. Nothing changes the document until release.
 */

const NODE_RADIUS_PX = 7;
const SEGMENT_RADIUS_PX = 5;

type Gesture =
  | {
      kind: 'node';
      key: string;
      rings: number[][];
      ring: number;
      node: number;
      inserted: boolean;
      moved: boolean;
    }
  | { kind: 'move'; key: string; rings: number[][]; x0: number; y0: number; dx: number; dy: number };

export interface NodeHit {
  ring: number;
  node: number;
}

export function hitNode(rings: readonly number[][], x: number, y: number, radius: number): NodeHit | null {
  let best: NodeHit | null = null;
  let bestD = radius;
  rings.forEach((r, ring) => {
    for (let i = 0; i < r.length; i += 2) {
      const d = Math.hypot(r[i] - x, r[i + 1] - y);
      if (d <= bestD) [best, bestD] = [{ ring, node: i / 2 }, d];
    }
  });
  return best;
}

/** The segment (ring, index of its first node) nearest to the point within the radius. */
export function hitSegment(rings: readonly number[][], x: number, y: number, radius: number): NodeHit | null {
  let best: NodeHit | null = null;
  let bestD2 = radius * radius;
  rings.forEach((r, ring) => {
    const n = r.length / 2;
    for (let i = 0; i < n; i++) {
      const j = (i + 1) % n;
      const d2 = segmentDistance2(x, y, r[2 * i], r[2 * i + 1], r[2 * j], r[2 * j + 1]);
      if (d2 <= bestD2) [best, bestD2] = [{ ring, node: i }, d2];
    }
  });
  return best;
}

/** The topmost visible ROI containing the point (later in the list is drawn on top). */
export function pickRoi(env: ToolEnv, x: number, y: number): Roi | undefined {
  for (let i = env.doc.rois.length - 1; i >= 0; i--) {
    const roi = env.doc.rois[i];
    if (env.hiddenKeys?.has(roi.key)) continue;
    if (roiContains(roi, x, y)) return roi;
  }
  return undefined;
}

export class EditTool implements Tool {
  readonly id = 'edit' as const;
  private gesture: Gesture | null = null;
  /** the node last clicked, for Delete */
  private activeNode: { key: string; hit: NodeHit } | null = null;

  pointerDown(p: ToolPointer, env: ToolEnv): ToolResult {
    const selected = findRoi(env.doc, env.selectedKey);
    if (selected) {
      const rings = roiRings(selected);
      const node = hitNode(rings, p.x, p.y, NODE_RADIUS_PX / env.scale);
      if (node) {
        this.activeNode = { key: selected.key, hit: node };
        if (p.altKey) return this.deleteNode(env, selected.key, node);
        this.gesture = {
          kind: 'node',
          key: selected.key,
          rings,
          ...nodeOf(node),
          inserted: false,
          moved: false,
        };
        return NONE;
      }
      const seg = hitSegment(rings, p.x, p.y, SEGMENT_RADIUS_PX / env.scale);
      if (seg) {
        const r = rings[seg.ring];
        r.splice(2 * seg.node + 2, 0, p.x, p.y);
        const hit = { ring: seg.ring, node: seg.node + 1 };
        this.activeNode = { key: selected.key, hit };
        this.gesture = {
          kind: 'node',
          key: selected.key,
          rings,
          ...nodeOf(hit),
          inserted: true,
          moved: false,
        };
        return NONE;
      }
    }
    this.activeNode = null;
    const roi = pickRoi(env, p.x, p.y);
    if (!roi) return { kind: 'select', key: null };
    this.gesture = { kind: 'move', key: roi.key, rings: roiRings(roi), x0: p.x, y0: p.y, dx: 0, dy: 0 };
    return roi.key === env.selectedKey ? NONE : { kind: 'select', key: roi.key };
  }

  pointerMove(p: ToolPointer): ToolResult {
    const g = this.gesture;
    if (!g) return NONE;
    if (g.kind === 'node') {
      const r = g.rings[g.ring];
      r[2 * g.node] = p.x;
      r[2 * g.node + 1] = p.y;
      g.moved = true;
    } else {
      g.dx = p.x - g.x0;
      g.dy = p.y - g.y0;
    }
    return NONE;
  }

  pointerUp(p: ToolPointer, env: ToolEnv): ToolResult {
    const g = this.gesture;
    this.gesture = null;
    if (!g) return NONE;
    if (g.kind === 'node') {
      if (!g.moved && !g.inserted) return NONE;
      if (g.moved) {
        g.rings[g.ring][2 * g.node] = p.x;
        g.rings[g.ring][2 * g.node + 1] = p.y;
      }
      return this.commit(env, g.key, g.rings, g.inserted ? 'Insert node' : 'Move node');
    }
    const dx = p.x - g.x0;
    const dy = p.y - g.y0;
    if (Math.hypot(dx, dy) * env.scale < 1) return NONE;
    const moved = g.rings.map((r) => r.map((v, i) => v + (i % 2 === 0 ? dx : dy)));
    return this.commit(env, g.key, moved, 'Move ROI');
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
      const { key: roiKey, hit } = this.activeNode;
      this.activeNode = null;
      const roi = findRoi(env.doc, roiKey);
      if (roi && roiKey === env.selectedKey) return this.deleteNode(env, roiKey, hit);
    }
    return NONE;
  }

  private deleteNode(env: ToolEnv, key: string, hit: NodeHit): ToolResult {
    const roi = findRoi(env.doc, key);
    if (!roi) return NONE;
    const rings = roiRings(roi);
    const r = rings[hit.ring];
    if (r.length <= 6) return NONE; // a triangle is the smallest outline
    r.splice(2 * hit.node, 2);
    this.activeNode = null;
    return this.commit(env, key, rings, 'Delete node');
  }

  private commit(env: ToolEnv, key: string, rings: number[][], label: string): ToolResult {
    const doc = updateRoi(env.doc, key, (roi) => setRoiPaths(roi, rings.map(pathFromRing)));
    return { kind: 'change', label, doc, selectKey: key };
  }

  isBusy(): boolean {
    return this.gesture !== null;
  }

  cancel(): void {
    this.gesture = null;
  }

  preview(env: ToolEnv): ToolPreview | null {
    const g = this.gesture;
    if (g?.kind === 'node') {
      const r = g.rings[g.ring];
      return {
        lines: g.rings.map((points) => ({ points, closed: true })),
        nodes: g.rings.flat(),
        activeNode: [r[2 * g.node], r[2 * g.node + 1]],
      };
    }
    if (g?.kind === 'move') {
      if (g.dx === 0 && g.dy === 0) return null;
      const lines = g.rings.map((r) => ({
        points: r.map((v, i) => v + (i % 2 === 0 ? g.dx : g.dy)),
        closed: true,
      }));
      return { lines };
    }
    const selected = findRoi(env.doc, env.selectedKey);
    if (!selected) return null;
    const rings = roiRings(selected);
    const active = this.activeNode?.key === selected.key ? this.activeNode.hit : null;
    const ar = active ? rings[active.ring] : undefined;
    return {
      lines: [],
      nodes: rings.flat(),
      ...(ar && active ? { activeNode: [ar[2 * active.node], ar[2 * active.node + 1]] as const } : {}),
    };
  }
}

function nodeOf(hit: NodeHit): { ring: number; node: number } {
  return { ring: hit.ring, node: hit.node };
}
