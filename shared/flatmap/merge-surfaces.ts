import type { HemiPair, Surface } from '../subject.js';

/** Left then right vertex coordinates, un-nudged (wm, pia, fiducial are never nudged, §2.3). */
export function mergedPoints(pair: HemiPair<Surface>): Float32Array {
  const out = new Float32Array(pair.lh.points.length + pair.rh.points.length);
  out.set(pair.lh.points, 0);
  out.set(pair.rh.points, pair.lh.points.length);
  return out;
}
