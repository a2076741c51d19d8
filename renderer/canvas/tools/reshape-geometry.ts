import { segmentDistance2 } from '../../../shared/roi/simplify.js';
import { ringArea } from '../../../shared/roi/smooth.js';

/**
 * Replace part of a closed outline with a stroke that starts and ends on it (Connectome
 * Workbench's erase/extend/replace in one gesture): a stroke drawn inside the ROI cuts a piece
 * off, one drawn outside adds a piece, one across redraws that stretch. Of the two outlines the
 * stroke can close with, the larger is kept.
 */

/** The segment of `ring` nearest to (x, y): its first node index and the squared distance. */
export function nearestSegment(ring: readonly number[], x: number, y: number): { index: number; d2: number } {
  const n = ring.length / 2;
  let index = 0;
  let d2 = Infinity;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const d = segmentDistance2(x, y, ring[2 * i], ring[2 * i + 1], ring[2 * j], ring[2 * j + 1]);
    if (d < d2) [index, d2] = [i, d];
  }
  return { index, d2 };
}

/** Nodes from..to inclusive, walking forward around the ring. */
function walk(ring: readonly number[], from: number, to: number): number[] {
  const n = ring.length / 2;
  const out: number[] = [];
  for (let k = 0, i = ((from % n) + n) % n; k < n; k++, i = (i + 1) % n) {
    out.push(ring[2 * i], ring[2 * i + 1]);
    if (i === ((to % n) + n) % n) break;
  }
  return out;
}

function reversePoints(xy: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = xy.length - 2; i >= 0; i -= 2) out.push(xy[i], xy[i + 1]);
  return out;
}

/**
 * The new ring, or null when the stroke does not start and end within `snap` of the ring.
 * `stroke` is an open polyline (interleaved x, y).
 */
export function reshapeRing(
  ring: readonly number[],
  stroke: readonly number[],
  snap: number,
): number[] | null {
  if (stroke.length < 4 || ring.length < 6) return null;
  const m = stroke.length;
  const a = nearestSegment(ring, stroke[0], stroke[1]);
  const b = nearestSegment(ring, stroke[m - 2], stroke[m - 1]);
  if (a.d2 > snap * snap || b.d2 > snap * snap) return null;
  // keep the stretch from the stroke's end forward to its start, closed by the stroke
  const keepAfterEnd = [...stroke, ...walk(ring, b.index + 1, a.index)];
  // or the stretch from its start forward to its end, closed by the reversed stroke
  const keepAfterStart =
    a.index === b.index
      ? reversePoints(stroke)
      : [...walk(ring, a.index + 1, b.index), ...reversePoints(stroke)];
  const candidates = [keepAfterEnd, keepAfterStart].filter((c) => c.length >= 6);
  if (candidates.length === 0) return null;
  candidates.sort((p, q) => Math.abs(ringArea(q)) - Math.abs(ringArea(p)));
  return candidates[0];
}
