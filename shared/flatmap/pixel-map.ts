import type { FlatDelaunay } from './flat-delaunay.js';
import { barycentric, locate } from './flat-delaunay.js';
import type { FlatMask } from './flat-mask.js';
import type { ImageGrid } from './image-grid.js';
import { roundHalfEven } from './round-half-even.js';

/**
 * pycortex's default volume sampling of a flatmap (pycortex-formats.md §4.6): each on-brain
 * pixel's Delaunay barycentrics interpolate the pia and wm surfaces, `coord` maps both to
 * voxels, and `thick` points between them (or one at `depth`) pick voxels with the `nearest`
 * sampler. The result is the sparse pixel × voxel matrix pycortex caches, rows in image order.
 */
export interface PixelSamplingInput {
  delaunay: FlatDelaunay;
  mask: FlatMask;
  grid: ImageGrid;
  /** merged (left then right) un-nudged surfaces, N×3 float32; without pia/wm pass the fiducial twice */
  pia: Float32Array;
  wm: Float32Array;
  /** surface mm → voxel coordinates of the reference, row-major 4×4 */
  coord: readonly (readonly number[])[];
  /** reference grid (nx, ny, nz) in NIfTI order */
  shape: readonly [number, number, number];
  thick: number;
  depth: number;
}

export interface PixelSampling {
  width: number;
  height: number;
  thick: number;
  depth: number;
  /** CSR over all width·height pixels, row-major, row 0 at the top */
  indptr: Uint32Array;
  /** flat voxel index i + nx·(j + ny·k) */
  voxels: Int32Array;
  /** sample count of that voxel / thick */
  weights: Float32Array;
  /** the voxel at `depth` per pixel, −1 where the pixel has no samples */
  mid: Int32Array;
}

class Growable {
  voxels = new Int32Array(1 << 16);
  weights = new Float32Array(1 << 16);
  length = 0;
  push(voxel: number, weight: number) {
    if (this.length === this.voxels.length) {
      const v = new Int32Array(this.voxels.length * 2);
      v.set(this.voxels);
      this.voxels = v;
      const w = new Float32Array(this.weights.length * 2);
      w.set(this.weights);
      this.weights = w;
    }
    this.voxels[this.length] = voxel;
    this.weights[this.length++] = weight;
  }
}

export function buildPixelSampling(input: PixelSamplingInput): PixelSampling {
  const { delaunay, mask, grid, pia, wm, coord, shape, thick, depth } = input;
  if (!(Number.isInteger(thick) && thick >= 1))
    throw new Error(`thick must be a positive integer, got ${thick}`);
  if (!(depth >= 0 && depth <= 1)) throw new Error(`depth must be within [0, 1], got ${depth}`);
  const { width, height, xs, ys } = grid;
  const [nx, ny, nz] = shape;
  const { triangles, vertexOf } = delaunay;
  const [r0, r1, r2] = coord;
  const c00 = r0[0], c01 = r0[1], c02 = r0[2], c03 = r0[3]; // prettier-ignore
  const c10 = r1[0], c11 = r1[1], c12 = r1[2], c13 = r1[3]; // prettier-ignore
  const c20 = r2[0], c21 = r2[1], c22 = r2[2], c23 = r2[3]; // prettier-ignore

  // depths as numpy's linspace(0, 1, thick + 2)[1:-1]; a single sample sits at `depth`
  const depths = thick === 1 ? [depth] : Array.from({ length: thick }, (_, k) => (k + 1) * (1 / (thick + 1)));

  const indptr = new Uint32Array(width * height + 1);
  const mid = new Int32Array(width * height).fill(-1);
  const out = new Growable();
  const l = new Float64Array(3);
  const pv = new Float64Array(3);
  const wv = new Float64Array(3);
  let last = 0;
  let rowStart = 0;

  const toVoxel = (surf: Float32Array, t: number, o: Float64Array) => {
    let x = 0;
    let y = 0;
    let z = 0;
    if (t >= 0) {
      for (let k = 0; k < 3; k++) {
        const v = 3 * vertexOf[triangles[3 * t + k]];
        x += surf[v] * l[k];
        y += surf[v + 1] * l[k];
        z += surf[v + 2] * l[k];
      }
    } // outside the hull pycortex's weights are all 0: the surface origin is sampled (B5)
    o[0] = c00 * x + c01 * y + c02 * z + c03;
    o[1] = c10 * x + c11 * y + c12 * z + c13;
    o[2] = c20 * x + c21 * y + c22 * z + c23;
  };
  const inGrid = (o: Float64Array) =>
    o[0] >= 0 && o[0] < nx && o[1] >= 0 && o[1] < ny && o[2] >= 0 && o[2] < nz;
  const voxelAt = (t: number) => {
    const i = clip(roundHalfEven(pv[0] * t + wv[0] * (1 - t)), nx);
    const j = clip(roundHalfEven(pv[1] * t + wv[1] * (1 - t)), ny);
    const k = clip(roundHalfEven(pv[2] * t + wv[2] * (1 - t)), nz);
    return i + nx * (j + ny * k);
  };

  for (let r = 0; r < height; r++) {
    const py = ys[r];
    let first = true;
    for (let c = 0; c < width; c++) {
      const p = r * width + c;
      indptr[p] = out.length;
      if (!mask.mask[p]) continue;
      const px = xs[c];
      const t = locate(delaunay, first ? rowStart : last, px, py);
      if (t >= 0) {
        last = t;
        if (first) rowStart = t;
        first = false;
        barycentric(delaunay, t, px, py, l);
      }
      toVoxel(pia, t, pv);
      toVoxel(wm, t, wv);
      if (!inGrid(pv) || !inGrid(wv)) continue;
      // samples along the segment are monotone per axis, so repeats of a voxel are consecutive
      let run = -1;
      let n = 0;
      for (const d of depths) {
        const v = voxelAt(d);
        if (v === run) n++;
        else {
          if (n) out.push(run, n / thick);
          run = v;
          n = 1;
        }
      }
      out.push(run, n / thick);
      mid[p] = thick === 1 ? run : voxelAt(depth);
    }
  }
  indptr[width * height] = out.length;
  return {
    width,
    height,
    thick,
    depth,
    indptr,
    voxels: out.voxels.slice(0, out.length),
    weights: out.weights.slice(0, out.length),
    mid,
  };
}

function clip(v: number, n: number): number {
  return v < 0 ? 0 : v >= n ? n - 1 : v;
}
