import Delaunator from 'delaunator';
import type { FlatFrame } from './flat-frame.js';
import { rasterPointOrder, rasterTriangleOrder } from './raster-order.js';

/**
 * Delaunay triangulation of the valid flat vertices of both hemispheres together — the one
 * pycortex interpolates volumes on (pycortex-formats.md §4.6 step 1), with a point-location
 * walk, and the point adjacency for nearest-vertex search built on first use (volume flatmaps
 * never need it).
 */
export interface FlatDelaunay {
  /** merged vertex index of each Delaunay point */
  vertexOf: Uint32Array;
  /** Delaunay point coordinates, interleaved x, y (float64 copies of the float32 flat) */
  coords: Float64Array;
  /** triangles in raster order (see rasterTriangleOrder) */
  triangles: Uint32Array;
  /** delaunator's half-edge twins (−1 on the hull), in its own triangle numbering: see {@link twin} */
  halfedges: Int32Array;
  /** delaunator's number of each triangle */
  delaunatorIndex: Uint32Array;
  /** the raster-order number of each of delaunator's triangles */
  rasterIndex: Uint32Array;
  /** +1 or −1: the sign of cross(b − a, c − a) for every triangle (a, b, c) */
  orientation: number;
}

/** The typed-array fields of a {@link FlatDelaunay}. */
export const FLAT_DELAUNAY_ARRAYS = [
  'vertexOf',
  'coords',
  'triangles',
  'halfedges',
  'delaunatorIndex',
  'rasterIndex',
] as const;

type DelaunayArray = FlatDelaunay[(typeof FLAT_DELAUNAY_ARRAYS)[number]];

/** The triangulation with every array passed through `f` (e.g. copied into shared memory). */
export function mapDelaunayArrays(d: FlatDelaunay, f: <T extends DelaunayArray>(a: T) => T): FlatDelaunay {
  const out = { ...d };
  for (const k of FLAT_DELAUNAY_ARRAYS) (out as Record<string, unknown>)[k] = f(d[k]);
  return out;
}

/** Neighbours of each Delaunay point, CSR. */
export interface PointAdjacency {
  adjStart: Uint32Array;
  adj: Uint32Array;
}

export function buildFlatDelaunay(frame: Pick<FlatFrame, 'xy' | 'valid'>): FlatDelaunay {
  let count = 0;
  for (const v of frame.valid) count += v;
  const validVertex = new Uint32Array(count);
  const validCoords = new Float64Array(2 * count);
  for (let v = 0, k = 0; v < frame.valid.length; v++) {
    if (!frame.valid[v]) continue;
    validVertex[k] = v;
    validCoords[2 * k] = frame.xy[2 * v];
    validCoords[2 * k + 1] = frame.xy[2 * v + 1];
    k++;
  }
  // points numbered in raster order: what a pixel reads about its triangle's corners (their
  // position, surfaces, values) is then near what the previous pixels read
  const order = rasterPointOrder(validCoords);
  const vertexOf = new Uint32Array(count);
  const coords = new Float64Array(2 * count);
  for (let k = 0; k < count; k++) {
    const i = order[k];
    vertexOf[k] = validVertex[i];
    coords[2 * k] = validCoords[2 * i];
    coords[2 * k + 1] = validCoords[2 * i + 1];
  }
  const d = new Delaunator(coords);
  // and triangles in raster order too, so the rasteriser and the pixel map stream through them
  const { triangles, order: delaunatorIndex } = rasterTriangleOrder(d.triangles, count);
  const rasterIndex = new Uint32Array(delaunatorIndex.length);
  for (let t = 0; t < delaunatorIndex.length; t++) rasterIndex[delaunatorIndex[t]] = t;
  if (triangles.length === 0) throw new Error('the flat surface has no valid vertices to triangulate');
  const [a, b, c] = [triangles[0], triangles[1], triangles[2]];
  const orientation = cross(coords, a, b, coords[2 * c], coords[2 * c + 1]) > 0 ? 1 : -1;

  return {
    vertexOf,
    coords,
    triangles,
    halfedges: d.halfedges,
    delaunatorIndex,
    rasterIndex,
    orientation,
  };
}

const adjacencies = new WeakMap<FlatDelaunay, PointAdjacency>();

/** The point adjacency of a triangulation, computed once per triangulation object. */
export function pointAdjacency(d: FlatDelaunay): PointAdjacency {
  let known = adjacencies.get(d);
  if (!known) {
    known = buildAdjacency(d);
    adjacencies.set(d, known);
  }
  return known;
}

function buildAdjacency(d: FlatDelaunay): PointAdjacency {
  const { triangles } = d;
  const count = d.vertexOf.length;
  // neighbours from half-edges a→b; hull edges have no twin, so they also list a under b
  const onHull = new Uint8Array(triangles.length);
  for (let h = 0; h < d.halfedges.length; h++) if (d.halfedges[h] < 0) onHull[toRaster(d, h)] = 1;
  const counts = new Uint32Array(count);
  let total = triangles.length;
  for (let e = 0; e < triangles.length; e++) {
    counts[triangles[e]]++;
    if (onHull[e]) {
      counts[triangles[next(e)]]++;
      total++;
    }
  }
  const adjStart = new Uint32Array(count + 1);
  for (let p = 0; p < count; p++) adjStart[p + 1] = adjStart[p] + counts[p];
  const fill = adjStart.slice(0, count);
  const adj = new Uint32Array(total);
  for (let e = 0; e < triangles.length; e++) {
    const from = triangles[e];
    const to = triangles[next(e)];
    adj[fill[from]++] = to;
    if (onHull[e]) adj[fill[to]++] = from;
  }
  return { adjStart, adj };
}

