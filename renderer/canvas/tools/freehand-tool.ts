import { dropClosePoints, simplifyPolyline, simplifyRing } from '../../../shared/roi/simplify.js';
import { ringArea, smoothPolyline, smoothRing } from '../../../shared/roi/smooth.js';
import type { Tool, ToolEnv, ToolPointer, ToolPreview, ToolResult } from './tool-types.js';
import { NONE } from './tool-types.js';

/**
 * Freehand: press, draw, release. The stroke is closed automatically (in the sulci layer it stays
 * an open line), smoothed and simplified (tolerances defined in screen pixels, so zooming in
 * gives finer outlines). Esc cancels.
 */

/** screen pixels between kept samples */
const SAMPLE_STEP_PX = 2;
/** screen pixels a node may deviate from the drawn stroke after simplification */
const SIMPLIFY_PX = 0.75;
const SMOOTH_RADIUS = 2;
/**
 * A stroke with a shorter outline or a smaller enclosed area (screen px, px²) is a stray drag or
 * a click, not an ROI: it is dropped with a hint instead of opening the name dialog.
 */
export const MIN_PERIMETER_PX = 40;
export const MIN_AREA_PX2 = 64;
export const TOO_SMALL_HINT = `Stroke ignored: too small for an ROI (draw around at least ${Math.sqrt(MIN_AREA_PX2)}×${Math.sqrt(MIN_AREA_PX2)} screen pixels; zoom in for small ROIs).`;

export function finishFreehandStroke(points: readonly number[], scale: number): number[] | null {
  let ring = dropClosePoints(points, SAMPLE_STEP_PX / scale);
  const n = ring.length;
  if (n >= 4 && ring[0] === ring[n - 2] && ring[1] === ring[n - 1]) ring = ring.slice(0, -2);
  if (ring.length < 6) return null;
  let perimeter = 0;
  for (let i = 0; i < ring.length; i += 2) {
    const j = (i + 2) % ring.length;
    perimeter += Math.hypot(ring[j] - ring[i], ring[j + 1] - ring[i + 1]);
  }
  if (perimeter * scale < MIN_PERIMETER_PX) return null;
  if (Math.abs(ringArea(ring)) * scale * scale < MIN_AREA_PX2) return null;
  const smooth = smoothRing(ring, SMOOTH_RADIUS);
  const simple = simplifyRing(smooth, SIMPLIFY_PX / scale);
  return simple.length >= 6 ? simple : null;
}

/** A sulcus stroke: the same sampling, smoothing and simplification, left open. */
export function finishFreehandLine(points: readonly number[], scale: number): number[] | null {
  const line = dropClosePoints(points, SAMPLE_STEP_PX / scale);
  if (line.length < 4) return null;
  let length = 0;
  for (let i = 2; i < line.length; i += 2)
    length += Math.hypot(line[i] - line[i - 2], line[i + 1] - line[i - 1]);
  if (length * scale < MIN_PERIMETER_PX) return null;
  const simple = simplifyPolyline(smoothPolyline(line, SMOOTH_RADIUS), SIMPLIFY_PX / scale);
  return simple.length >= 4 ? simple : null;
}

export class FreehandTool implements Tool {
  readonly id = 'freehand' as const;
  private points: number[] | null = null;
  lastProblem: string | null = null;

  pointerDown(p: ToolPointer, _env?: ToolEnv): ToolResult {
    this.points = [p.x, p.y];
    this.lastProblem = null;
    return NONE;
  }

  pointerMove(p: ToolPointer, env: ToolEnv): ToolResult {
    if (!this.points) return NONE;
    const n = this.points.length;
    const step = 1 / env.scale;
    if (Math.hypot(p.x - this.points[n - 2], p.y - this.points[n - 1]) >= step) {
      this.points.push(p.x, p.y);
    }
    return NONE;
  }

  pointerUp(p: ToolPointer, env: ToolEnv): ToolResult {
    if (!this.points) return NONE;
    this.points.push(p.x, p.y);
    const moved = this.points.some((v, i) => v !== this.points![i % 2]);
    const ring =
      env.layer === 'sulci'
        ? finishFreehandLine(this.points, env.scale)
        : finishFreehandStroke(this.points, env.scale);
    this.points = null;
    // a plain click says nothing; a drag that was dropped says why
    if (!ring && moved) this.lastProblem = TOO_SMALL_HINT;
    return ring ? { kind: 'create', ring } : NONE;
  }

  doubleClick(): ToolResult {
    return NONE;
  }

  keyDown(key: string, _env?: ToolEnv): ToolResult {
    if (key === 'Escape') this.cancel();
    return NONE;
  }

  isBusy(): boolean {
    return this.points !== null;
  }

  cancel(): void {
    this.points = null;
  }

  preview(): ToolPreview | null {
    return this.points ? { lines: [{ points: this.points, closed: false }] } : null;
  }
}
