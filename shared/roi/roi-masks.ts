/**
 * Volume masks of ROIs in a transform's reference grid, the way pycortex's
 * `get_roi_masks(gm_sampler='cortical')` builds them (pycortex-formats.md §8): a voxel belongs to
 * an ROI when its nearest fiducial vertex is in the ROI and the voxel lies in the cortical
 * ribbon, i.e. its distance to that vertex is at most the wm–pia thickness there. Voxels claimed
 * by more than one ROI are removed from all of them (pycortex's default `allow_overlap=False`).
 *
 * Voxel centres are mapped to surface millimetres with the inverse of `coord`. The nearest
 * vertex is searched only within the largest thickness (a farther voxel cannot be in the ribbon),
 * through a uniform grid of vertex buckets, which finds exactly the same vertex as a KD-tree.
 */

import { invertAffine, type Matrix4 } from '../formats/xfm.js';

export interface NearestVertices {
  dims: [number, number, number];
  /** per voxel (file order i + nx·(j + ny·k)): nearest merged vertex within reach, or -1 */
  vertex: Int32Array;
  /** distance in mm to that vertex (Infinity when none) */
  distance: Float32Array;
}

/** Fiducial positions: the file's when present, else (wm + pia)/2 per vertex in float32. */
export function fiducialPoints(wm: Float32Array, pia: Float32Array): Float32Array {
  const out = new Float32Array(wm.length);
  for (let i = 0; i < wm.length; i++) out[i] = Math.fround(Math.fround(wm[i] + pia[i]) / 2);
  return out;
}

/** |pia − wm| per vertex (pycortex's cortical-ribbon thickness). */
export function ribbonThickness(wm: Float32Array, pia: Float32Array): Float32Array {
  const n = wm.length / 3;
  const out = new Float32Array(n);
  for (let v = 0; v < n; v++) {
    const dx = pia[3 * v] - wm[3 * v];
    const dy = pia[3 * v + 1] - wm[3 * v + 1];
    const dz = pia[3 * v + 2] - wm[3 * v + 2];
    out[v] = Math.sqrt(dx * dx + dy * dy + dz * dz);
  }
  return out;
}

