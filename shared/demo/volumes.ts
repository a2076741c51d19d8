import { invertAffine, multiply4 } from '../formats/xfm.js';
import type { Matrix4 } from '../formats/xfm.js';
import type { Hemi } from '../subject.js';
import type { DemoHemisphere } from './hemisphere.js';
import { BRAIN, sphereDirection, wmRadius } from './hemisphere.js';
import { seededRandom } from './random.js';

/**
 * The demo transform's voxel grid and the volumes on it. The grid is stored like many EPI
 * series, x axis flipped (voxel i grows toward the left), and the surfaces sit slightly off
 * the scanner origin, so `magnet` is not the identity and `coord` = affine⁻¹ · magnet matters.
 */

export const GRID = {
  dims: [80, 88, 68] as [number, number, number],
  /** voxel → scanner millimetres */
  affine: [
    [-2, 0, 0, 79],
    [0, 2, 0, -106],
    [0, 0, 2, -56],
    [0, 0, 0, 1],
  ] as Matrix4,
  /** surface millimetres → scanner millimetres */
  magnet: [
    [1, 0, 0, 1.5],
    [0, 1, 0, -2],
    [0, 0, 1, 3],
    [0, 0, 0, 1],
  ] as Matrix4,
};

/** pycortex `coord`: surface millimetres → voxel coordinates of the reference. */
export function coordMatrix(): Matrix4 {
  return multiply4(invertAffine(GRID.affine), GRID.magnet).map((row) => row.map((x) => x + 0)); // no −0 in the file
}

/** Samples across each flat-patch triangle (barycentric steps) and depth between wm and pia. */
const SPLITS = 3;
const DEPTHS = [0.1, 0.3, 0.5, 0.7, 0.9];

/**
 * For every voxel of the grid, the surface vertex (global index: left then right) that owns
 * it as cortical ribbon, or −1. A voxel belongs to the ribbon when a point between the wm and
 * pia surfaces of the flat patch lies in it; the owner is the vertex nearest to the sample
 * closest to the voxel centre, so labels drawn on vertices appear as coherent voxel regions.
 */
export function ribbonOwners(hemis: Record<Hemi, DemoHemisphere>): Int32Array {
  const [nx, ny, nz] = GRID.dims;
  const owner = new Int32Array(nx * ny * nz).fill(-1);
  const best = new Float32Array(nx * ny * nz).fill(Infinity);
  const m = coordMatrix();
  let offset = 0;
  for (const hemi of ['lh', 'rh'] as const) {
    const h = hemis[hemi];
    const wm = h.wm.points;
    const pia = h.pia.points;
    const tris = h.flat.triangles;
    for (let t = 0; t < tris.length; t += 3) {
      const corners = [tris[t], tris[t + 1], tris[t + 2]];
      for (let i = 0; i <= SPLITS; i++) {
        for (let j = 0; i + j <= SPLITS; j++) {
          const w = [i / SPLITS, j / SPLITS, (SPLITS - i - j) / SPLITS];
          const near = corners[w[0] >= w[1] && w[0] >= w[2] ? 0 : w[1] >= w[2] ? 1 : 2];
          for (const depth of DEPTHS) {
            let x = 0;
            let y = 0;
            let z = 0;
            for (let k = 0; k < 3; k++) {
              const v = 3 * corners[k];
              x += w[k] * (wm[v] + depth * (pia[v] - wm[v]));
              y += w[k] * (wm[v + 1] + depth * (pia[v + 1] - wm[v + 1]));
              z += w[k] * (wm[v + 2] + depth * (pia[v + 2] - wm[v + 2]));
            }
            const fi = m[0][0] * x + m[0][1] * y + m[0][2] * z + m[0][3];
            const fj = m[1][0] * x + m[1][1] * y + m[1][2] * z + m[1][3];
            const fk = m[2][0] * x + m[2][1] * y + m[2][2] * z + m[2][3];
            const vi = Math.round(fi);
            const vj = Math.round(fj);
            const vk = Math.round(fk);
            if (vi < 0 || vj < 0 || vk < 0 || vi >= nx || vj >= ny || vk >= nz) continue;
            const idx = vi + nx * (vj + ny * vk);
            const d = (fi - vi) ** 2 + (fj - vj) ** 2 + (fk - vk) ** 2;
            if (d < best[idx]) {
              best[idx] = d;
              owner[idx] = offset + near;
            }
          }
        }
      }
    }
    offset += h.valid.length;
  }
  return owner;
}

