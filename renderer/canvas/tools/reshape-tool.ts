import { dropClosePoints, simplifyPolyline } from '../../../shared/roi/simplify.js';
import { smoothPolyline } from '../../../shared/roi/smooth.js';
import { polylinesToPath } from '../../../shared/formats/path-writer.js';
import { findRoi, pathFromRing, setRoiPaths, updateRoi } from '../../state/roi-document.js';
import { pathRings } from '../roi-rings.js';
import { nearestSegment, reshapeRing } from './reshape-geometry.js';
import type { Tool, ToolEnv, ToolPointer, ToolPreview, ToolResult } from './tool-types.js';
import { NONE } from './tool-types.js';

/**
 * Reshape: with an ROI selected, draw a stroke from its outline to its outline; the stroke
 * replaces the stretch in between (erase inside, extend outside). Esc cancels the stroke.
 */

const SNAP_PX = 14;

export class ReshapeTool implements Tool {
  readonly id = 'reshape' as const;
  private points: number[] | null = null;
  /** set when the last stroke could not be applied, for the status line */
  lastProblem: string | null = null;

  pointerDown(p: ToolPointer, env: ToolEnv): ToolResult {
    this.lastProblem = null;
    const selected = findRoi(env.doc, env.selectedKey);
    if (!selected) {
      this.lastProblem = 'Select an ROI first (Edit tool), then draw from its outline to its outline.';
      return NONE;
    }
    if (selected.layer === 'sulci') {
      this.lastProblem = 'Reshape works on closed outlines; edit a sulcus with the Edit tool.';
      return NONE;
    }
    this.points = [p.x, p.y];
    return NONE;
  }

  pointerMove(p: ToolPointer, env: ToolEnv): ToolResult {
    if (!this.points) return NONE;
    const n = this.points.length;
    if (Math.hypot(p.x - this.points[n - 2], p.y - this.points[n - 1]) * env.scale >= 1)
      this.points.push(p.x, p.y);
    return NONE;
  }

  pointerUp(p: ToolPointer, env: ToolEnv): ToolResult {
    if (!this.points) return NONE;
    this.points.push(p.x, p.y);
    const raw = this.points;
    this.points = null;
    const roi = findRoi(env.doc, env.selectedKey);
    if (!roi) return NONE;
    const stroke = simplifyPolyline(smoothPolyline(dropClosePoints(raw, 2 / env.scale), 2), 0.75 / env.scale);
    // the outline nearest to the stroke's start is the one reshaped; the ROI's other paths stay as they are
    let target: { path: number; ring: number } | null = null;
    let best = Infinity;
    roi.paths.forEach((path, p) =>
      pathRings(path).forEach((r, ring) => {
        const d2 = nearestSegment(r, stroke[0], stroke[1]).d2;
        if (d2 < best) [target, best] = [{ path: p, ring }, d2];
      }),
    );
    const t = target as { path: number; ring: number } | null;
    const rings = t ? pathRings(roi.paths[t.path]).map((r) => r.slice()) : [];
    const reshaped = t ? reshapeRing(rings[t.ring], stroke, SNAP_PX / env.scale) : null;
    if (!t || !reshaped) {
      this.lastProblem = 'Start and end the stroke on the selected outline.';
      return NONE;
    }
    rings[t.ring] = reshaped;
    const path = rings.length === 1 ? pathFromRing(reshaped) : { d: polylinesToPath(rings, true) };
    const doc = updateRoi(env.doc, roi.key, (r) =>
      setRoiPaths(
        r,
        r.paths.map((old, i) => (i === t.path ? path : old)),
      ),
    );
    return { kind: 'change', label: 'Reshape outline', doc, selectKey: roi.key };
  }

  doubleClick(): ToolResult {
    return NONE;
  }

  keyDown(key: string): ToolResult {
    if (key === 'Escape') this.cancel();
    return NONE;
  }

  isBusy(): boolean {
    return this.points !== null;
  }

  cancel(): void {
    this.points = null;
  }

  preview(env: ToolEnv): ToolPreview | null {
    const lines = this.points ? [{ points: this.points, closed: false }] : [];
    const selected = findRoi(env.doc, env.selectedKey);
    if (!selected && lines.length === 0) return null;
    return { lines, ...(selected ? { nodes: [] } : {}) };
  }
}
