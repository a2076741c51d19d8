import type { FlatDelaunay } from './flat-delaunay.js';
import type { FlatMask } from './flat-mask.js';
import type { ImageGrid } from './image-grid.js';

/**
 * The Delaunay triangle under each on-brain pixel's sample point, found by scanning every
 * triangle's rows on the sampling grid (a few tests per triangle, no search per pixel).
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
  const onBrain = mask.mask;
  const out = new Int32Array(width * (rowEnd - rowStart)).fill(-1);
  const skip = rowStart * width;
  const x0 = xs[0];
  const dx = (xs[width - 1] - x0) / (width - 1);
  const yTop = ys[0];
  const dy = (yTop - ys[height - 1]) / (height - 1);
  const lastRow = Math.min(height, rowEnd) - 1;
  const nt = triangles.length / 3;
  for (let t = 0; t < nt; t++) {
    const a = 2 * triangles[3 * t];
    const b = 2 * triangles[3 * t + 1];
    const c = 2 * triangles[3 * t + 2];
    const ax = coords[a], ay = coords[a + 1], bx = coords[b], by = coords[b + 1], cx = coords[c], cy = coords[c + 1]; // prettier-ignore
    // the grid points inside the bounding box, widened by SLACK for the rounding of xs and ys
    const r0 = Math.max(rowStart, Math.ceil((yTop - Math.max(ay, by, cy)) / dy - SLACK));
    const r1 = Math.min(lastRow, Math.floor((yTop - Math.min(ay, by, cy)) / dy + SLACK));
    if (r0 > r1) continue;
    const c0 = Math.max(0, Math.ceil((Math.min(ax, bx, cx) - x0) / dx - SLACK));
    const c1 = Math.min(width - 1, Math.floor((Math.max(ax, bx, cx) - x0) / dx + SLACK));
    if (c0 > c1) continue;
    // edge u→v passes (px, py) when o·((vx − ux)(py − uy) − (vy − uy)(px − ux)) ≥ 0
    const abx = bx - ax, aby = by - ay, bcx = cx - bx, bcy = cy - by, cax = ax - cx, cay = ay - cy; // prettier-ignore
    for (let r = r0; r <= r1; r++) {
      const py = ys[r];
      const kab = abx * (py - ay);
      const kbc = bcx * (py - by);
      const kca = cax * (py - cy);
      let lo = c0;
      let hi = c1;
      if (hi - lo > WIDE) {
        // long, thin triangles (across the cuts) span hundreds of columns: narrow the row to
        // where every edge can pass, solved per edge and widened by SLACK; the exact test
        // below still decides each column, so the result is the full scan's
        lo = Math.max(lo, firstColumn(o, kab, aby, ax, x0, dx), firstColumn(o, kbc, bcy, bx, x0, dx), firstColumn(o, kca, cay, cx, x0, dx)); // prettier-ignore
        hi = Math.min(hi, lastColumn(o, kab, aby, ax, x0, dx), lastColumn(o, kbc, bcy, bx, x0, dx), lastColumn(o, kca, cay, cx, x0, dx)); // prettier-ignore
      }
      const rowBase = r * width;
      for (let col = lo; col <= hi; col++) {
        const px = xs[col];
        const p = rowBase + col;
        const q = p - skip;
        const claimed = out[q];
        // branch-free: which pixels pass is unpredictable, so a mispredicted branch per test
        // would cost more than the arithmetic
        const pass =
          onBrain[p] &
          (claimed >>> 31) &
          (o * (kab - aby * (px - ax)) >= 0 ? 1 : 0) &
          (o * (kbc - bcy * (px - bx)) >= 0 ? 1 : 0) &
          (o * (kca - cay * (px - cx)) >= 0 ? 1 : 0);
        out[q] = pass ? t : claimed;
      }
    }
  }
  return out;
}

/** Rows wider than this many columns are narrowed before the scan. */
const WIDE = 4;

/**
 * Margin, in pixels, around every bound computed by division: far beyond the rounding of the
 * grid coordinates and of the edge solutions (~1e-12 pixel), far below a pixel.
 */
const SLACK = 1e-6;

/**
 * For the edge test o·(k − s·(px − u)) ≥ 0 on one row: the first column where it can pass
 * (−∞ when every column can), from its root px = u + k/s.
 */
function firstColumn(o: number, k: number, s: number, u: number, x0: number, dx: number): number {
  if (-o * s > 0) return Math.ceil((u + k / s - x0) / dx - SLACK);
  if (s === 0 && o * k < 0) return Infinity; // parallel to the row and failing everywhere
  return -Infinity;
}

/** The last column where the edge test can pass (+∞ when every column can). */
function lastColumn(o: number, k: number, s: number, u: number, x0: number, dx: number): number {
  if (-o * s < 0) return Math.floor((u + k / s - x0) / dx + SLACK);
  if (s === 0 && o * k < 0) return -Infinity;
  return Infinity;
}
