import { gzipSync, zlibSync } from 'fflate';
import { encodeBase64 } from '../base64.js';

/**
 * GIFTI text built directly from the GIFTI schema for tests: every encoding, endianness,
 * data type and indexing order the reader must accept, and hooks to break each one.
 */
export interface GiftiArrayFixture {
  intent: string;
  dataType:
    | 'NIFTI_TYPE_FLOAT32'
    | 'NIFTI_TYPE_FLOAT64'
    | 'NIFTI_TYPE_INT32'
    | 'NIFTI_TYPE_UINT32'
    | 'NIFTI_TYPE_UINT8'
    | 'NIFTI_TYPE_INT16';
  /** row-major values */
  values: number[];
  dims: number[];
  encoding?: 'ASCII' | 'Base64Binary' | 'GZipBase64Binary';
  endian?: 'LittleEndian' | 'BigEndian' | 'GIFTI_ENDIAN_LITTLE' | 'GIFTI_ENDIAN_BIG';
  columnMajor?: boolean;
  /** gzip framing instead of zlib for GZipBase64Binary */
  gzipMagic?: boolean;
  /** replace the <Data> payload text */
  payload?: string;
  /** extra or overriding attributes */
  attrs?: Record<string, string>;
}

const SIZE = {
  NIFTI_TYPE_FLOAT32: 4,
  NIFTI_TYPE_FLOAT64: 8,
  NIFTI_TYPE_INT32: 4,
  NIFTI_TYPE_UINT32: 4,
  NIFTI_TYPE_UINT8: 1,
  NIFTI_TYPE_INT16: 2,
};

export function giftiPayload(a: GiftiArrayFixture): string {
  const values =
    a.columnMajor && a.dims.length === 2 ? toColumnMajor(a.values, a.dims[0], a.dims[1]) : a.values;
  const encoding = a.encoding ?? 'GZipBase64Binary';
  if (encoding === 'ASCII') return values.join(' ');
  const little = !(a.endian ?? 'LittleEndian').includes('B');
  const size = SIZE[a.dataType];
  const bytes = new Uint8Array(values.length * size);
  const v = new DataView(bytes.buffer);
  values.forEach((x, i) => {
    const o = i * size;
    switch (a.dataType) {
      case 'NIFTI_TYPE_FLOAT32':
        return v.setFloat32(o, x, little);
      case 'NIFTI_TYPE_FLOAT64':
        return v.setFloat64(o, x, little);
      case 'NIFTI_TYPE_INT32':
        return v.setInt32(o, x, little);
      case 'NIFTI_TYPE_UINT32':
        return v.setUint32(o, x, little);
      case 'NIFTI_TYPE_INT16':
        return v.setInt16(o, x, little);
      default:
        return v.setUint8(o, x);
    }
  });
  if (encoding === 'Base64Binary') return encodeBase64(bytes);
  return encodeBase64(a.gzipMagic ? gzipSync(bytes) : zlibSync(bytes));
}

function toColumnMajor(values: number[], rows: number, cols: number): number[] {
  const out: number[] = [];
  for (let c = 0; c < cols; c++) for (let r = 0; r < rows; r++) out.push(values[r * cols + c]);
  return out;
}

export function makeGifti(arrays: GiftiArrayFixture[]): string {
  const body = arrays
    .map((a) => {
      const attrs: Record<string, string> = {
        Intent: a.intent,
        DataType: a.dataType,
        ArrayIndexingOrder: a.columnMajor ? 'ColumnMajorOrder' : 'RowMajorOrder',
        Dimensionality: String(a.dims.length),
        ...Object.fromEntries(a.dims.map((d, i) => [`Dim${i}`, String(d)])),
        Encoding: a.encoding ?? 'GZipBase64Binary',
        Endian: a.endian ?? 'LittleEndian',
        ExternalFileName: '',
        ExternalFileOffset: '',
        ...a.attrs,
      };
      const attrText = Object.entries(attrs)
        .map(([k, v]) => `${k}="${v}"`)
        .join('\n    ');
      return `  <DataArray ${attrText}>\n    <MetaData/>\n    <Data>${a.payload ?? giftiPayload(a)}</Data>\n  </DataArray>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE GIFTI SYSTEM "http://www.nitrc.org/frs/download.php/115/gifti.dtd">\n<GIFTI Version="1.0" NumberOfDataArrays="${arrays.length}">\n  <MetaData/>\n  <LabelTable/>\n${body}\n</GIFTI>\n`;
}

/** A tetrahedron-ish surface: 4 vertices, 4 triangles. */
export const TETRA = {
  points: [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1],
  triangles: [0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3],
};

export function surfaceGifti(
  points: number[] = TETRA.points,
  triangles: number[] = TETRA.triangles,
  options: Partial<GiftiArrayFixture> = {},
  triOptions: Partial<GiftiArrayFixture> = {},
): string {
  return makeGifti([
    {
      intent: 'NIFTI_INTENT_POINTSET',
      dataType: 'NIFTI_TYPE_FLOAT32',
      values: points,
      dims: [points.length / 3, 3],
      ...options,
    },
    {
      intent: 'NIFTI_INTENT_TRIANGLE',
      dataType: 'NIFTI_TYPE_INT32',
      values: triangles,
      dims: [triangles.length / 3, 3],
      ...triOptions,
    },
  ]);
}
