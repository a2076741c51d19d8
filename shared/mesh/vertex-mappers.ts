import type { VertexMapper } from '../api.js';
import { roundHalfEven } from '../flatmap/round-half-even.js';
import { SegmentSampler } from '../flatmap/segment-sampler.js';

/**
 * pycortex's Volume → vertex mappers (`cortex.get_mapper(subject, xfm, type)`), as sparse
 * vertex × voxel matrices: `nearest` (PointNN) and `trilinear` (PointTrilin) sample the fiducial
 * vertex, only for vertices of the flat mesh (cut vertices get no entries, pycortex's 0);
 * `line_nearest` (LineNN) averages 64 nearest-voxel samples strictly between wm and pia, for
 * every vertex. Voxel indices are flat NIfTI order i + nx·(j + ny·k).
 */

/** pycortex LineMapper's default number of samples along the wm → pia segment. */
export const LINE_SAMPLES = 64;

export interface VertexSamplingMatrix {
  /** CSR row starts, one row per merged vertex (+1) */
  indptr: Uint32Array;
  voxels: Int32Array;
  weights: Float32Array;
}

type Coord = readonly (readonly number[])[];
type Shape = readonly [number, number, number];

export interface MapperInput {
  /** merged surfaces (left then right), N×3 float32, un-nudged */
  fiducial: Float32Array;
  pia: Float32Array;
  wm: Float32Array;
  /** 1 for vertices of the flat mesh: the point mappers sample only those */
  valid: Uint8Array;
  coord: Coord;
  shape: Shape;
}

export function buildVertexSampling(mapper: VertexMapper, input: MapperInput): VertexSamplingMatrix {
  switch (mapper) {
    case 'nearest':
      return pointSampling(input, nearestEntries);
    case 'trilinear':
      return pointSampling(input, trilinearEntries);
    case 'line_nearest':
      return lineNearest(input);
  }
}

/** Σ weight · value per vertex; a vertex without entries gets `empty` (pycortex's sparse product: 0). */
export function applyVertexSampling(
  s: VertexSamplingMatrix,
  values: ArrayLike<number>,
  empty = 0,
): Float32Array {
  const n = s.indptr.length - 1;
  const out = new Float32Array(n);
  for (let v = 0; v < n; v++) {
    const a = s.indptr[v];
    const b = s.indptr[v + 1];
    if (a === b) {
      out[v] = empty;
      continue;
    }
    let sum = 0;
    for (let e = a; e < b; e++) sum += s.weights[e] * values[s.voxels[e]];
    out[v] = sum;
  }
  return out;
}

/**
 * Labels per vertex: the value of the voxel with the largest weight (a label is never averaged
 * with its neighbours, as the flatmap draws labels from one voxel); `empty` where none.
 */
export function labelsAtVertices(
  s: VertexSamplingMatrix,
  values: ArrayLike<number>,
  empty = NaN,
): Float32Array {
  const n = s.indptr.length - 1;
  const out = new Float32Array(n).fill(empty);
  for (let v = 0; v < n; v++) {
    let best = -1;
    let bestWeight = 0;
    for (let e = s.indptr[v]; e < s.indptr[v + 1]; e++)
      if (s.weights[e] > bestWeight) {
        bestWeight = s.weights[e];
        best = s.voxels[e];
      }
    if (best >= 0) out[v] = values[best];
  }
  return out;
}

/** Voxel coordinates of point p of an N×3 array: coord · [x, y, z, 1] in float64, as pycortex. */
function toVoxel(points: Float32Array, p: number, c: Coord, out: Float64Array): void {
  const x = points[3 * p];
  const y = points[3 * p + 1];
  const z = points[3 * p + 2];
  for (let r = 0; r < 3; r++) out[r] = c[r][0] * x + c[r][1] * y + c[r][2] * z + c[r][3];
}

type EntryWriter = (ijk: Float64Array, shape: Shape, voxels: number[], weights: number[]) => void;

function pointSampling(input: MapperInput, write: EntryWriter): VertexSamplingMatrix {
  const n = input.fiducial.length / 3;
  const indptr = new Uint32Array(n + 1);
  const voxels: number[] = [];
  const weights: number[] = [];
  const ijk = new Float64Array(3);
  for (let v = 0; v < n; v++) {
    if (input.valid[v]) {
      toVoxel(input.fiducial, v, input.coord, ijk);
      write(ijk, input.shape, voxels, weights);
    }
    indptr[v + 1] = voxels.length;
  }
  return { indptr, voxels: Int32Array.from(voxels), weights: Float32Array.from(weights) };
}

