import type { FlatGeometry, RoiVertices } from '../api.js';
import { buildPointIndex, roiVertices, splitHemispheres, type MembershipContext } from './membership.js';
import { testPointsFromUnit } from './membership-context.js';

/**
 * Membership on a subject's flat geometry with the very test points and rules of get_roi_verts.
 * The one place a MembershipContext is built: the back end (`rois`, saves, exports, tracing)
 * builds it from the subject's frame, the editor from the FlatGeometry it was sent, with the same
 * numbers, so the ROI list counts what pycortex would save.
 */

export type MembershipGeometry = Pick<
  FlatGeometry,
  'unitXY' | 'svgWidth' | 'svgHeight' | 'valid' | 'cutRingIndptr' | 'cutRingIndices'
>;

/** get_roi_verts' inputs at one SVG root size: test points indexed, valid vertices, cut ring. */
export function membershipContext(g: MembershipGeometry): MembershipContext {
  return {
    index: buildPointIndex(testPointsFromUnit(g.unitXY, g.svgWidth, g.svgHeight)),
    valid: g.valid,
    cutRingIndptr: g.cutRingIndptr,
    cutRingIndices: g.cutRingIndices,
  };
}

type Geometry = MembershipGeometry & Pick<FlatGeometry, 'nL'>;

const contexts = new WeakMap<Geometry, MembershipContext>();

function contextFor(g: Geometry): MembershipContext {
  let ctx = contexts.get(g);
  if (!ctx) {
    ctx = membershipContext(g);
    contexts.set(g, ctx);
  }
  return ctx;
}

/** Hemisphere-local vertices of a shape made of `paths`; throws where pycortex cannot read a path. */
export function geometryRoiVertices(paths: readonly string[], g: Geometry): RoiVertices {
  return splitHemispheres(roiVertices(paths, contextFor(g)), g.nL);
}
