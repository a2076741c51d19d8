import { NIFTI2, readHeader, type NIFTI1 } from 'nifti-reader-js';
import type { Volume } from '../subject.js';
import { gunzip, inflateSized, type Inflater } from './inflate.js';

/**
 * NIfTI-1 / NIfTI-2 volumes (`.nii`, `.nii.gz`) as pycortex sees them through nibabel
 * (pycortex-formats.md §3): data in file order (i fastest), scl_slope/inter applied, affine
 * chosen like nibabel's `get_best_affine` (sform if sform_code ≠ 0, else qform if
 * qform_code ≠ 0, else the Analyze-style shape/zoom affine). nifti-reader-js decodes the
 * header fields; the affine choice and the voxel decoding are ours because the library
 * prefers the qform when its code is higher, which nibabel does not.
 */

export class NiftiError extends Error {}

export interface NiftiHeader {
  version: 1 | 2;
  /** sizes of the used dimensions (dim[1..dim[0]]) */
  dims: number[];
  /** NIfTI datatype code (2 uint8, 4 int16, 16 float32, …) */
  datatype: number;
  datatypeName: string;
  littleEndian: boolean;
  /** voxel sizes pixdim[1..3] */
  zooms: [number, number, number];
  sclSlope: number;
  sclInter: number;
  qformCode: number;
  sformCode: number;
  voxOffset: number;
  /** voxel → world mm, row-major 4×4 (nibabel's choice) */
  affine: number[][];
}

interface DType {
  name: string;
  size: number;
  read: (v: DataView, o: number, le: boolean) => number;
}

const DTYPES: Record<number, DType> = {
  2: { name: 'uint8', size: 1, read: (v, o) => v.getUint8(o) },
  4: { name: 'int16', size: 2, read: (v, o, le) => v.getInt16(o, le) },
  8: { name: 'int32', size: 4, read: (v, o, le) => v.getInt32(o, le) },
  16: { name: 'float32', size: 4, read: (v, o, le) => v.getFloat32(o, le) },
  64: { name: 'float64', size: 8, read: (v, o, le) => v.getFloat64(o, le) },
  256: { name: 'int8', size: 1, read: (v, o) => v.getInt8(o) },
  512: { name: 'uint16', size: 2, read: (v, o, le) => v.getUint16(o, le) },
  768: { name: 'uint32', size: 4, read: (v, o, le) => v.getUint32(o, le) },
  1024: { name: 'int64', size: 8, read: (v, o, le) => Number(v.getBigInt64(o, le)) },
  1280: { name: 'uint64', size: 8, read: (v, o, le) => Number(v.getBigUint64(o, le)) },
};

/** Datatypes that exist in NIfTI but hold no single real number per voxel. */
const UNSUPPORTED: Record<number, string> = {
  1: 'binary (1 bit)',
  32: 'complex64',
  128: 'RGB24',
  1536: 'float128',
  1792: 'complex128',
  2048: 'complex256',
  2304: 'RGBA32',
};

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Enough uncompressed bytes for a NIfTI-1 or NIfTI-2 header. */
export const NIFTI_HEADER_BYTES = 544;

/**
 * The uncompressed NIfTI bytes (gzip inflated when the file is gzip, whatever its name), never
 * more than the header's own size allows: see {@link inflateSized}.
 */
export function inflateNifti(bytes: Uint8Array, inflate: Inflater = gunzip): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  const sizeOf = (head: Uint8Array) => niftiByteLength(parseNiftiHeader(head));
  try {
    return inflateSized(bytes, NIFTI_HEADER_BYTES, sizeOf, inflate);
  } catch (e) {
    if (e instanceof NiftiError) throw e;
    throw new NiftiError(`gzip data is ${(e as Error).message}`);
  }
}

/** Where a single-file NIfTI's voxels start: not inside the header (+ 4-byte extension flag). */
function dataStart(h: NiftiHeader): number {
  if (!Number.isFinite(h.voxOffset) || h.voxOffset < 0)
    throw new NiftiError(`bad header: vox_offset = ${h.voxOffset}`);
  return Math.max(h.voxOffset, h.version === 1 ? 352 : 544);
}

