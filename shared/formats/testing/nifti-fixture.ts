import { gzipSync } from 'fflate';

/**
 * Builds small NIfTI-1/2 files byte by byte for tests (the header layout of the NIfTI
 * standard), so the reader is checked against files it did not write itself.
 */
export interface NiftiFixture {
  version?: 1 | 2;
  dims: number[];
  /** NIfTI datatype code */
  datatype?: number;
  values: number[];
  littleEndian?: boolean;
  pixdim?: number[];
  sclSlope?: number;
  sclInter?: number;
  qformCode?: number;
  sformCode?: number;
  /** quatern b, c, d, then qoffset x, y, z */
  quatern?: number[];
  /** 12 numbers: srow_x, srow_y, srow_z */
  srow?: number[];
  gzip?: boolean;
}

const SIZES: Record<number, number> = {
  2: 1,
  4: 2,
  8: 4,
  16: 4,
  64: 8,
  256: 1,
  512: 2,
  768: 4,
  1024: 8,
  1280: 8,
  128: 3,
  32: 8,
};

export function makeNifti(f: NiftiFixture): Uint8Array {
  const version = f.version ?? 1;
  const le = f.littleEndian ?? true;
  const dt = f.datatype ?? 16;
  const size = SIZES[dt] ?? 4;
  const dataStart = version === 1 ? 352 : 544;
  const buf = new ArrayBuffer(dataStart + f.values.length * size);
  const v = new DataView(buf);
  const dim = [f.dims.length, ...f.dims, 1, 1, 1, 1, 1, 1, 1].slice(0, 8);
  const pixdim = [1, ...(f.pixdim ?? [1, 1, 1]), 1, 1, 1, 1, 1, 1].slice(0, 8);
  if (f.pixdim && f.pixdim.length === 4) pixdim.splice(0, 4, ...f.pixdim);
  const q = f.quatern ?? [0, 0, 0, 0, 0, 0];
  const s = f.srow ?? [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0];
  if (version === 1) {
    v.setInt32(0, 348, le);
    dim.forEach((d, i) => v.setInt16(40 + 2 * i, d, le));
    v.setInt16(70, dt, le);
    v.setInt16(72, size * 8, le);
    pixdim.forEach((p, i) => v.setFloat32(76 + 4 * i, p, le));
    v.setFloat32(108, dataStart, le);
    v.setFloat32(112, f.sclSlope ?? 0, le);
    v.setFloat32(116, f.sclInter ?? 0, le);
    v.setInt16(252, f.qformCode ?? 0, le);
    v.setInt16(254, f.sformCode ?? 0, le);
    q.forEach((x, i) => v.setFloat32(256 + 4 * i, x, le));
    s.forEach((x, i) => v.setFloat32(280 + 4 * i, x, le));
    [0x6e, 0x2b, 0x31, 0].forEach((c, i) => v.setUint8(344 + i, c));
  } else {
    v.setInt32(0, 540, le);
    [0x6e, 0x2b, 0x32, 0, 0x0d, 0x0a, 0x1a, 0x0a].forEach((c, i) => v.setUint8(4 + i, c));
    v.setInt16(12, dt, le);
    v.setInt16(14, size * 8, le);
    dim.forEach((d, i) => v.setBigInt64(16 + 8 * i, BigInt(d), le));
    pixdim.forEach((p, i) => v.setFloat64(104 + 8 * i, p, le));
    v.setBigInt64(168, BigInt(dataStart), le);
    v.setFloat64(176, f.sclSlope ?? 0, le);
    v.setFloat64(184, f.sclInter ?? 0, le);
    v.setInt32(344, f.qformCode ?? 0, le);
    v.setInt32(348, f.sformCode ?? 0, le);
    q.forEach((x, i) => v.setFloat64(352 + 8 * i, x, le));
    s.forEach((x, i) => v.setFloat64(400 + 8 * i, x, le));
  }
  f.values.forEach((x, i) => writeValue(v, dataStart + i * size, dt, x, le));
  const bytes = new Uint8Array(buf);
  return f.gzip ? gzipSync(bytes) : bytes;
}

function writeValue(v: DataView, o: number, dt: number, x: number, le: boolean): void {
  switch (dt) {
    case 2:
      return v.setUint8(o, x);
    case 4:
      return v.setInt16(o, x, le);
    case 8:
      return v.setInt32(o, x, le);
    case 16:
      return v.setFloat32(o, x, le);
    case 64:
      return v.setFloat64(o, x, le);
    case 256:
      return v.setInt8(o, x);
    case 512:
      return v.setUint16(o, x, le);
    case 768:
      return v.setUint32(o, x, le);
    case 1024:
      return v.setBigInt64(o, BigInt(x), le);
    case 1280:
      return v.setBigUint64(o, BigInt(x), le);
    default:
      return v.setUint8(o, x);
  }
}
