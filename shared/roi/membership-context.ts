import type { FlatFrame } from '../flatmap/flat-frame.js';
import { buildCutRing } from './cut-ring.js';
import { buildPointIndex, type MembershipContext } from './membership.js';

const f32 = Math.fround;

/**
 * Vertex positions exactly as get_roi_verts tests them (§6.2, §6.6): the normalised u, v are
 * float32 (numpy float32 arrays), then multiplied by the root size and flipped in float64
 * (numpy promotes when multiplying by the Python (width, height) tuple).
 */
export function svgTestPoints(frame: FlatFrame, width: number, height: number): Float64Array {
  const [xmin, xmax, ymin, ymax] = frame.extents;
  const xr = f32(xmax - xmin);
  const yr = f32(ymax - ymin);
  const n = frame.xy.length / 2;
  const out = new Float64Array(2 * n);
  for (let v = 0; v < n; v++) {
    const u = f32(f32(frame.xy[2 * v] - xmin) / xr);
    const t = f32(f32(frame.xy[2 * v + 1] - ymin) / yr);
    out[2 * v] = u * width;
    out[2 * v + 1] = height - t * height;
  }
  return out;
}

/** Membership inputs for a subject: `fullTriangles` are the merged wm (fiducial) triangles. */
export function membershipContext(
  frame: FlatFrame,
  fullTriangles: Uint32Array,
  width: number,
  height: number,
): MembershipContext {
  const ring = buildCutRing(fullTriangles, frame.valid);
  return {
    index: buildPointIndex(svgTestPoints(frame, width, height)),
    valid: frame.valid,
    cutRingIndptr: ring.indptr,
    cutRingIndices: ring.indices,
  };
}

/** Merge per-hemisphere triangles, right offset by nL (pycortex's merge=True). */
export function mergeTriangles(lh: Uint32Array, rh: Uint32Array, nL: number): Uint32Array {
  const out = new Uint32Array(lh.length + rh.length);
  out.set(lh, 0);
  for (let i = 0; i < rh.length; i++) out[lh.length + i] = rh[i] + nL;
  return out;
}