/** Bytes of the whole uncompressed file the header describes: data start + every voxel. */
export function niftiByteLength(h: NiftiHeader): number {
  return dataStart(h) + h.dims.reduce((n, d) => n * d, 1) * DTYPES[h.datatype].size;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? (bytes.buffer as ArrayBuffer)
    : (bytes.slice().buffer as ArrayBuffer);
}

/** Parse the header from uncompressed bytes (the first 540 bytes are enough). */
export function parseNiftiHeader(bytes: Uint8Array): NiftiHeader {
  if (isGzip(bytes)) throw new NiftiError('header bytes are still gzip-compressed');
  if (bytes.length < 348)
    throw new NiftiError(`file too short for a NIfTI header (${bytes.length} bytes, need 348)`);
  let raw: NIFTI1 | NIFTI2;
  try {
    raw = readHeader(toArrayBuffer(bytes.subarray(0, Math.min(bytes.length, 1024))));
  } catch {
    // the library's own complaint says no more than this
    throw new NiftiError(
      'not a NIfTI-1/NIfTI-2 file (no header size 348 or 540 with the magic "n+1", "ni1" or "n+2")',
    );
  }
  const version = raw instanceof NIFTI2 ? 2 : 1;
  const le = raw.littleEndian;
  const ndim = raw.dims[0];
  if (!Number.isInteger(ndim) || ndim < 1 || ndim > 7)
    throw new NiftiError(`bad header: dim[0] = ${ndim} (must be 1..7; wrong byte order or not NIfTI?)`);
  const dims = raw.dims.slice(1, ndim + 1);
  for (const [i, d] of dims.entries())
    if (!Number.isInteger(d) || d < 1) throw new NiftiError(`bad header: dim[${i + 1}] = ${d}`);
  const datatype = raw.datatypeCode;
  const dt = DTYPES[datatype];
  if (!dt) {
    const what = UNSUPPORTED[datatype];
    throw new NiftiError(
      what
        ? `datatype ${what} (code ${datatype}) holds no single number per voxel; convert it to a scalar type`
        : `unknown datatype code ${datatype}`,
    );
  }
  if (raw.numBitsPerVoxel !== dt.size * 8)
    throw new NiftiError(`bad header: bitpix ${raw.numBitsPerVoxel} does not match datatype ${dt.name}`);
  const zoom = (i: number) => Math.abs(raw.pixDims[i] ?? 1) || 1;
  const zooms: [number, number, number] = [zoom(1), zoom(2), zoom(3)];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header: NiftiHeader = {
    version,
    dims,
    datatype,
    datatypeName: dt.name,
    littleEndian: le,
    zooms,
    sclSlope: raw.scl_slope,
    sclInter: raw.scl_inter,
    qformCode: raw.qform_code,
    sformCode: raw.sform_code,
    voxOffset: raw.vox_offset,
    affine: [],
  };
  if (header.sformCode !== 0) header.affine = readSform(view, version, le);
  else if (header.qformCode !== 0) header.affine = qformAffine(raw, zooms);
  else header.affine = analyzeAffine(dims, zooms);
  for (const row of header.affine)
    for (const v of row)
      if (!Number.isFinite(v)) throw new NiftiError('bad header: affine has non-finite values');
  return header;
}

/** srow_x/y/z: float32 at 280 in NIfTI-1, float64 at 400 in NIfTI-2. */
function readSform(view: DataView, version: 1 | 2, le: boolean): number[][] {
  const rows: number[][] = [];
  for (let r = 0; r < 3; r++) {
    const row: number[] = [];
    for (let c = 0; c < 4; c++)
      row.push(
        version === 1
          ? view.getFloat32(280 + (r * 4 + c) * 4, le)
          : view.getFloat64(400 + (r * 4 + c) * 8, le),
      );
    rows.push(row);
  }
  rows.push([0, 0, 0, 1]);
  return rows;
}

