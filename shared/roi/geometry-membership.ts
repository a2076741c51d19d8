import type { FlatGeometry, RoiVertices } from '../api.js';
import { buildPointIndex, roiVertices, splitHemispheres, type MembershipContext } from './membership.js';
import { testPointsFromUnit } from './membership-context.js';

/**
 * Membership of path data on the geometry the UI holds, with the very test points and rules of
 * the back end's `rois` (get_roi_verts): the ROI list counts what pycortex would save.
 */

type Geometry = Pick<
  FlatGeometry,
  'nL' | 'unitXY' | 'svgWidth' | 'svgHeight' | 'valid' | 'cutRingIndptr' | 'cutRingIndices'
>;

const contexts = new WeakMap<Geometry, MembershipContext>();

function contextFor(g: Geometry): MembershipContext {
  let ctx = contexts.get(g);
  if (!ctx) {
    ctx = {
      index: buildPointIndex(testPointsFromUnit(g.unitXY, g.svgWidth, g.svgHeight)),
      valid: g.valid,
      cutRingIndptr: g.cutRingIndptr,
      cutRingIndices: g.cutRingIndices,
    };
    contexts.set(g, ctx);
  }
  return ctx;
}

/** Hemisphere-local vertices of a shape made of `paths`; throws where pycortex cannot read a path. */
export function geometryRoiVertices(paths: readonly string[], g: Geometry): RoiVertices {
  return splitHemispheres(roiVertices(paths, contextFor(g)), g.nL);
}
