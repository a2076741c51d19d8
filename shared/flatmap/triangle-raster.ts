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
      for (let col = c0; col <= c1; col++) {
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
