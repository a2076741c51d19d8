import type { HemiPair, Surface } from '../subject.js';
import { maxX, minX } from './flat-frame.js';

/** Left then right vertex coordinates, un-nudged (wm, pia, fiducial are never nudged, §2.3). */
export function mergedPoints(pair: HemiPair<Surface>): Float32Array {
  const out = new Float32Array(pair.lh.points.length + pair.rh.points.length);
  out.set(pair.lh.points, 0);
  out.set(pair.rh.points, pair.lh.points.length);
  return out;
}

/**
 * Left then right, nudged as pycortex's `get_surf(..., nudge=True)` (§2.3): left shifted to end
 * at x = 0, right to start there; only x changes, float32. The 3-D view's inflated surfaces.
 */
export function nudgedPoints(pair: HemiPair<Surface>): Float32Array {
  const out = mergedPoints(pair);
  const left = pair.lh.points.length;
  const lhShift = maxX(pair.lh.points);
  const rhShift = minX(pair.rh.points);
  for (let i = 0; i < out.length; i += 3) out[i] = Math.fround(out[i] - (i < left ? lhShift : rhShift));
  return out;
}
