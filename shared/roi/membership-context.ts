import type { FlatFrame } from '../flatmap/flat-frame.js';

const f32 = Math.fround;

/**
 * Every vertex normalised as get_roi_verts does (§6.2): u and v (y up) in [0, 1], computed in
 * float32 like pycortex's numpy float32 arrays. Interleaved u, v.
 */
export function unitPoints(frame: FlatFrame): Float32Array {
  const [xmin, xmax, ymin, ymax] = frame.extents;
  const xr = f32(xmax - xmin);
  const yr = f32(ymax - ymin);
  const n = frame.xy.length / 2;
  const out = new Float32Array(2 * n);
  for (let v = 0; v < n; v++) {
    out[2 * v] = f32(f32(frame.xy[2 * v] - xmin) / xr);
    out[2 * v + 1] = f32(f32(frame.xy[2 * v + 1] - ymin) / yr);
  }
  return out;
}

/**
 * Vertex positions exactly as get_roi_verts tests them (§6.6): the float32 u, v multiplied by
 * the root size and flipped in float64 (numpy promotes when multiplying by the Python
 * (width, height) tuple).
 */
export function testPointsFromUnit(unit: ArrayLike<number>, width: number, height: number): Float64Array {
  const out = new Float64Array(unit.length);
  for (let i = 0; i < unit.length; i += 2) {
    out[i] = unit[i] * width;
    out[i + 1] = height - unit[i + 1] * height;
  }
  return out;
}

/** Merge per-hemisphere triangles, right offset by nL (pycortex's merge=True). */
export function mergeTriangles(lh: Uint32Array, rh: Uint32Array, nL: number): Uint32Array {
  const out = new Uint32Array(lh.length + rh.length);
  out.set(lh, 0);
  for (let i = 0; i < rh.length; i++) out[lh.length + i] = rh[i] + nL;
  return out;
}
