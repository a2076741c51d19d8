import { describeLimit, LIMITS, withinLimit } from '../api-limits.js';
import type { PixelMap } from '../api.js';
import type { FlatDelaunay } from './flat-delaunay.js';
import { barycentric, beyondHull, locate } from './flat-delaunay.js';
import type { FlatMask } from './flat-mask.js';
import type { ImageGrid } from './image-grid.js';
import { roundHalfEven } from './round-half-even.js';
import { joinRowGroups, RowGroupWriter } from './row-groups.js';
import { SegmentSampler } from './segment-sampler.js';
import { rasteriseTriangles } from './triangle-raster.js';

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

/** The pixel map as the engine computes it: the API's {@link PixelMap} before it is named. */
export type PixelSampling = Omit<PixelMap, 'subject' | 'transform'>;

/**
 * The image rows [rowStart, rowEnd) of a pixel sampling: the listed pixels (image indices) of
 * those rows, grouped by block and length as in the whole map (`lengths` spans every block of
 * the image); `mid` covers those rows only.
 */
export type PixelRows = Pick<PixelSampling, 'pixels' | 'lengths' | 'voxels' | 'samples' | 'mid'>;

export function buildPixelSampling(input: PixelSamplingInput): PixelSampling {
  const { width, height } = input.grid;
  return { width, height, thick: input.thick, depth: input.depth, ...buildPixelRows(input, 0, height) };
}

/**
 * Rows [rowStart, rowEnd) of the pixel sampling, identical to the same rows of the whole map
 * (no pixel depends on another: the walk's starting triangle is only a hint), so workers can
 * each take a band and {@link joinPixelRows} puts them back together.
 */
