import type { FlatGeometry, RoiVertices } from '../../shared/api.js';
import type { MembershipContext } from '../../shared/roi/membership.js';
import { buildPointIndex, roiVertices, splitHemispheres } from '../../shared/roi/membership.js';
import type { Roi } from './roi-document.js';

/**
 * Vertex counts per hemisphere for the ROI list. ROIs as saved use the back end's exact
 * membership (getRoiVertices); drawn or edited ones are counted live with the same pycortex rule
 * over the geometry the UI has (positions rounded to float32, so a boundary vertex can rarely differ).
 */

export type RoiCount = { lh: number; rh: number } | { error: string };

const contexts = new WeakMap<FlatGeometry, MembershipContext>();

function contextFor(g: FlatGeometry): MembershipContext {
  let ctx = contexts.get(g);
  if (!ctx) {
    ctx = {
      index: buildPointIndex(g.svgXY),
      valid: g.valid,
      cutRingIndptr: g.cutRingIndptr,
      cutRingIndices: g.cutRingIndices,
    };
    contexts.set(g, ctx);
  }
  return ctx;
}

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
  if (saved && !roi.pathsChanged && roi.savedName !== null && saved[roi.savedName]) {
    return saved[roi.savedName];
  }
  let m = liveSets.get(roi.paths);
  if (!m) {
    try {
      const merged = roiVertices(
        roi.paths.map((p) => p.d),
        contextFor(geometry),
      );
      m = splitHemispheres(merged, geometry.nL);
    } catch (e) {
      m = { error: e instanceof Error ? e.message : String(e) };
    }
    liveSets.set(roi.paths, m);
  }
  return m;
}
