import { extentsOf } from './flat-frame.js';

/**
 * Orders that keep the flatmap engine's memory reads local. The pixel map and the triangle
 * rasteriser walk the image row by row; on this class of machine a cache miss costs as much as
 * ~100 arithmetic operations, so what they read must sit in memory roughly as it sits on the
 * image. Everything here is a counting sort (sequential reads, a few hundred write streams):
 * a gather in random order would cost as much as the time it saves.
 */

/**
 * A permutation of 2-D points (interleaved x, y) into raster order: bands of about √n rows
 * from the top (largest y, as image rows grow downwards), left to right within a band.
 */
export function rasterPointOrder(coords: Float64Array): Uint32Array {
  const n = coords.length / 2;
  const [minX, maxX, minY, maxY] = extentsOf(coords);
  const buckets = Math.max(1, Math.ceil(Math.sqrt(n)));
  const sx = maxX > minX ? buckets / (maxX - minX) : 0;
  const sy = maxY > minY ? buckets / (maxY - minY) : 0;
  const column = new Uint32Array(n);
  const band = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    column[i] = Math.min(buckets - 1, Math.floor((coords[2 * i] - minX) * sx));
    band[i] = Math.min(buckets - 1, Math.floor((maxY - coords[2 * i + 1]) * sy));
  }
  // least significant key first; the counting sort is stable, so the band pass keeps columns in order
  const byColumn = countingSort(column, buckets, null);
  return countingSort(band, buckets, byColumn);
}

/** Indices sorted by `key` (values < `buckets`), stably, taking them in the order `from` (or 0…n−1). */
function countingSort(key: Uint32Array, buckets: number, from: Uint32Array | null): Uint32Array {
  const n = key.length;
  const start = new Uint32Array(buckets + 1);
  for (let i = 0; i < n; i++) start[key[i] + 1]++;
  for (let b = 1; b <= buckets; b++) start[b] += start[b - 1];
  const out = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const i = from ? from[k] : k;
    out[start[key[i]]++] = i;
  }
  return out;
}

export interface OrderedTriangles {
  triangles: Uint32Array;
  /** the input index of each output triangle */
  order: Uint32Array;
}

/**
 * Triangles over raster-ordered points, sorted by their first point in raster order. Each
 * triangle keeps its corner order, so orientation and barycentric arithmetic are unchanged.
 * Half-edge twins are not rebuilt (a third of the cost of triangulating); callers that walk
 * the mesh translate the input's twins through `order` (see flat-delaunay's `twin`).
 */
export function rasterTriangleOrder(triangles: Uint32Array, pointCount: number): OrderedTriangles {
  const nt = triangles.length / 3;
  const low = new Uint32Array(nt);
  const high = new Uint32Array(nt);
  const lowBits = Math.max(1, Math.ceil(Math.log2(pointCount + 1) / 2));
  const lowMask = (1 << lowBits) - 1;
  for (let t = 0; t < nt; t++) {
    const a = triangles[3 * t];
    const b = triangles[3 * t + 1];
    const c = triangles[3 * t + 2];
    const first = a < b ? (a < c ? a : c) : b < c ? b : c;
    low[t] = first & lowMask;
    high[t] = first >>> lowBits;
  }
  const order = countingSort(high, (pointCount >>> lowBits) + 1, countingSort(low, lowMask + 1, null));
  const out = new Uint32Array(triangles.length);
  for (let t = 0; t < nt; t++) {
    const old = 3 * order[t];
    out[3 * t] = triangles[old];
    out[3 * t + 1] = triangles[old + 1];
    out[3 * t + 2] = triangles[old + 2];
  }
  return { triangles: out, order };
}
