import { zlibSync } from 'fflate';
import type { Surface } from '../subject.js';
import { encodeBase64 } from './base64.js';

/**
 * GIFTI surface writer producing what pycortex's `write_gii` produces through nibabel
 * (pycortex-formats.md §2.2): a float32 POINTSET array and an int32 TRIANGLE array,
 * GZipBase64Binary (a zlib stream, despite the name), little endian, row major.
 */

export type GiftiWritable = Float32Array | Int32Array | Uint32Array;

/** Faster codecs a caller may pass (the store passes Node's zlib and base64); fflate and ours by default. */
export interface GiftiWriteOptions {
  /** a zlib stream of the bytes */
  deflate?: (bytes: Uint8Array) => Uint8Array;
  base64?: (bytes: Uint8Array) => string;
}

export interface GiftiWriteArray {
  intent: string;
  /** rows × columns, row-major */
  dims: [number, number];
  data: GiftiWritable;
}

const DATA_TYPE = (a: GiftiWritable): string =>
  a instanceof Float32Array
    ? 'NIFTI_TYPE_FLOAT32'
    : a instanceof Int32Array
      ? 'NIFTI_TYPE_INT32'
      : 'NIFTI_TYPE_UINT32';

const IDENTITY_MATRIX = [
  '1.000000 0.000000 0.000000 0.000000',
  '0.000000 1.000000 0.000000 0.000000',
  '0.000000 0.000000 1.000000 0.000000',
  '0.000000 0.000000 0.000000 1.000000',
].join('\n');

/**
 * The int32 copy of a triangle array, made once per array: surfaces of one mesh share it, so a
 * caller's `deflate` can recognise the same bytes by their buffer.
 */
const triangleCopies = new WeakMap<Uint32Array, Int32Array>();

function int32Triangles(source: Uint32Array, nv: number): Int32Array {
  const known = triangleCopies.get(source);
  // reused only while the source is unchanged and still fits the vertex count
  if (known?.every((v, i) => v === source[i] && v < nv)) return known;
  const triangles = new Int32Array(source.length);
  for (let i = 0; i < triangles.length; i++) {
    const v = source[i];
    if (v >= nv) throw new Error(`triangle ${Math.floor(i / 3)} refers to vertex ${v} but there are ${nv}`);
    triangles[i] = v;
  }
  triangleCopies.set(source, triangles);
  return triangles;
}

/** One surface as pycortex writes it: points as float32, triangles as int32. */
export function encodeGiftiSurface(surface: Surface, options: GiftiWriteOptions = {}): string {
  const nv = surface.points.length / 3;
  const nt = surface.triangles.length / 3;
  const triangles = int32Triangles(surface.triangles, nv);
  return encodeGifti(
    [
      { intent: 'NIFTI_INTENT_POINTSET', dims: [nv, 3], data: Float32Array.from(surface.points) },
      { intent: 'NIFTI_INTENT_TRIANGLE', dims: [nt, 3], data: triangles },
    ],
    options,
  );
}

export function encodeGifti(arrays: GiftiWriteArray[], options: GiftiWriteOptions = {}): string {
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE GIFTI SYSTEM "http://www.nitrc.org/frs/download.php/115/gifti.dtd">',
    `<GIFTI Version="1.0" NumberOfDataArrays="${arrays.length}">`,
    '  <MetaData/>',
    '  <LabelTable/>',
  ];
  for (const a of arrays) parts.push(dataArray(a, options));
  parts.push('</GIFTI>', '');
  return parts.join('\n');
}

function dataArray(a: GiftiWriteArray, options: GiftiWriteOptions): string {
  const [rows, cols] = a.dims;
  if (rows * cols !== a.data.length)
    throw new Error(`GIFTI array ${a.intent}: ${rows}×${cols} does not match ${a.data.length} values`);
  const bytes = new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength);
  const deflate = options.deflate ?? ((b: Uint8Array) => zlibSync(b, { level: 6 }));
  const payload = (options.base64 ?? encodeBase64)(deflate(bytes));
  const lines = [
    `  <DataArray Intent="${a.intent}" DataType="${DATA_TYPE(a.data)}" ArrayIndexingOrder="RowMajorOrder"` +
      ` Dimensionality="2" Dim0="${rows}" Dim1="${cols}" Encoding="GZipBase64Binary" Endian="LittleEndian"` +
      ` ExternalFileName="" ExternalFileOffset="">`,
    '    <MetaData/>',
  ];
  // nibabel gives only point sets a coordinate system (identity, unknown spaces)
  if (a.intent === 'NIFTI_INTENT_POINTSET') {
    lines.push(
      '    <CoordinateSystemTransformMatrix>',
      '      <DataSpace>NIFTI_XFORM_UNKNOWN</DataSpace>',
      '      <TransformedSpace>NIFTI_XFORM_UNKNOWN</TransformedSpace>',
      `      <MatrixData>${IDENTITY_MATRIX}</MatrixData>`,
      '    </CoordinateSystemTransformMatrix>',
    );
  }
  lines.push(`    <Data>${payload}</Data>`, '  </DataArray>');
  return lines.join('\n');
}
