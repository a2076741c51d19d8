import type { HemiPair, Surface } from '../subject.js';

/**
 * The merged, nudged flat surface every flatmap computation starts from
 * (pycortex-formats.md §2.3–§2.4, §4.1). Arithmetic is float32, as in pycortex.
 */
export interface FlatFrame {
  /** vertex counts per hemisphere; merged index = lh index, or nL + rh index */
  nL: number;
  nR: number;
  /** merged nudged flat coordinates, interleaved x, y (float32), length 2·(nL+nR) */
  xy: Float32Array;
  /** merged flat triangles, right hemisphere indices offset by nL */
  triangles: Uint32Array;
  /** 1 where the vertex belongs to at least one flat triangle ("valid"), 0 for cut vertices */
  valid: Uint8Array;
  /** [xmin, xmax, ymin, ymax] over ALL vertices, float32 values */
  extents: [number, number, number, number];
}

const f32 = Math.fround;

/** Merge left then right, nudging left to end at x = 0 and right to start at x = 0. */
export function buildFlatFrame(flat: HemiPair<Surface>): FlatFrame {
  const nL = flat.lh.points.length / 3;
  const nR = flat.rh.points.length / 3;
  const n = nL + nR;
  const xy = new Float32Array(2 * n);
  const lhShift = maxX(flat.lh.points);
  const rhShift = minX(flat.rh.points);
  copyNudged(flat.lh.points, lhShift, xy, 0);
  copyNudged(flat.rh.points, rhShift, xy, nL);

  const triangles = new Uint32Array(flat.lh.triangles.length + flat.rh.triangles.length);
  triangles.set(flat.lh.triangles, 0);
  const off = flat.lh.triangles.length;
  for (let t = 0; t < flat.rh.triangles.length; t++) triangles[off + t] = flat.rh.triangles[t] + nL;

  const valid = new Uint8Array(n);
  for (let t = 0; t < triangles.length; t++) valid[triangles[t]] = 1;

  return { nL, nR, xy, triangles, valid, extents: extentsOf(xy) };
}

/** [xmin, xmax, ymin, ymax] of interleaved x, y points. */
export function extentsOf(xy: ArrayLike<number>): [number, number, number, number] {
  let xmin = Infinity;
  let xmax = -Infinity;
  let ymin = Infinity;
  let ymax = -Infinity;
  for (let i = 0; i < xy.length; i += 2) {
    const x = xy[i];
    const y = xy[i + 1];
    if (x < xmin) xmin = x;
    if (x > xmax) xmax = x;
    if (y < ymin) ymin = y;
    if (y > ymax) ymax = y;
  }
  return [xmin, xmax, ymin, ymax];
}

/** The largest x of N×3 points, cut vertices included (pycortex's nudge). */
export function maxX(points: Float32Array): number {
  let m = -Infinity;
  for (let i = 0; i < points.length; i += 3) if (points[i] > m) m = points[i];
  return m;
}

/** The smallest x of N×3 points, cut vertices included. */
export function minX(points: Float32Array): number {
  let m = Infinity;
  for (let i = 0; i < points.length; i += 3) if (points[i] < m) m = points[i];
  return m;
}

function copyNudged(points: Float32Array, shift: number, out: Float32Array, first: number): void {
  const count = points.length / 3;
  for (let v = 0; v < count; v++) {
    out[2 * (first + v)] = f32(points[3 * v] - shift);
    out[2 * (first + v) + 1] = points[3 * v + 1];
  }
}

/** Width and height of a freshly generated overlays.svg (height 1024, width by aspect, float32). */
export function svgSizeFor(extents: readonly number[]): { width: number; height: number } {
  const [xmin, xmax, ymin, ymax] = extents;
  // pycortex scales by 1024/yrange first (float32): this order reproduces its width strings exactly
  const width = f32(f32(xmax - xmin) * f32(1024 / f32(ymax - ymin)));
  return { width, height: 1024 };
}

/**
 * Every merged vertex in the SVG frame of a file whose root is `width`×`height`
 * (§6.2: independent x/y normalisation in float32, y flipped). Returns interleaved x, y.
 */
export function flatToSvg(frame: FlatFrame, width: number, height: number): Float32Array {
  const [xmin, xmax, ymin, ymax] = frame.extents;
  const xr = f32(xmax - xmin);
  const yr = f32(ymax - ymin);
  const w = f32(width);
  const h = f32(height);
  const n = frame.xy.length / 2;
  const out = new Float32Array(2 * n);
  for (let v = 0; v < n; v++) {
    const u = f32(f32(frame.xy[2 * v] - xmin) / xr);
    const t = f32(f32(frame.xy[2 * v + 1] - ymin) / yr);
    out[2 * v] = f32(u * w);
    out[2 * v + 1] = f32(h - f32(t * h));
  }
  return out;
}
