import { nearestPoint, pointAdjacency, type FlatDelaunay } from './flat-delaunay.js';
import type { FlatMask } from './flat-mask.js';
import type { ImageGrid } from './image-grid.js';

/**
 * Vertex-data rasterisation (pycortex-formats.md §4.5): every on-brain pixel takes its nearest
 * valid flat vertex (2-D, nudged coordinates, at the linspace sampling grid). Returns merged
 * vertex indices in image order, −1 off the brain.
 */
export function buildVertexRaster(delaunay: FlatDelaunay, mask: FlatMask, grid: ImageGrid): Int32Array {
  const { width, height, xs, ys } = grid;
  const out = new Int32Array(width * height).fill(-1);
  const adjacency = pointAdjacency(delaunay);
  let last = 0;
  let rowStart = 0;
  for (let r = 0; r < height; r++) {
    let first = true;
    for (let c = 0; c < width; c++) {
      const p = r * width + c;
      if (!mask.mask[p]) continue;
      // neighbouring pixels have neighbouring answers: start the descent from the last one
      const q = nearestPoint(delaunay, adjacency, first ? rowStart : last, xs[c], ys[r]);
      if (first) rowStart = q;
      first = false;
      last = q;
      out[p] = delaunay.vertexOf[q];
    }
  }
  return out;
}
