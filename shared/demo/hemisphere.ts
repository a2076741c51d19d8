import type { Hemi, Surface } from '../subject.js';
import { foldHeight } from './anatomy.js';
import type { UnitSphere } from './icosphere.js';

/**
 * One demo hemisphere: a folded ellipsoid in brain-like millimetres (left at x < 0) and its
 * flat patch. Every surface is the same sphere mesh, so vertex count and order agree.
 *
 * Directions on the unit sphere are mapped to "sheet" coordinates by an azimuthal equidistant
 * projection around the lateral pole: sheet radius 1 is 150° from it, and everything beyond
 * (the medial cap) is cut like a medial wall. That projection is also the flattening, so the
 * flat patch is a valid planar triangulation with no flipped triangles.
 */

export const BRAIN = {
  /** hemisphere centres in mm */
  centre: { lh: [-36, -18, 12], rh: [36, -18, 12] } as Record<Hemi, readonly number[]>,
  /** ellipsoid semi-axes (lateral, anterior–posterior, dorsal–ventral), mm */
  axes: [32, 72, 52] as readonly number[],
  /** fold amplitude as a fraction of the radius */
  foldDepth: 0.07,
  /** pial surface offset along the white-matter normal, mm */
  thickness: 2.5,
  /** angle from the lateral pole at which the medial wall is cut */
  cutAngle: (150 * Math.PI) / 180,
  /** flat-map millimetres per sheet unit (x, y) */
  flatScale: [150, 115] as readonly number[],
  /** curvature value on a gyral crown (positive = gyri, as pycortex) */
  curvatureScale: 0.35,
};

export interface DemoHemisphere {
  wm: Surface;
  pia: Surface;
  fiducial: Surface;
  inflated: Surface;
  flat: Surface;
  curvature: Float32Array;
  /** sheet coordinates (p = posterior, w = dorsal) per vertex, interleaved */
  sheet: Float64Array;
  /** 1 for vertices of the flat patch, 0 for cut (medial wall) vertices */
  valid: Uint8Array;
}

/** Sphere frame → brain direction: sphere z is the lateral pole, y dorsal, x posterior (lh) / anterior (rh). */
export function brainDirection(hemi: Hemi, sx: number, sy: number, sz: number): [number, number, number] {
  return hemi === 'lh' ? [-sz, -sx, sy] : [sz, sx, sy];
}

/** Inverse of {@link brainDirection}. */
export function sphereDirection(hemi: Hemi, dx: number, dy: number, dz: number): [number, number, number] {
  return hemi === 'lh' ? [-dy, dz, -dx] : [dy, dz, dx];
}

/** Flat-plane position (u, w) of a sphere direction; u grows along the sphere's x axis. */
export function planeCoords(sx: number, sy: number, sz: number): [number, number] {
  const theta = Math.acos(Math.max(-1, Math.min(1, sz)));
  const s = Math.hypot(sx, sy);
  if (s === 0) return [0, 0];
  const rho = theta / BRAIN.cutAngle;
  return [(rho * sx) / s, (rho * sy) / s];
}

/** Sheet coordinates: the plane with p pointing posterior in both hemispheres. */
export function sheetCoords(hemi: Hemi, sx: number, sy: number, sz: number): [number, number] {
  const [u, w] = planeCoords(sx, sy, sz);
  return [hemi === 'lh' ? u : -u, w];
}

/** White-matter radius (in units of the ellipsoid) along a sphere direction. */
export function wmRadius(hemi: Hemi, sx: number, sy: number, sz: number): number {
  const [p, w] = sheetCoords(hemi, sx, sy, sz);
  return 1 + BRAIN.foldDepth * foldHeight(p, w);
}

