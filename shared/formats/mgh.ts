import { gunzip, inflateSized, isGzipData, type Inflater } from './inflate.js';
import type { VolumeGeometry } from './volume-geometry.js';

/**
 * FreeSurfer MGH / MGZ (gzip) files: volumes (`mri/T1.mgz`) and per-vertex data such as NSD's
 * `lh.prf-visualrois.mgz` (one value per vertex of the subject's surface). Big-endian header
 * of 284 bytes: version 1, width, height, depth, frames, type, dof, then geometry; the data
 * follow in Fortran order (width fastest), frame after frame.
 */

export class MghError extends Error {}

export interface MghData {
  /** width, height, depth */
  dims: [number, number, number];
  frames: number;
  /** one frame, float32, width fastest */
  values: Float32Array;
}

const HEADER = 284;

export type MghType = 0 | 1 | 3 | 4;
export type MghArray = Uint8Array | Int32Array | Float32Array | Int16Array;

/** A volume's grid and one frame in its stored data type (for converting it without loss). */
export interface MghVolume {
  geometry: VolumeGeometry;
  frames: number;
  data: MghArray;
}

const TYPES: Record<
  number,
  { name: string; size: number; make: (n: number) => MghArray; read: (v: DataView, o: number) => number }
> = {
  0: { name: 'uchar', size: 1, make: (n) => new Uint8Array(n), read: (v, o) => v.getUint8(o) },
  1: { name: 'int', size: 4, make: (n) => new Int32Array(n), read: (v, o) => v.getInt32(o, false) },
  3: { name: 'float', size: 4, make: (n) => new Float32Array(n), read: (v, o) => v.getFloat32(o, false) },
  4: { name: 'short', size: 2, make: (n) => new Int16Array(n), read: (v, o) => v.getInt16(o, false) },
};

interface MghHeader {
  dims: [number, number, number];
  frames: number;
  type: (typeof TYPES)[number];
}

function parseMghHeader(bytes: Uint8Array): MghHeader {
  if (bytes.length < HEADER)
    throw new MghError(`file too short for an MGH header (${bytes.length} bytes, need ${HEADER})`);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = v.getInt32(0, false);
  if (version !== 1) throw new MghError(`not an MGH file (version ${version}, expected 1)`);
  const dims: [number, number, number] = [v.getInt32(4, false), v.getInt32(8, false), v.getInt32(12, false)];
  const frames = v.getInt32(16, false);
  const code = v.getInt32(20, false);
  if (dims.some((d) => d < 1) || frames < 1)
    throw new MghError(`bad header: dimensions ${dims.join('×')}, ${frames} frame(s)`);
  const type = TYPES[code];
  if (!type) throw new MghError(`unsupported MGH data type ${code} (supported: uchar, int, float, short)`);
  return { dims, frames, type };
}

/** Header and every frame's data; optional tags may follow. */
const dataEnd = (h: MghHeader) => HEADER + h.dims[0] * h.dims[1] * h.dims[2] * h.frames * h.type.size;

/** The file's MGH bytes: an MGZ inflated no further than its header says. */
function uncompressed(file: Uint8Array, inflate: Inflater): Uint8Array {
  if (!isGzipData(file)) return file;
  try {
    return inflateSized(file, HEADER, (head) => dataEnd(parseMghHeader(head)), inflate);
  } catch (e) {
    if (e instanceof MghError) throw e;
    throw new MghError(`gzip data is ${(e as Error).message}`);
  }
}

/** Where one frame starts, after checking the frame exists and the data are all there. */
function frameStart(bytes: Uint8Array, header: MghHeader, frame: number): number {
  const { dims, frames, type: t } = header;
  if (!Number.isInteger(frame) || frame < 0 || frame >= frames)
    throw new MghError(`frame ${frame} does not exist: the file has ${frames} frame(s)`);
  const needed = dataEnd(header);
  if (bytes.length < needed)
    throw new MghError(
      `file truncated: ${bytes.length} bytes, ${dims.join('×')}×${frames} ${t.name} need ${needed}`,
    );
  return HEADER + frame * dims[0] * dims[1] * dims[2] * t.size;
}