/** samplers.nearest: inside (−0.5, n + 0.5) on every axis, numpy rounding, indices clipped. */
function insideNearest(ijk: ArrayLike<number>, shape: Shape): boolean {
  return (
    ijk[0] > -0.5 &&
    ijk[0] < shape[0] + 0.5 &&
    ijk[1] > -0.5 &&
    ijk[1] < shape[1] + 0.5 &&
    ijk[2] > -0.5 &&
    ijk[2] < shape[2] + 0.5
  );
}

function clip(v: number, n: number): number {
  return v < 0 ? 0 : v >= n ? n - 1 : v;
}

function flatIndex(i: number, j: number, k: number, shape: Shape): number {
  return clip(i, shape[0]) + shape[0] * (clip(j, shape[1]) + shape[1] * clip(k, shape[2]));
}

function nearestEntries(ijk: Float64Array, shape: Shape, voxels: number[], weights: number[]): void {
  if (!insideNearest(ijk, shape)) return;
  voxels.push(flatIndex(roundHalfEven(ijk[0]), roundHalfEven(ijk[1]), roundHalfEven(ijk[2]), shape));
  weights.push(1);
}

/** samplers.trilinear: integer part toward zero, negative fractions set to 0, corners clipped. */
function trilinearEntries(ijk: Float64Array, shape: Shape, voxels: number[], weights: number[]): void {
  const f0 = Math.trunc(ijk[0]);
  const f1 = Math.trunc(ijk[1]);
  const f2 = Math.trunc(ijk[2]);
  const x = Math.max(0, ijk[0] - f0);
  const y = Math.max(0, ijk[1] - f1);
  const z = Math.max(0, ijk[2] - f2);
  for (let corner = 0; corner < 8; corner++) {
    const dx = corner & 1;
    const dy = (corner >> 1) & 1;
    const dz = (corner >> 2) & 1;
    voxels.push(flatIndex(f0 + dx, f1 + dy, f2 + dz, shape));
    weights.push((dx ? x : 1 - x) * (dy ? y : 1 - y) * (dz ? z : 1 - z));
  }
}

/**
 * LineNN over every vertex. When both ends lie inside the sampler's window every sample does
 * (the window is convex), so the flatmap's {@link SegmentSampler} gives the runs; otherwise each
 * sample is checked and rounded on its own.
 */
function lineNearest(input: MapperInput): VertexSamplingMatrix {
  const { pia, wm, coord, shape } = input;
  const n = wm.length / 3;
  // numpy's linspace(0, 1, npts + 2)[1:-1]
  const depths = Array.from({ length: LINE_SAMPLES }, (_, q) => (q + 1) * (1 / (LINE_SAMPLES + 1)));
  const sampler = new SegmentSampler(shape, depths);
  const runVoxels = new Int32Array(LINE_SAMPLES);
  const runCounts = new Uint8Array(LINE_SAMPLES);
  const indptr = new Uint32Array(n + 1);
  const voxels: number[] = [];
  const weights: number[] = [];
  const p = new Float64Array(3);
  const w = new Float64Array(3);
  const point = new Float64Array(3);
  for (let v = 0; v < n; v++) {
    // pycortex's LineMapper passes the wm points as `pia` and the pia points as `wm`
    toVoxel(wm, v, coord, p);
    toVoxel(pia, v, coord, w);
    let runs: number;
    if (insideNearest(p, shape) && insideNearest(w, shape)) {
      runs = sampler.sample(p[0], p[1], p[2], w[0], w[1], w[2], runVoxels, runCounts, 0);
    } else {
      runs = 0;
      for (let q = 0; q < LINE_SAMPLES; q++) {
        const t = depths[q];
        for (let a = 0; a < 3; a++) point[a] = p[a] * t + w[a] * (1 - t);
        if (!insideNearest(point, shape)) continue;
        const voxel = flatIndex(
          roundHalfEven(point[0]),
          roundHalfEven(point[1]),
          roundHalfEven(point[2]),
          shape,
        );
        if (runs > 0 && runVoxels[runs - 1] === voxel) runCounts[runs - 1]++;
        else {
          runVoxels[runs] = voxel;
          runCounts[runs++] = 1;
        }
      }
    }
    for (let r = 0; r < runs; r++) {
      voxels.push(runVoxels[r]);
      weights.push(runCounts[r] / LINE_SAMPLES);
    }
    indptr[v + 1] = voxels.length;
  }
  return { indptr, voxels: Int32Array.from(voxels), weights: Float32Array.from(weights) };
}
