import type { FlatGeometry } from '../../../shared/api.js';
import { ApiError } from '../../../shared/api-errors.js';
import { flatToSvg, svgSizeFor, type FlatFrame } from '../../../shared/flatmap/flat-frame.js';
import { loopsInGeneratorFrame } from '../../../shared/formats/overlay-create.js';
import { buildCutRing, type CutRing } from '../../../shared/roi/cut-ring.js';
import { membershipContext } from '../../../shared/roi/geometry-membership.js';
import type { MembershipContext } from '../../../shared/roi/membership.js';
import { mergeTriangles, unitPoints } from '../../../shared/roi/membership-context.js';
import { boundaryLoopsOf, flatFrameOf } from './flat-shape.js';
import { fiducialSurfaces, loadSubjectSurfaces, type SubjectSurfaces } from '../database/subject-surfaces.js';

/**
 * A subject's flat surface as the overlay needs it, computed once per (database, subject):
 * merged nudged frame, cut ring over the fiducial mesh, the two boundary loops; and per SVG size
 * the vertex positions and the point index for membership.
 */
export interface SubjectFlat {
  subject: string;
  frame: FlatFrame;
  ring: CutRing;
  /** the two longest boundary loops (merged vertex indices, start repeated), longest first */
  loops: [number[], number[]];
  /** per "width x height": membership context */
  contexts: Map<string, MembershipContext>;
}

const memo = new Map<string, { surfaces: SubjectSurfaces; flat: SubjectFlat }>();

/** Rebuilt whenever the surface loader hands out new surfaces (it notices changed files). */
export async function loadSubjectFlat(db: string, subject: string): Promise<SubjectFlat> {
  const key = `${db}\0${subject}`;
  const surfaces = await loadSubjectSurfaces(db, subject);
  const hit = memo.get(key);
  if (hit && hit.surfaces === surfaces) return hit.flat;
  const flat = build(subject, surfaces);
  memo.set(key, { surfaces, flat });
  return flat;
}

function build(subject: string, surfaces: SubjectSurfaces): SubjectFlat {
  const frame = flatFrameOf(surfaces.flat);
  const fid = fiducialSurfaces(surfaces);
  if (!fid)
    throw new ApiError(
      'NOT_FOUND',
      `subject ${subject}: no wm/pia (or fiducial) surfaces, needed for ROI membership`,
    );
  const full = mergeTriangles(fid.lh.triangles, fid.rh.triangles, frame.nL);
  const ring = buildCutRing(full, frame.valid);
  let loops: [number[], number[]];
  try {
    loops = boundaryLoopsOf(surfaces.flat);
  } catch (e) {
    throw new ApiError('INVALID_FILE', `subject ${subject}: flat surface: ${(e as Error).message}`);
  }
  return { subject, frame, ring, loops, contexts: new Map() };
}

/** Membership inputs at a given SVG root size (pycortex's float32 ratios times float64 size). */
export function contextAt(flat: SubjectFlat, width: number, height: number): MembershipContext {
  const key = `${width}x${height}`;
  let ctx = flat.contexts.get(key);
  if (!ctx) {
    ctx = membershipContext({
      unitXY: unitPoints(flat.frame),
      svgWidth: width,
      svgHeight: height,
      valid: flat.frame.valid,
      cutRingIndptr: flat.ring.indptr,
      cutRingIndices: flat.ring.indices,
    });
    if (flat.contexts.size > 4) flat.contexts.clear();
    flat.contexts.set(key, ctx);
  }
  return ctx;
}

/** The clip path's loops as pycortex's make_svg writes them (§6.1), from the memoised loops. */
export function clipLoops(flat: SubjectFlat): Float32Array[] {
  return loopsInGeneratorFrame(flat.frame, flat.loops);
}

/** The FlatGeometry of shared/api.ts for an overlay of the given root size. */
export function flatGeometry(flat: SubjectFlat, size?: { width: number; height: number }): FlatGeometry {
  const { width, height } = size ?? svgSizeFor(flat.frame.extents);
  const svgXY = flatToSvg(flat.frame, width, height);
  const boundary = flat.loops.map((loop) => {
    const out = new Float32Array(2 * loop.length);
    loop.forEach((v, i) => {
      out[2 * i] = svgXY[2 * v];
      out[2 * i + 1] = svgXY[2 * v + 1];
    });
    return out;
  });
  return {
    subject: flat.subject,
    nL: flat.frame.nL,
    nR: flat.frame.nR,
    svgWidth: width,
    svgHeight: height,
    extents: flat.frame.extents,
    svgXY,
    unitXY: unitPoints(flat.frame),
    valid: flat.frame.valid,
    triangles: flat.frame.triangles,
    cutRingIndptr: flat.ring.indptr,
    cutRingIndices: flat.ring.indices,
    boundary,
  };
}