export function next(e: number): number {
  return e % 3 === 2 ? e - 2 : e + 1;
}

/** The twin of half-edge e (3·triangle + corner, raster numbering), or −1 on the hull. */
export function twin(d: FlatDelaunay, e: number): number {
  const t = (e / 3) | 0;
  const h = d.halfedges[3 * d.delaunatorIndex[t] + (e - 3 * t)];
  return h < 0 ? -1 : toRaster(d, h);
}

/** Half-edge h of delaunator's numbering in the raster numbering. */
function toRaster(d: FlatDelaunay, h: number): number {
  const u = (h / 3) | 0;
  return 3 * d.rasterIndex[u] + (h - 3 * u);
}

/** cross((b − a), (p − a)) for Delaunay points a, b and a query point p */
export function cross(coords: Float64Array, a: number, b: number, px: number, py: number): number {
  const ax = coords[2 * a];
  const ay = coords[2 * a + 1];
  return (coords[2 * b] - ax) * (py - ay) - (coords[2 * b + 1] - ay) * (px - ax);
}

const hulls = new WeakMap<FlatDelaunay, Uint32Array>();

/** The hull half-edges as (from, to) point pairs, in the triangles' own direction; computed once. */
function hullEdges(d: FlatDelaunay): Uint32Array {
  let known = hulls.get(d);
  if (!known) {
    const pairs: number[] = [];
    for (let h = 0; h < d.halfedges.length; h++) {
      if (d.halfedges[h] >= 0) continue;
      const e = toRaster(d, h);
      pairs.push(d.triangles[e], d.triangles[next(e)]);
    }
    known = Uint32Array.from(pairs);
    hulls.set(d, known);
  }
  return known;
}

/**
 * Whether (px, py) lies beyond a hull edge, by the walk's own edge test: the points for which
 * {@link locate} walks to the hull and returns −1, found without the walk (which, from a far
 * start, crosses the whole mesh).
 */
export function beyondHull(d: FlatDelaunay, px: number, py: number): boolean {
  const edges = hullEdges(d);
  for (let k = 0; k < edges.length; k += 2)
    if (d.orientation * cross(d.coords, edges[k], edges[k + 1], px, py) < 0) return true;
  return false;
}

/**
 * The triangle containing (px, py), walking from triangle `start` across the edges the point
 * lies beyond (first edge tried rotates, so degenerate configurations cannot cycle forever).
 * Returns −1 when the point is outside the convex hull.
 */
export function locate(d: FlatDelaunay, start: number, px: number, py: number): number {
  const { coords, triangles, orientation } = d;
  let t = start;
  for (let step = 0; ; step++) {
    let moved = false;
    for (let k = 0; k < 3; k++) {
      const e = 3 * t + ((k + step) % 3);
      if (orientation * cross(coords, triangles[e], triangles[next(e)], px, py) < 0) {
        const across = twin(d, e);
        if (across < 0) return -1; // beyond a hull edge: the whole hull is on the other side
        t = (across / 3) | 0;
        moved = true;
        break;
      }
    }
    if (!moved) return t;
  }
}

/** Barycentric weights of (px, py) for triangle t, computed as scipy's Delaunay.transform does. */
export function barycentric(d: FlatDelaunay, t: number, px: number, py: number, out: Float64Array): void {
  const { coords, triangles } = d;
  const a = triangles[3 * t];
  const b = triangles[3 * t + 1];
  const c = triangles[3 * t + 2];
  const xc = coords[2 * c];
  const yc = coords[2 * c + 1];
  const m00 = coords[2 * a] - xc;
  const m01 = coords[2 * b] - xc;
  const m10 = coords[2 * a + 1] - yc;
  const m11 = coords[2 * b + 1] - yc;
  const det = m00 * m11 - m01 * m10;
  const dx = px - xc;
  const dy = py - yc;
  const l1 = (m11 * dx - m01 * dy) / det;
  const l2 = (-m10 * dx + m00 * dy) / det;
  out[0] = l1;
  out[1] = l2;
  out[2] = 1 - l1 - l2;
}

/**
 * The Delaunay point nearest to (px, py), by greedy descent from `start` (on a Delaunay
 * triangulation a point with no closer neighbour is the nearest point overall).
 */
export function nearestPoint(
  d: FlatDelaunay,
  { adjStart, adj }: PointAdjacency,
  start: number,
  px: number,
  py: number,
): number {
  const { coords } = d;
  let best = start;
  let bestD = dist2(coords, start, px, py);
  for (;;) {
    const from = best;
    for (let k = adjStart[from]; k < adjStart[from + 1]; k++) {
      const q = adj[k];
      const dq = dist2(coords, q, px, py);
      if (dq < bestD) {
        bestD = dq;
        best = q;
      }
    }
    if (best === from) return best;
  }
}

function dist2(coords: Float64Array, p: number, px: number, py: number): number {
  const dx = coords[2 * p] - px;
  const dy = coords[2 * p + 1] - py;
  return dx * dx + dy * dy;
}
