import { gzipSync } from 'fflate';

/**
 * NIfTI-1 single-file writer (`.nii`, or `.nii.gz` when gzipped): 348-byte header, an empty
 * extension flag, data from byte 352 in file order (i fastest). The affine is stored both as
 * sform and qform (code 1, scanner), so every reader finds the same voxel → world mapping.
 */

export type NiftiWritable = Uint8Array | Int16Array | Int32Array | Float32Array | Float64Array;

export interface NiftiWriteOptions {
  /** spatial (and optional time) sizes: [nx, ny, nz] or [nx, ny, nz, nt] */
  dims: number[];
  data: NiftiWritable;
  /** voxel → world millimetres, row-major 4×4 */
  affine: number[][];
  /** free text, at most 79 ASCII characters */
  description?: string;
  /** gzip the file (default true); the gzip header carries no time stamp, so output is deterministic */
  gzip?: boolean;
}

const DATATYPE: [new (...args: never[]) => NiftiWritable, number, number][] = [
  [Uint8Array, 2, 8],
  [Int16Array, 4, 16],
  [Int32Array, 8, 32],
  [Float32Array, 16, 32],
  [Float64Array, 64, 64],
];

const HEADER_SIZE = 348;
const VOX_OFFSET = 352;
const UNITS_MM_SEC = 2 | 8;

export function encodeNifti(opts: NiftiWriteOptions): Uint8Array {
  const { dims, data, affine } = opts;
  if (dims.length < 1 || dims.length > 7 || dims.some((d) => !Number.isInteger(d) || d < 1))
    throw new Error(`NIfTI dims must be 1 to 7 positive integers, got [${dims.join(', ')}]`);
  const count = dims.reduce((a, b) => a * b, 1);
  if (count !== data.length)
    throw new Error(`NIfTI dims [${dims.join(', ')}] need ${count} values, got ${data.length}`);
  const type = DATATYPE.find(([C]) => data instanceof C);
  if (!type) throw new Error('NIfTI data must be uint8, int16, int32, float32 or float64');
  checkAffine(affine);

  const out = new Uint8Array(VOX_OFFSET + data.byteLength);
  const v = new DataView(out.buffer);
  v.setInt32(0, HEADER_SIZE, true);
  out[38] = 'r'.charCodeAt(0);
  v.setInt16(40, dims.length, true);
  for (let d = 0; d < 7; d++) v.setInt16(42 + 2 * d, dims[d] ?? 1, true);
  v.setInt16(70, type[1], true);
  v.setInt16(72, type[2], true);

  const q = quaternFromAffine(affine);
  v.setFloat32(76, q.qfac, true);
  for (let d = 0; d < 3; d++) v.setFloat32(80 + 4 * d, q.zooms[d], true);
  for (let d = 3; d < 7; d++) v.setFloat32(80 + 4 * d, 1, true);
  v.setFloat32(108, VOX_OFFSET, true);
  v.setFloat32(112, 1, true); // scl_slope: values are stored unscaled
  v.setFloat32(116, 0, true);
  out[123] = UNITS_MM_SEC;
  writeAscii(out, 148, 80, opts.description ?? '');
  v.setInt16(252, 1, true); // qform_code: scanner
  v.setInt16(254, 1, true); // sform_code: scanner
  v.setFloat32(256, q.b, true);
  v.setFloat32(260, q.c, true);
  v.setFloat32(264, q.d, true);
  for (let r = 0; r < 3; r++) v.setFloat32(268 + 4 * r, affine[r][3], true);
  for (let r = 0; r < 3; r++)
    for (let c = 0; c < 4; c++) v.setFloat32(280 + 16 * r + 4 * c, affine[r][c], true);
  writeAscii(out, 344, 4, 'n+1');
  // bytes 348–351 stay 0: no extensions

  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (isLittleEndianHost()) out.set(bytes, VOX_OFFSET);
  else throw new Error('NIfTI writer needs a little-endian host');
  return opts.gzip === false ? out : gzipSync(out, { level: 6, mtime: 0 });
}

