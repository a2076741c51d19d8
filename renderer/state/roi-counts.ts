import type { FlatGeometry, RoiVertices } from '../../shared/api.js';
import { geometryRoiVertices } from '../../shared/roi/geometry-membership.js';
import type { Roi } from './roi-document.js';

/**
 * Vertex counts per hemisphere for the ROI list. ROIs as saved use the back end's membership
 * (getRoiVertices); drawn or edited ones are counted live by the same computation on the same
 * test points, so a count shown before saving is the count `rois` gives after.
 */

export type RoiCount = { lh: number; rh: number } | { error: string };

export function countRoi(
  roi: Roi,
  geometry: FlatGeometry,
  saved: Record<string, RoiVertices> | null,
): RoiCount {
  const m = roiMembership(roi, geometry, saved);
  return 'error' in m ? m : { lh: m.lh.length, rh: m.rh.length };
}

export type RoiMembership = RoiVertices | { error: string };

const liveSets = new WeakMap<readonly unknown[], RoiMembership>();

/** The ROI's vertices per hemisphere (for its statistics): saved membership, else computed live. */
export function roiMembership(
  roi: Roi,
  geometry: FlatGeometry,
  saved: Record<string, RoiVertices> | null,
): RoiMembership {
  if (roi.layer) return { error: `a ${roi.layer === 'sulci' ? 'sulcus' : 'cutout'} selects no vertices` };
  if (saved && !roi.pathsChanged && roi.savedName !== null && saved[roi.savedName]) {
    return saved[roi.savedName];
  }
  let m = liveSets.get(roi.paths);
  if (!m) {
    try {
      m = geometryRoiVertices(
        roi.paths.map((p) => p.d),
        geometry,
      );
    } catch (e) {
      m = { error: e instanceof Error ? e.message : String(e) };
    }
    liveSets.set(roi.paths, m);
  }
  return m;
}
