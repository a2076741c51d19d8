import type { Roi, RoiPath } from '../state/roi-document.js';
import { pointInRing } from '../../shared/roi/point-in-ring.js';
import { pycortexLabelPosition } from '../../shared/figure/pycortex-label-position.js';
import { parsePath, type Segment } from '../../shared/formats/svg-path.js';
import { pathDataToRings } from './path-rings.js';

/** The closed outlines and the segments of an ROI, parsed once per (immutable) path object. */

const cache = new WeakMap<RoiPath, readonly number[][]>();
const segmentCache = new WeakMap<RoiPath, readonly Segment[]>();

export function pathRings(path: RoiPath): readonly number[][] {
  if (path.ring) return [path.ring as number[]];
  let rings = cache.get(path);
  if (!rings) {
    rings = safely(() => pathDataToRings(path.d), []);
    cache.set(path, rings);
  }
  return rings;
}

/** The path's absolute segments (curves kept); none for data that does not parse. */
export function pathSegments(path: RoiPath): readonly Segment[] {
  let segs = segmentCache.get(path);
  if (!segs) {
    segs = safely(() => parsePath(path.d), []);
    segmentCache.set(path, segs);
  }
  return segs;
}

function safely<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

export function roiRings(roi: Roi): number[][] {
  return roi.paths.flatMap((p) => pathRings(p).map((r) => r.slice()));
}

export function roiContains(roi: Roi, x: number, y: number): boolean {
  return roi.paths.some((p) => pathRings(p).some((r) => pointInRing(x, y, r)));
}

const labelCache = new WeakMap<RoiPath, [number, number] | null>();

/**
 * Where pycortex names one path of an ROI (one name per path, so per hemisphere): the placement
 * its figures use, and ours. Null where pycortex shows no name (a path its label reader gives up on).
 */
export function pathLabelPoint(path: RoiPath): [number, number] | null {
  let at = labelCache.get(path);
  if (at === undefined) {
    at = pycortexLabelPosition(path.d);
    labelCache.set(path, at);
  }
  return at;
}