function checkAffine(a: number[][]): void {
  if (a.length !== 4 || a.some((row) => row.length !== 4 || row.some((x) => !Number.isFinite(x))))
    throw new Error('NIfTI affine must be a finite 4×4 matrix');
}

function writeAscii(out: Uint8Array, offset: number, size: number, text: string): void {
  for (let i = 0; i < Math.min(text.length, size - 1); i++) {
    const c = text.charCodeAt(i);
    if (c > 127) throw new Error('NIfTI header text must be ASCII');
    out[offset + i] = c;
  }
}

function isLittleEndianHost(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}

/**
 * The qform parameters of an affine (NIfTI-1 "method 2"): voxel sizes are the column norms,
 * a negative determinant becomes qfac = −1 with the third column flipped, and the remaining
 * rotation becomes the quaternion (a, b, c, d) with a ≥ 0.
 */
export function quaternFromAffine(affine: number[][]): {
  b: number;
  c: number;
  d: number;
  qfac: number;
  zooms: [number, number, number];
} {
  const col = (c: number) => [affine[0][c], affine[1][c], affine[2][c]];
  const cols = [col(0), col(1), col(2)];
  const zooms = cols.map((v) => Math.hypot(v[0], v[1], v[2])) as [number, number, number];
  if (zooms.some((z) => z === 0)) throw new Error('NIfTI affine has a zero-length axis');
  const r = cols.map((v, i) => v.map((x) => x / zooms[i]));
  const det =
    r[0][0] * (r[1][1] * r[2][2] - r[1][2] * r[2][1]) -
    r[1][0] * (r[0][1] * r[2][2] - r[0][2] * r[2][1]) +
    r[2][0] * (r[0][1] * r[1][2] - r[0][2] * r[1][1]);
  const qfac = det < 0 ? -1 : 1;
  if (qfac < 0) r[2] = r[2].map((x) => -x);
  // R[row][col]; r holds columns, so R[i][j] = r[j][i]
  const R = (i: number, j: number) => r[j][i];
  let a = R(0, 0) + R(1, 1) + R(2, 2) + 1;
  let b: number;
  let c: number;
  let d: number;
  if (a > 0.5) {
    a = 0.5 * Math.sqrt(a);
    b = (0.25 * (R(2, 1) - R(1, 2))) / a;
    c = (0.25 * (R(0, 2) - R(2, 0))) / a;
    d = (0.25 * (R(1, 0) - R(0, 1))) / a;
  } else {
    const xd = 1 + R(0, 0) - (R(1, 1) + R(2, 2));
    const yd = 1 + R(1, 1) - (R(0, 0) + R(2, 2));
    const zd = 1 + R(2, 2) - (R(0, 0) + R(1, 1));
    if (xd > 1) {
      b = 0.5 * Math.sqrt(xd);
      c = (0.25 * (R(0, 1) + R(1, 0))) / b;
      d = (0.25 * (R(0, 2) + R(2, 0))) / b;
      a = (0.25 * (R(2, 1) - R(1, 2))) / b;
    } else if (yd > 1) {
      c = 0.5 * Math.sqrt(yd);
      b = (0.25 * (R(0, 1) + R(1, 0))) / c;
      d = (0.25 * (R(1, 2) + R(2, 1))) / c;
      a = (0.25 * (R(0, 2) - R(2, 0))) / c;
    } else {
      d = 0.5 * Math.sqrt(zd);
      b = (0.25 * (R(0, 2) + R(2, 0))) / d;
      c = (0.25 * (R(1, 2) + R(2, 1))) / d;
      a = (0.25 * (R(1, 0) - R(0, 1))) / d;
    }
    if (a < 0) {
      b = -b;
      c = -c;
      d = -d;
    }
  }
  return { b: b + 0, c: c + 0, d: d + 0, qfac, zooms };
}