/** NSD-style label volume: −1 outside the ribbon, 0 unlabelled cortex, else the owner's label. */
export function templateVolume(owner: Int32Array, vertexLabel: Int16Array): Int16Array {
  const out = new Int16Array(owner.length);
  for (let i = 0; i < owner.length; i++) out[i] = owner[i] < 0 ? -1 : vertexLabel[owner[i]];
  return out;
}

/**
 * An EPI-like reference image: bright CSF, grey ribbon, darker white matter, dark outside the
 * head, blurred, with a smooth bias field and a little seeded noise. int16 like scanner output.
 */
export function referenceVolume(owner: Int32Array): Int16Array {
  const [nx, ny, nz] = GRID.dims;
  const toSurface = invertAffine(GRID.magnet);
  const vox2surf = multiply4(toSurface, GRID.affine);
  const raw = new Float32Array(nx * ny * nz);
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const idx = i + nx * (j + ny * k);
        const m = vox2surf;
        const x = m[0][0] * i + m[0][1] * j + m[0][2] * k + m[0][3];
        const y = m[1][0] * i + m[1][1] * j + m[1][2] * k + m[1][3];
        const z = m[2][0] * i + m[2][1] * j + m[2][2] * k + m[2][3];
        raw[idx] = owner[idx] >= 0 ? 900 : tissueAt(x, y, z);
      }
    }
  }
  const smooth = boxBlur(raw, GRID.dims);
  const rand = seededRandom(20241124);
  const out = new Int16Array(raw.length);
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const idx = i + nx * (j + ny * k);
        const bias = 1 + 0.12 * Math.sin(i / 13) * Math.cos(j / 17) + 0.06 * Math.sin(k / 11);
        out[idx] = Math.round(smooth[idx] * bias + 20 * (rand() - 0.5));
      }
    }
  }
  return out;
}

const HEMIS = ['lh', 'rh'] as const;

/** Intensity by tissue at a surface-space point outside the ribbon. */
function tissueAt(x: number, y: number, z: number): number {
  const [ax, ay, az] = BRAIN.axes;
  let nearest = Infinity;
  for (const hemi of HEMIS) {
    const c = BRAIN.centre[hemi];
    const sx = (x - c[0]) / ax;
    const sy = (y - c[1]) / ay;
    const sz = (z - c[2]) / az;
    const rho = Math.sqrt(sx * sx + sy * sy + sz * sz);
    // the folded white surface lies within 1 ± foldDepth: only that shell needs the fold
    if (rho <= 1 - BRAIN.foldDepth) return 650;
    if (rho < 1 + BRAIN.foldDepth) {
      const [ux, uy, uz] = sphereDirection(hemi, sx / rho, sy / rho, sz / rho);
      if (rho < wmRadius(hemi, ux, uy, uz)) return 650;
    }
    if (rho < nearest) nearest = rho;
  }
  return nearest < 1.25 ? 1150 : 40;
}

function boxBlur(src: Float32Array, dims: [number, number, number]): Float32Array {
  const [nx, ny, nz] = dims;
  const strides = [1, nx, nx * ny];
  let a = src;
  for (let axis = 0; axis < 3; axis++) {
    const b = new Float32Array(a.length);
    const s = strides[axis];
    const n = dims[axis];
    for (let k = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          const idx = i + nx * (j + ny * k);
          const pos = axis === 0 ? i : axis === 1 ? j : k;
          const lo = pos > 0 ? a[idx - s] : a[idx];
          const hi = pos < n - 1 ? a[idx + s] : a[idx];
          b[idx] = (lo + 2 * a[idx] + hi) / 4;
        }
      }
    }
    a = b;
  }
  return a;
}