/** Nearest fiducial vertex of every voxel, searched up to `reach` millimetres. */
export function nearestVertices(
  fiducial: Float32Array,
  coord: Matrix4,
  dims: [number, number, number],
  reach: number,
): NearestVertices {
  const [nx, ny, nz] = dims;
  const nvox = nx * ny * nz;
  const vertex = new Int32Array(nvox).fill(-1);
  const distance = new Float32Array(nvox).fill(Infinity);
  const n = fiducial.length / 3;
  if (n === 0 || !(reach > 0)) return { dims, vertex, distance };

  // buckets of vertices, cell edge = reach: a point's neighbours within reach lie in the 27 cells around it
  let x0 = Infinity;
  let y0 = Infinity;
  let z0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  let z1 = -Infinity;
  for (let v = 0; v < n; v++) {
    x0 = Math.min(x0, fiducial[3 * v]);
    y0 = Math.min(y0, fiducial[3 * v + 1]);
    z0 = Math.min(z0, fiducial[3 * v + 2]);
    x1 = Math.max(x1, fiducial[3 * v]);
    y1 = Math.max(y1, fiducial[3 * v + 1]);
    z1 = Math.max(z1, fiducial[3 * v + 2]);
  }
  const gx = Math.floor((x1 - x0) / reach) + 1;
  const gy = Math.floor((y1 - y0) / reach) + 1;
  const gz = Math.floor((z1 - z0) / reach) + 1;
  const cellOf = (x: number, y: number, z: number) =>
    Math.floor((x - x0) / reach) + gx * (Math.floor((y - y0) / reach) + gy * Math.floor((z - z0) / reach));
  const counts = new Uint32Array(gx * gy * gz + 1);
  for (let v = 0; v < n; v++) counts[cellOf(fiducial[3 * v], fiducial[3 * v + 1], fiducial[3 * v + 2]) + 1]++;
  for (let c = 1; c < counts.length; c++) counts[c] += counts[c - 1];
  const members = new Uint32Array(n);
  const fill = counts.slice(0, -1);
  for (let v = 0; v < n; v++)
    members[fill[cellOf(fiducial[3 * v], fiducial[3 * v + 1], fiducial[3 * v + 2])]++] = v;

  const inv = invertAffine(coord);
  const reach2 = reach * reach;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const x = inv[0][0] * i + inv[0][1] * j + inv[0][2] * k + inv[0][3];
        const y = inv[1][0] * i + inv[1][1] * j + inv[1][2] * k + inv[1][3];
        const z = inv[2][0] * i + inv[2][1] * j + inv[2][2] * k + inv[2][3];
        const cx = Math.floor((x - x0) / reach);
        const cy = Math.floor((y - y0) / reach);
        const cz = Math.floor((z - z0) / reach);
        if (cx < -1 || cy < -1 || cz < -1 || cx > gx || cy > gy || cz > gz) continue;
        let best = -1;
        let bestD2 = reach2;
        for (let dz = -1; dz <= 1; dz++) {
          const zz = cz + dz;
          if (zz < 0 || zz >= gz) continue;
          for (let dy = -1; dy <= 1; dy++) {
            const yy = cy + dy;
            if (yy < 0 || yy >= gy) continue;
            for (let dx = -1; dx <= 1; dx++) {
              const xx = cx + dx;
              if (xx < 0 || xx >= gx) continue;
              const cell = xx + gx * (yy + gy * zz);
              for (let m = counts[cell]; m < counts[cell + 1]; m++) {
                const v = members[m];
                const ex = fiducial[3 * v] - x;
                const ey = fiducial[3 * v + 1] - y;
                const ez = fiducial[3 * v + 2] - z;
                const d2 = ex * ex + ey * ey + ez * ez;
                // ties go to the lower index, as a KD-tree scan in index order would
                if (d2 < bestD2 || (d2 === bestD2 && best >= 0 && v < best)) {
                  bestD2 = d2;
                  best = v;
                }
              }
            }
          }
        }
        if (best >= 0) {
          const idx = i + nx * (j + ny * k);
          vertex[idx] = best;
          distance[idx] = Math.sqrt(bestD2);
        }
      }
    }
  }
  return { dims, vertex, distance };
}

/** pycortex's 'cortical' mask: distance to the nearest vertex ≤ the thickness at that vertex. */
export function corticalRibbon(nearest: NearestVertices, thickness: Float32Array): Uint8Array {
  const out = new Uint8Array(nearest.vertex.length);
  for (let i = 0; i < out.length; i++) {
    const v = nearest.vertex[i];
    if (v >= 0 && nearest.distance[i] <= thickness[v]) out[i] = 1;
  }
  return out;
}

/**
 * One 0/1 mask per ROI (file order), from each ROI's merged vertex indices. With
 * `allowOverlap` false, voxels claimed by several ROIs are cleared from all of them.
 */
export function roiMasks(
  rois: Map<string, ArrayLike<number>>,
  nearest: NearestVertices,
  ribbon: Uint8Array,
  allowOverlap = false,
): Map<string, Uint8Array> {
  const nverts = nearest.vertex.reduce((m, v) => Math.max(m, v + 1), 0);
  const masks = new Map<string, Uint8Array>();
  const claims = new Uint8Array(ribbon.length);
  for (const [name, verts] of rois) {
    const member = new Uint8Array(nverts);
    for (let i = 0; i < verts.length; i++) if (verts[i] < nverts) member[verts[i]] = 1;
    const mask = new Uint8Array(ribbon.length);
    for (let i = 0; i < mask.length; i++) {
      const v = nearest.vertex[i];
      if (v >= 0 && ribbon[i] && member[v]) {
        mask[i] = 1;
        if (claims[i] < 255) claims[i]++;
      }
    }
    masks.set(name, mask);
  }
  if (!allowOverlap)
    for (const mask of masks.values()) for (let i = 0; i < mask.length; i++) if (claims[i] > 1) mask[i] = 0;
  return masks;
}
