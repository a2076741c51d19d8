import type { FreeSurferPatch } from '../formats/freesurfer-surface.js';
import type { Surface } from '../subject.js';

/**
 * The flat surface pycortex's `import_flat` makes from `?h.smoothwm` and a flat patch
 * (freesurfer-import.md §3): patch vertices take the patch coordinates, the others keep their
 * smoothwm ones; the triangles are the smoothwm triangles whose three vertices are in the
 * patch; pycortex then swaps the axes and negates the new y (a 90° clockwise turn, the
 * "pycortex" orientation) unless the patch's own axes are kept ("as-is", the usual fix for
 * pycortex issue #488); `clean` drops small disconnected pieces and zeroes unused vertices.
 */

export type FlatOrientation = 'pycortex' | 'as-is';

export class PatchError extends Error {}

export function flatFromPatch(
  smoothwm: Surface,
  patch: FreeSurferPatch,
  orientation: FlatOrientation,
  clean: boolean,
): Surface {
  const nv = smoothwm.points.length / 3;
  const points = Float32Array.from(smoothwm.points);
  const inPatch = new Uint8Array(nv);
  for (let r = 0; r < patch.vertices.length; r++) {
    const v = patch.vertices[r];
    if (v >= nv)
      throw new PatchError(
        `record ${r} names vertex ${v}, but the surface has ${nv} vertices (another subject's patch?)`,
      );
    inPatch[v] = 1;
    points.set(patch.coords.subarray(3 * r, 3 * r + 3), 3 * v);
  }
  const kept: number[] = [];
  const t = smoothwm.triangles;
  for (let f = 0; f < t.length; f += 3)
    if (inPatch[t[f]] && inPatch[t[f + 1]] && inPatch[t[f + 2]]) kept.push(t[f], t[f + 1], t[f + 2]);
  if (kept.length === 0) throw new PatchError('no surface triangle has all three vertices in the patch');
  let triangles: Uint32Array = Uint32Array.from(kept);
  if (orientation === 'pycortex')
    for (let i = 0; i < points.length; i += 3) {
      const x = points[i];
      points[i] = points[i + 1];
      points[i + 1] = -x;
    }
  if (clean) {
    triangles = dropDisconnectedTriangles(triangles);
    zeroUnusedPoints(points, triangles);
  }
  return { points, triangles };
}

/**
 * pycortex's `_remove_disconnected_polys`: components of the edge graph over vertices
 * 0..max(index); the largest one (first on ties) stays, and every triangle whose FIRST vertex
 * lies in another component of more than one vertex goes.
 */
export function dropDisconnectedTriangles(triangles: Uint32Array): Uint32Array {
  let n = 0;
  for (const v of triangles) if (v + 1 > n) n = v + 1;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const root = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const join = (a: number, b: number) => {
    const ra = root(a);
    const rb = root(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (let f = 0; f < triangles.length; f += 3) {
    join(triangles[f], triangles[f + 1]);
    join(triangles[f], triangles[f + 2]);
  }
  const size = new Int32Array(n);
  for (let i = 0; i < n; i++) size[root(i)]++;
  // roots are each component's smallest vertex, so scanning in order breaks ties as scipy's labels do
  let main = 0;
  for (let i = 0; i < n; i++) if (size[i] > size[main]) main = i;
  const out: number[] = [];
  for (let f = 0; f < triangles.length; f += 3) {
    const r = root(triangles[f]);
    if (r === main || size[r] <= 1) out.push(triangles[f], triangles[f + 1], triangles[f + 2]);
  }
  return out.length === triangles.length ? triangles : Uint32Array.from(out);
}

/** pycortex's `_move_disconnect_points_to_zero`: vertices no triangle uses go to (0, 0, 0). */
export function zeroUnusedPoints(points: Float32Array, triangles: Uint32Array): void {
  const used = new Uint8Array(points.length / 3);
  for (const v of triangles) used[v] = 1;
  for (let v = 0; v < used.length; v++) if (!used[v]) points.fill(0, 3 * v, 3 * v + 3);
}
