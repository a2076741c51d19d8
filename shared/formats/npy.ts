import { unzipSync, zipSync } from 'fflate';

/** NumPy `.npy` arrays and `.npz` archives (pycortex caches, surface-info, goldens). */

export type NpyData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array;

export interface NpyArray {
  /** numpy descr, e.g. '<f4', '|b1' */
  dtype: string;
  shape: number[];
  fortranOrder: boolean;
  data: NpyData;
}

export class NpyError extends Error {}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

interface Kind {
  size: number;
  make: (buf: ArrayBuffer, offset: number, n: number) => NpyData;
  read: (v: DataView, o: number, le: boolean) => number | bigint;
}

const KINDS: Record<string, Kind> = {
  f4: { size: 4, make: (b, o, n) => new Float32Array(b, o, n), read: (v, o, le) => v.getFloat32(o, le) },
  f8: { size: 8, make: (b, o, n) => new Float64Array(b, o, n), read: (v, o, le) => v.getFloat64(o, le) },
  i1: { size: 1, make: (b, o, n) => new Int8Array(b, o, n), read: (v, o) => v.getInt8(o) },
  i2: { size: 2, make: (b, o, n) => new Int16Array(b, o, n), read: (v, o, le) => v.getInt16(o, le) },
  i4: { size: 4, make: (b, o, n) => new Int32Array(b, o, n), read: (v, o, le) => v.getInt32(o, le) },
  i8: { size: 8, make: (b, o, n) => new BigInt64Array(b, o, n), read: (v, o, le) => v.getBigInt64(o, le) },
  u1: { size: 1, make: (b, o, n) => new Uint8Array(b, o, n), read: (v, o) => v.getUint8(o) },
  b1: { size: 1, make: (b, o, n) => new Uint8Array(b, o, n), read: (v, o) => v.getUint8(o) },
  u2: { size: 2, make: (b, o, n) => new Uint16Array(b, o, n), read: (v, o, le) => v.getUint16(o, le) },
  u4: { size: 4, make: (b, o, n) => new Uint32Array(b, o, n), read: (v, o, le) => v.getUint32(o, le) },
  u8: { size: 8, make: (b, o, n) => new BigUint64Array(b, o, n), read: (v, o, le) => v.getBigUint64(o, le) },
};

export function parseNpy(bytes: Uint8Array): NpyArray {
  if (bytes.length < 10 || MAGIC.some((m, i) => bytes[i] !== m))
    throw new NpyError('not a .npy array (bad magic)');
  const major = bytes[6];
  if (major < 1 || major > 3) throw new NpyError(`unsupported .npy format version ${major}.${bytes[7]}`);
  if (major > 1 && bytes.length < 12) throw new NpyError('truncated .npy header');
  const headerLen =
    major === 1
      ? bytes[8] | (bytes[9] << 8)
      : bytes[8] | (bytes[9] << 8) | (bytes[10] << 16) | (bytes[11] << 24);
  const headerStart = major === 1 ? 10 : 12;
  if (headerStart + headerLen > bytes.length) throw new NpyError('truncated .npy header');
  const header = new TextDecoder('latin1').decode(bytes.subarray(headerStart, headerStart + headerLen));
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || !fortran || shapeText === undefined)
    throw new NpyError(`unreadable .npy header: ${header.trim()}`);
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  if (shape.some((d) => !Number.isInteger(d) || d < 0))
    throw new NpyError(`bad shape (${shapeText}) in .npy header`);
  const kind = '<>|='.includes(descr[0]) ? KINDS[descr.slice(1)] : undefined;
  if (!kind) throw new NpyError(`unsupported dtype ${descr} (numbers and booleans only)`);
  const little = descr[0] !== '>';
  const count = shape.reduce((a, b) => a * b, 1);
  const start = headerStart + headerLen;
  if (bytes.length - start < count * kind.size)
    throw new NpyError(`truncated .npy data: ${bytes.length - start} bytes for ${count} × ${descr}`);
  const copy = new ArrayBuffer(count * kind.size);
  let data: NpyData;
  if (little || kind.size === 1) {
    new Uint8Array(copy).set(bytes.subarray(start, start + count * kind.size));
    data = kind.make(copy, 0, count);
  } else {
    data = kind.make(copy, 0, count);
    const view = new DataView(bytes.buffer, bytes.byteOffset + start, count * kind.size);
    for (let i = 0; i < count; i++)
      (data as unknown as (number | bigint)[])[i] = kind.read(view, i * kind.size, false);
  }
  return { dtype: descr, shape, fortranOrder: fortran === 'True', data };
}

/** Every array of an `.npz` archive, keyed by name without the `.npy` suffix. */
export function parseNpz(bytes: Uint8Array): Record<string, NpyArray> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    throw new NpyError(`not a readable .npz archive (${(e as Error).message})`);
  }
  const out: Record<string, NpyArray> = {};
  for (const [name, content] of Object.entries(files)) {
    const key = name.endsWith('.npy') ? name.slice(0, -4) : name;
    try {
      out[key] = parseNpy(content);
    } catch (e) {
      throw new NpyError(`array ${JSON.stringify(key)}: ${(e as Error).message}`);
    }
  }
  return out;
}

/** Numbers of any numeric npy array as float64 (bigints converted). */
export function npyToFloat64(arr: NpyArray): Float64Array {
  const d = arr.data;
  if (d instanceof Float64Array) return d;
  const out = new Float64Array(d.length);
  for (let i = 0; i < d.length; i++) out[i] = Number(d[i]);
  return out;
}

const DESCR: [new (...args: never[]) => NpyData, string][] = [
  [Float32Array, '<f4'],
  [Float64Array, '<f8'],
  [Int8Array, '|i1'],
  [Int16Array, '<i2'],
  [Int32Array, '<i4'],
  [BigInt64Array, '<i8'],
  [Uint8Array, '|u1'],
  [Uint16Array, '<u2'],
  [Uint32Array, '<u4'],
  [BigUint64Array, '<u8'],
];

/** Serialise a C-order array as `.npy` version 1.0 (little endian hosts only, which is all we ship on). */
export function encodeNpy(data: NpyData, shape: number[], dtype?: string): Uint8Array {
  const descr = dtype ?? DESCR.find(([C]) => data instanceof C)?.[1];
  if (!descr) throw new NpyError('unsupported typed array');
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  out[8] = header.length & 0xff;
  out[9] = header.length >> 8;
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + header.length);
  return out;
}

/** `np.savez`-style archive (stored, not deflated, like numpy's default). */
export function encodeNpz(
  arrays: Record<string, { data: NpyData; shape: number[]; dtype?: string }>,
): Uint8Array {
  const files: Record<string, [Uint8Array, { level: 0; mtime: Date }]> = {};
  // a fixed time stamp (local 1980-01-01, the zip epoch) keeps the archive bytes reproducible
  const mtime = new Date(1980, 0, 1);
  for (const [name, a] of Object.entries(arrays))
    files[`${name}.npy`] = [encodeNpy(a.data, a.shape, a.dtype), { level: 0, mtime }];
  return zipSync(files);
}