export function readMgh(file: Uint8Array, frame = 0, inflate: Inflater = gunzip): MghData {
  const bytes = uncompressed(file, inflate);
  const header = parseMghHeader(bytes);
  const { dims, frames, type: t } = header;
  const start = frameStart(bytes, header, frame);
  const n = dims[0] * dims[1] * dims[2];
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) values[i] = t.read(v, start + i * t.size);
  return { dims, frames, values };
}

/** One frame in its stored type with the volume's grid, e.g. to write it as NIfTI unchanged. */
export function readMghVolume(file: Uint8Array, frame = 0, inflate: Inflater = gunzip): MghVolume {
  const bytes = uncompressed(file, inflate);
  const header = parseMghHeader(bytes);
  const geometry = geometryOf(bytes, header.dims);
  const start = frameStart(bytes, header, frame);
  const t = header.type;
  const n = header.dims[0] * header.dims[1] * header.dims[2];
  if (t.size === 1) return { geometry, frames: header.frames, data: bytes.slice(start, start + n) };
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const data = t.make(n);
  for (let i = 0; i < n; i++) data[i] = t.read(v, start + i * t.size);
  return { geometry, frames: header.frames, data };
}

/**
 * The voxel grid of an MGH/MGZ volume (e.g. `mri/orig.mgz`): voxel sizes at byte 30, the axis
 * directions at 42, c_ras at 78. Without the "RAS good" flag FreeSurfer ignores them and assumes a
 * coronal (LIA) 1 mm volume centred on the scanner origin.
 */
export function readMghGeometry(file: Uint8Array, inflate: Inflater = gunzip): VolumeGeometry {
  const bytes = uncompressed(file, inflate);
  return geometryOf(bytes, parseMghHeader(bytes).dims);
}

function geometryOf(bytes: Uint8Array, dims: [number, number, number]): VolumeGeometry {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (v.getInt16(28, false) === 0)
    return {
      dims,
      voxelSize: [1, 1, 1],
      directions: [
        [-1, 0, 0],
        [0, 0, -1],
        [0, 1, 0],
      ],
      center: [0, 0, 0],
    };
  const f = (o: number) => v.getFloat32(o, false);
  const voxelSize: [number, number, number] = [f(30), f(34), f(38)];
  if (voxelSize.some((d) => !(d > 0) || !Number.isFinite(d)))
    throw new MghError(`bad header: voxel sizes ${voxelSize.join(', ')}`);
  const axis = (a: number) => [0, 1, 2].map((k) => f(42 + 12 * a + 4 * k));
  const directions: [number[], number[], number[]] = [axis(0), axis(1), axis(2)];
  const center: [number, number, number] = [f(78), f(82), f(86)];
  if ([...directions.flat(), ...center].some((x) => !Number.isFinite(x)))
    throw new MghError('bad header: axis directions or centre are not finite numbers');
  return { dims, voxelSize, directions, center };
}

/**
 * An MGH file (uncompressed) for tests and exports: float32 unless `type` says otherwise; with a
 * grid, its voxel sizes, directions and centre are stored and flagged valid.
 */
export function encodeMgh(
  values: ArrayLike<number>,
  type: MghType = 3,
  dims?: [number, number, number],
  grid?: Omit<VolumeGeometry, 'dims'>,
): Uint8Array {
  const d = dims ?? [values.length, 1, 1];
  const t = TYPES[type];
  const out = new Uint8Array(HEADER + values.length * t.size);
  const v = new DataView(out.buffer);
  [1, d[0], d[1], d[2], 1, type, 0].forEach((x, i) => v.setInt32(4 * i, x, false));
  if (grid) {
    v.setInt16(28, 1, false);
    [...grid.voxelSize, ...grid.directions.flat(), ...grid.center].forEach((x, i) =>
      v.setFloat32(30 + 4 * i, x, false),
    );
  }
  for (let i = 0; i < values.length; i++) {
    const o = HEADER + i * t.size;
    if (type === 0) v.setUint8(o, values[i]);
    else if (type === 1) v.setInt32(o, values[i], false);
    else if (type === 3) v.setFloat32(o, values[i], false);
    else v.setInt16(o, values[i], false);
  }
  return out;
}