/** Quaternion affine as nibabel computes it (a recovered from b, c, d; qfac = pixdim[0], 0 read as 1). */
function qformAffine(raw: NIFTI1 | NIFTI2, zooms: [number, number, number]): number[][] {
  const b = raw.quatern_b;
  const c = raw.quatern_c;
  const d = raw.quatern_d;
  const w2 = 1 - (b * b + c * c + d * d);
  const a = w2 > 0 ? Math.sqrt(w2) : 0;
  const R = [
    [a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)],
    [2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)],
    [2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b],
  ];
  const qfac = raw.pixDims[0] < 0 ? -1 : 1;
  const s = [zooms[0], zooms[1], zooms[2] * qfac];
  const off = [raw.qoffset_x, raw.qoffset_y, raw.qoffset_z];
  return [
    // `+ 0` turns -0 into 0 so equal matrices compare equal
    ...R.map((row, i) => [row[0] * s[0] + 0, row[1] * s[1] + 0, row[2] * s[2] + 0, off[i]]),
    [0, 0, 0, 1],
  ];
}

/** nibabel's fallback when neither code is set: x flipped, origin at the grid centre. */
function analyzeAffine(dims: number[], zooms: [number, number, number]): number[][] {
  const n = [dims[0] ?? 1, dims[1] ?? 1, dims[2] ?? 1];
  const z = [-zooms[0], zooms[1], zooms[2]];
  return [
    [z[0], 0, 0, (-(n[0] - 1) / 2) * z[0]],
    [0, z[1], 0, (-(n[1] - 1) / 2) * z[1]],
    [0, 0, z[2], (-(n[2] - 1) / 2) * z[2]],
    [0, 0, 0, 1],
  ];
}

/** [nx, ny, nz] of a header: dimensions beyond the third must be a frame axis (4th) or 1. */
export function spatialShape(h: NiftiHeader): [number, number, number] {
  return [h.dims[0] ?? 1, h.dims[1] ?? 1, h.dims[2] ?? 1];
}

/** Number of frames (4th dimension); dimensions 5–7 must be 1. */
export function frameCount(h: NiftiHeader): number {
  for (let d = 4; d < h.dims.length; d++)
    if (h.dims[d] !== 1)
      throw new NiftiError(
        `${h.dims.length}-D volume (${h.dims.join('×')}) is not supported; only 3-D and 4-D`,
      );
  return h.dims[3] ?? 1;
}

export interface NiftiVolume extends Volume {
  header: NiftiHeader;
  /** frames in the file (1 for 3-D) */
  frames: number;
}

/**
 * Decode one frame of a `.nii` or `.nii.gz` (bytes as read from disk) into float32 values in
 * file order, with scl_slope/inter applied the way nibabel does (slope 0 or non-finite = none).
 */
export function readNifti(bytes: Uint8Array, frame = 0, inflate?: Inflater): NiftiVolume {
  const data = inflateNifti(bytes, inflate);
  const header = parseNiftiHeader(data);
  const frames = frameCount(header);
  if (!Number.isInteger(frame) || frame < 0 || frame >= frames)
    throw new NiftiError(
      `frame ${frame} does not exist: the volume has ${frames} frame(s) (0..${frames - 1})`,
    );
  const dims = spatialShape(header);
  const nvox = dims[0] * dims[1] * dims[2];
  const dt = DTYPES[header.datatype];
  const start = dataStart(header);
  const needed = niftiByteLength(header);
  if (data.length < needed)
    throw new NiftiError(
      `file truncated: ${data.length} bytes, the header (${header.dims.join('×')} ${dt.name}) needs ${needed}`,
    );
  const values = decode(data, start + frame * nvox * dt.size, nvox, dt, header.littleEndian);
  applyScaling(values, header.sclSlope, header.sclInter);
  return { dims, data: values, affine: header.affine, header, frames };
}

const HOST_LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function decode(bytes: Uint8Array, offset: number, n: number, dt: DType, le: boolean): Float32Array {
  const out = new Float32Array(n);
  if (dt.name === 'float32' && le === HOST_LITTLE && (bytes.byteOffset + offset) % 4 === 0) {
    out.set(new Float32Array(bytes.buffer, bytes.byteOffset + offset, n));
    return out;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, n * dt.size);
  for (let i = 0; i < n; i++) out[i] = dt.read(view, i * dt.size, le);
  return out;
}

function applyScaling(values: Float32Array, slope: number, inter: number): void {
  if (!Number.isFinite(slope) || slope === 0) return;
  const b = Number.isFinite(inter) ? inter : 0;
  if (slope === 1 && b === 0) return;
  for (let i = 0; i < values.length; i++) values[i] = values[i] * slope + b;
}
