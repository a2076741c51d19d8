import type { FlatDelaunay } from './flat-delaunay.js';
import type { FlatMask } from './flat-mask.js';
import type { ImageGrid } from './image-grid.js';

/**
 * The Delaunay triangle under each on-brain pixel's sample point, found by scanning every
 * triangle's bounding box on the sampling grid (a few tests per triangle, no search per pixel).
 * Points on a shared edge take the first triangle that claims them; a point that rounding
 * leaves between two triangles stays −1 for the caller's walk.
 * Only image rows [rowStart, rowEnd) are rasterised (a worker's share); the result holds
 * those rows, row rowStart first.
 */
export function rasteriseTriangles(
  d: FlatDelaunay,
  mask: FlatMask,
  grid: ImageGrid,
  rowStart = 0,
  rowEnd = grid.height,
): Int32Array {
  const { width, xs, ys } = grid;
  const height = grid.height;
  const { coords, triangles, orientation: o } = d;
  const out = new Int32Array(width * (rowEnd - rowStart)).fill(-1);
  const skip = rowStart * width;
  const x0 = xs[0];
  const dx = (xs[width - 1] - x0) / (width - 1);
  const yTop = ys[0];
  const dy = (yTop - ys[height - 1]) / (height - 1);
  const nt = triangles.length / 3;
  for (let t = 0; t < nt; t++) {
    const a = 2 * triangles[3 * t];
    const b = 2 * triangles[3 * t + 1];
    const c = 2 * triangles[3 * t + 2];
    const ax = coords[a], ay = coords[a + 1], bx = coords[b], by = coords[b + 1], cx = coords[c], cy = coords[c + 1]; // prettier-ignore
    const c0 = Math.max(0, Math.floor((Math.min(ax, bx, cx) - x0) / dx));
    const c1 = Math.min(width - 1, Math.ceil((Math.max(ax, bx, cx) - x0) / dx));
    const r0 = Math.max(rowStart, Math.floor((yTop - Math.max(ay, by, cy)) / dy));
    const r1 = Math.min(height - 1, rowEnd - 1, Math.ceil((yTop - Math.min(ay, by, cy)) / dy));
    for (let r = r0; r <= r1; r++) {
      const py = ys[r];
      let lo = c0;
      let hi = c1;
      if (c1 - c0 > WIDE) {
        // long, thin triangles (across the cuts) span hundreds of columns: narrow the row to
        // where all three edge tests pass by bisection (each test is monotone in the column)
        lo = Math.max(lo, edgeBound(xs, c0, c1, o, ax, ay, bx, by, py, true));
        lo = Math.max(lo, edgeBound(xs, c0, c1, o, bx, by, cx, cy, py, true));
        lo = Math.max(lo, edgeBound(xs, c0, c1, o, cx, cy, ax, ay, py, true));
        hi = Math.min(hi, edgeBound(xs, c0, c1, o, ax, ay, bx, by, py, false));
        hi = Math.min(hi, edgeBound(xs, c0, c1, o, bx, by, cx, cy, py, false));
        hi = Math.min(hi, edgeBound(xs, c0, c1, o, cx, cy, ax, ay, py, false));
      }
      for (let col = lo; col <= hi; col++) {
        const p = r * width + col;
        if (!mask.mask[p] || out[p - skip] >= 0) continue;
        const px = xs[col];
        if (o * ((bx - ax) * (py - ay) - (by - ay) * (px - ax)) < 0) continue;
        if (o * ((cx - bx) * (py - by) - (cy - by) * (px - bx)) < 0) continue;
        if (o * ((ax - cx) * (py - cy) - (ay - cy) * (px - cx)) < 0) continue;
        out[p - skip] = t;
      }
    }
  }
  return out;
}

/** Rows wider than this many columns are narrowed by bisection before the scan. */
const WIDE = 12;

/** The edge test of the scan for edge u→v: true when (px, py) is not beyond it. */
function inside(o: number, ux: number, uy: number, vx: number, vy: number, px: number, py: number): boolean {
  return !(o * ((vx - ux) * (py - uy) - (vy - uy) * (px - ux)) < 0);
}

/**
 * For one edge and row, the first (`first`) or last column of [c0, c1] where the edge test can
 * pass. The test's value is monotone in px (a rounded product of a monotone rounded
 * difference), so its passing columns are a prefix, a suffix, all or none; bisection finds the
 * boundary with the scan's own arithmetic, so the scan over the narrowed range decides exactly
 * as the full scan would.
 */
function edgeBound(
  xs: Float64Array,
  c0: number,
  c1: number,
  o: number,
  ux: number,
  uy: number,
  vx: number,
  vy: number,
  py: number,
  first: boolean,
): number {
  const at0 = inside(o, ux, uy, vx, vy, xs[c0], py);
  const at1 = inside(o, ux, uy, vx, vy, xs[c1], py);
  if (at0 === at1) return at0 ? (first ? c0 : c1) : first ? c1 + 1 : c0 - 1;
  if (first !== at1) return first ? c0 : c1; // the passing side is the other end
  // bisect for the boundary between failing and passing columns
  let lo = c0; // value at0
  let hi = c1; // value at1
  while (hi - lo > 1) {
    const m = (lo + hi) >> 1;
    if (inside(o, ux, uy, vx, vy, xs[m], py) === at0) lo = m;
    else hi = m;
  }
  // at0 false → first passing column is hi; at0 true → last passing column is lo
  return first ? hi : lo;
}