export function buildHemisphere(hemi: Hemi, sphere: UnitSphere): DemoHemisphere {
  const n = sphere.points.length / 3;
  const c = BRAIN.centre[hemi];
  const [ax, ay, az] = BRAIN.axes;
  const wm = new Float32Array(3 * n);
  const inflated = new Float32Array(3 * n);
  const flat = new Float32Array(3 * n);
  const sheet = new Float64Array(2 * n);
  const curvature = new Float32Array(n);
  const inside = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    const sx = sphere.points[3 * v];
    const sy = sphere.points[3 * v + 1];
    const sz = sphere.points[3 * v + 2];
    const [u, w] = planeCoords(sx, sy, sz);
    const p = hemi === 'lh' ? u : -u;
    sheet[2 * v] = p;
    sheet[2 * v + 1] = w;
    const fold = foldHeight(p, w);
    curvature[v] = BRAIN.curvatureScale * fold;
    const [dx, dy, dz] = brainDirection(hemi, sx, sy, sz);
    const r = 1 + BRAIN.foldDepth * fold;
    wm[3 * v] = c[0] + ax * dx * r;
    wm[3 * v + 1] = c[1] + ay * dy * r;
    wm[3 * v + 2] = c[2] + az * dz * r;
    inflated[3 * v] = c[0] + ax * dx * 1.04;
    inflated[3 * v + 1] = c[1] + ay * dy * 1.04;
    inflated[3 * v + 2] = c[2] + az * dz * 1.04;
    if (Math.hypot(u, w) <= 1) {
      inside[v] = 1;
      flat[3 * v] = u * BRAIN.flatScale[0];
      flat[3 * v + 1] = w * BRAIN.flatScale[1];
    }
  }
  const triangles = sphere.triangles;
  const flatTriangles = patchTriangles(triangles, inside);
  const valid = new Uint8Array(n);
  for (const v of flatTriangles) valid[v] = 1;
  // pycortex import_flat(clean=True): every vertex outside the patch sits at the origin
  for (let v = 0; v < n; v++) if (!valid[v]) flat[3 * v] = flat[3 * v + 1] = 0;

  const normals = vertexNormals(wm, triangles);
  const pia = new Float32Array(3 * n);
  const fiducial = new Float32Array(3 * n);
  for (let i = 0; i < 3 * n; i++) {
    pia[i] = wm[i] + BRAIN.thickness * normals[i];
    fiducial[i] = (wm[i] + pia[i]) / 2;
  }
  const surface = (points: Float32Array): Surface => ({ points, triangles });
  return {
    wm: surface(wm),
    pia: surface(pia),
    fiducial: surface(fiducial),
    inflated: surface(inflated),
    flat: { points: flat, triangles: flatTriangles },
    curvature,
    sheet,
    valid,
  };
}

/** Triangles whose three corners are all inside the patch. */
function patchTriangles(triangles: Uint32Array, inside: Uint8Array): Uint32Array {
  const kept: number[] = [];
  for (let t = 0; t < triangles.length; t += 3) {
    const a = triangles[t];
    const b = triangles[t + 1];
    const c = triangles[t + 2];
    if (inside[a] && inside[b] && inside[c]) kept.push(a, b, c);
  }
  return Uint32Array.from(kept);
}

/** Area-weighted unit vertex normals (outward for counter-clockwise triangles). */
export function vertexNormals(points: Float32Array, triangles: Uint32Array): Float64Array {
  const acc = new Float64Array(points.length);
  for (let t = 0; t < triangles.length; t += 3) {
    const a = 3 * triangles[t];
    const b = 3 * triangles[t + 1];
    const c = 3 * triangles[t + 2];
    const e1x = points[b] - points[a];
    const e1y = points[b + 1] - points[a + 1];
    const e1z = points[b + 2] - points[a + 2];
    const e2x = points[c] - points[a];
    const e2y = points[c + 1] - points[a + 1];
    const e2z = points[c + 2] - points[a + 2];
    const nx = e1y * e2z - e1z * e2y;
    const ny = e1z * e2x - e1x * e2z;
    const nz = e1x * e2y - e1y * e2x;
    for (const v of [a, b, c]) {
      acc[v] += nx;
      acc[v + 1] += ny;
      acc[v + 2] += nz;
    }
  }
  for (let v = 0; v < acc.length; v += 3) {
    const len = Math.hypot(acc[v], acc[v + 1], acc[v + 2]) || 1;
    acc[v] /= len;
    acc[v + 1] /= len;
    acc[v + 2] /= len;
  }
  return acc;
}