export function buildPixelRows(input: PixelSamplingInput, rowStart: number, rowEnd: number): PixelRows {
  const { delaunay, mask, grid, pia, wm, coord, shape, thick, depth } = input;
  if (!(
    Number.isInteger(rowStart) &&
    Number.isInteger(rowEnd) &&
    rowStart >= 0 &&
    rowStart <= rowEnd &&
    rowEnd <= grid.height
  ))
    throw new Error(`bad row range [${rowStart}, ${rowEnd}) for a ${grid.height}-row image`);
  // a voxel's sample count is stored in a byte (`samples`)
  if (!withinLimit(thick, LIMITS.thick))
    throw new Error(`thick must be ${describeLimit(LIMITS.thick)}, got ${thick}`);
  if (!withinLimit(depth, LIMITS.depth))
    throw new Error(`depth must be ${describeLimit(LIMITS.depth)}, got ${depth}`);
  const { width, xs, ys } = grid;
  const [nx, ny, nz] = shape;
  const { triangles, vertexOf } = delaunay;
  const [r0, r1, r2] = coord;
  const c00 = r0[0], c01 = r0[1], c02 = r0[2], c03 = r0[3]; // prettier-ignore
  const c10 = r1[0], c11 = r1[1], c12 = r1[2], c13 = r1[3]; // prettier-ignore
  const c20 = r2[0], c21 = r2[1], c22 = r2[2], c23 = r2[3]; // prettier-ignore

  // depths as numpy's linspace(0, 1, thick + 2)[1:-1]; a single sample sits at `depth`
  const depths = thick === 1 ? [depth] : Array.from({ length: thick }, (_, q) => (q + 1) * (1 / (thick + 1)));
  const sampler = new SegmentSampler(shape, depths);
  // the crisp-label voxel: the one point at `depth`, as pycortex's thick=1 map samples it
  const midT = depth;
  const midU = 1 - depth;

  const triOf = rasteriseTriangles(delaunay, mask, grid, rowStart, rowEnd);
  const piaOf = byDelaunayPoint(pia, vertexOf);
  const wmOf = byDelaunayPoint(wm, vertexOf);
  const skip = rowStart * width;
  const pixels = width * (rowEnd - rowStart);
  const mid = new Int32Array(pixels).fill(-1);
  // about three voxels per pixel across the ribbon; grows (rarely) when that is not enough
  let onBrain = 0;
  for (let p = skip; p < skip + pixels; p++) onBrain += mask.mask[p];
  const out = new RowGroupWriter(
    width * grid.height,
    thick,
    onBrain,
    Math.min(onBrain * thick, Math.ceil(onBrain * 3.5)),
  );
  const l = new Float64Array(3);
  let last = 0;

  for (let r = rowStart; r < rowEnd; r++) {
    const py = ys[r];
    for (let c = 0; c < width; c++) {
      const p = r * width + c - skip;
      if (!mask.mask[p + skip]) continue;
      const px = xs[c];
      let t = triOf[p];
      // a pixel no triangle claimed: outside the hull (the mask reaches a little beyond it),
      // or left between two triangles by rounding
      if (t < 0) t = beyondHull(delaunay, px, py) ? -1 : locate(delaunay, last, px, py);
      // outside the hull pycortex's weights are all 0: the surface origin is sampled (B5)
      let ax = 0, ay = 0, az = 0, bx = 0, by = 0, bz = 0; // prettier-ignore
      if (t >= 0) {
        last = t;
        barycentric(delaunay, t, px, py, l);
        for (let q = 0; q < 3; q++) {
          const v = 3 * triangles[3 * t + q];
          const w = l[q];
          ax += piaOf[v] * w;
          ay += piaOf[v + 1] * w;
          az += piaOf[v + 2] * w;
          bx += wmOf[v] * w;
          by += wmOf[v + 1] * w;
          bz += wmOf[v + 2] * w;
        }
      }
      const p0 = c00 * ax + c01 * ay + c02 * az + c03;
      const p1 = c10 * ax + c11 * ay + c12 * az + c13;
      const p2 = c20 * ax + c21 * ay + c22 * az + c23;
      const w0 = c00 * bx + c01 * by + c02 * bz + c03;
      const w1 = c10 * bx + c11 * by + c12 * bz + c13;
      const w2 = c20 * bx + c21 * by + c22 * bz + c23;
      // pycortex keeps a pixel only if both ends lie in [0, n) on every axis
      if (!(p0 >= 0 && p0 < nx && p1 >= 0 && p1 < ny && p2 >= 0 && p2 < nz)) continue;
      if (!(w0 >= 0 && w0 < nx && w1 >= 0 && w1 < ny && w2 >= 0 && w2 < nz)) continue;
      out.begin(p + skip);
      out.length = sampler.sample(p0, p1, p2, w0, w1, w2, out.voxels, out.samples, out.length);
      out.end();
      mid[p] =
        clip(roundHalfEven(p0 * midT + w0 * midU), nx) +
        nx *
          (clip(roundHalfEven(p1 * midT + w1 * midU), ny) +
            ny * clip(roundHalfEven(p2 * midT + w2 * midU), nz));
    }
  }
  return { ...out.finish(), mid };
}

/** Consecutive row bands (top first) back into one map. */
export function joinPixelRows(
  frame: Pick<PixelSampling, 'width' | 'height' | 'thick' | 'depth'>,
  bands: readonly PixelRows[],
): PixelSampling {
  const pixels = frame.width * frame.height;
  let rows = 0;
  for (const b of bands) rows += b.mid.length;
  if (rows !== pixels) throw new Error(`row bands cover ${rows} pixels, the image has ${pixels}`);
  const mid = new Int32Array(pixels);
  let p = 0;
  for (const b of bands) {
    mid.set(b.mid, p);
    p += b.mid.length;
  }
  return { ...frame, ...joinRowGroups(pixels, frame.thick, bands), mid };
}

/** Surface points in Delaunay point order, so neighbouring pixels read neighbouring memory. */
function byDelaunayPoint(points: Float32Array, vertexOf: Uint32Array): Float32Array {
  const out = new Float32Array(3 * vertexOf.length);
  for (let k = 0; k < vertexOf.length; k++) {
    const v = 3 * vertexOf[k];
    out[3 * k] = points[v];
    out[3 * k + 1] = points[v + 1];
    out[3 * k + 2] = points[v + 2];
  }
  return out;
}

function clip(v: number, n: number): number {
  return v < 0 ? 0 : v >= n ? n - 1 : v;
}
