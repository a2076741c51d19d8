import type { Surface } from '../subject.js';
import { decodeBase64 } from './base64.js';
import { inflateAny, type Inflater } from './inflate.js';

/**
 * GIFTI reader for surface files (pycortex-formats.md §2.2). A streaming scan over the text
 * instead of a DOM: surfaces are megabytes of base64 and only the DataArray blocks matter.
 */

export type GiftiArray = Float32Array | Float64Array | Int32Array | Uint32Array | Uint8Array | Int16Array;

export interface GiftiDataArray {
  intent: string;
  dataType: string;
  dims: number[];
  data: GiftiArray;
}

export class GiftiError extends Error {}

export interface GiftiOptions {
  /** decompressor for GZipBase64Binary payloads (the store passes Node's faster zlib) */
  inflate?: Inflater;
  /** base64 decoder for `text[start, end)` (the store passes Node's native one) */
  base64?: (text: string, start: number, end: number) => Uint8Array;
}

/** An inflater that runs off the calling thread (the store passes Node's thread-pool zlib). */
export type AsyncInflater = (bytes: Uint8Array, expectedSize?: number) => Promise<Uint8Array>;

const INTENT_POINTSET = 'NIFTI_INTENT_POINTSET';
const INTENT_TRIANGLE = 'NIFTI_INTENT_TRIANGLE';

interface TypeInfo {
  size: number;
  make: (buf: ArrayBuffer, byteOffset: number, count: number) => GiftiArray;
  read: (view: DataView, offset: number, little: boolean) => number;
}

const TYPES: Record<string, TypeInfo> = {
  NIFTI_TYPE_FLOAT32: {
    size: 4,
    make: (b, o, n) => new Float32Array(b, o, n),
    read: (v, o, le) => v.getFloat32(o, le),
  },
  NIFTI_TYPE_FLOAT64: {
    size: 8,
    make: (b, o, n) => new Float64Array(b, o, n),
    read: (v, o, le) => v.getFloat64(o, le),
  },
  NIFTI_TYPE_INT32: {
    size: 4,
    make: (b, o, n) => new Int32Array(b, o, n),
    read: (v, o, le) => v.getInt32(o, le),
  },
  NIFTI_TYPE_UINT32: {
    size: 4,
    make: (b, o, n) => new Uint32Array(b, o, n),
    read: (v, o, le) => v.getUint32(o, le),
  },
  NIFTI_TYPE_INT16: {
    size: 2,
    make: (b, o, n) => new Int16Array(b, o, n),
    read: (v, o, le) => v.getInt16(o, le),
  },
  NIFTI_TYPE_UINT8: { size: 1, make: (b, o, n) => new Uint8Array(b, o, n), read: (v, o) => v.getUint8(o) },
};

const HOST_LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function parseGiftiArrays(text: string, options: GiftiOptions = {}): GiftiDataArray[] {
  const codecs = codecsOf(options);
  // each compressed payload is inflated before the next array is read, so errors come in file order
  return scanArrays(text, codecs, (c) => {
    let inflated: Uint8Array;
    try {
      inflated = codecs.inflate(c.bytes, c.expected);
    } catch (e) {
      throw c.failure(e);
    }
    return c.finish(inflated);
  });
}

/**
 * {@link parseGiftiArrays} with the compressed payloads inflated by `inflateAsync`, all at
 * once: on a multi-core machine they inflate side by side while this thread goes on.
 */
export async function parseGiftiArraysAsync(
  text: string,
  inflateAsync: AsyncInflater,
  options: GiftiOptions = {},
): Promise<GiftiDataArray[]> {
  const pending = scanArrays<GiftiDataArray | Promise<GiftiDataArray>>(text, codecsOf(options), (c) => {
    const array = inflateAsync(c.bytes, c.expected).then(c.finish, (e: unknown) => {
      throw c.failure(e);
    });
    // handled here too: a later array's error ends the scan before Promise.all sees this one
    array.catch(() => undefined);
    return array;
  });
  return Promise.all(pending);
}

function codecsOf(options: GiftiOptions): Required<GiftiOptions> {
  return { inflate: options.inflate ?? inflateAny, base64: options.base64 ?? decodeBase64 };
}

/** Every DataArray in file order; compressed payloads go through `complete`. */
function scanArrays<T>(
  text: string,
  codecs: Required<GiftiOptions>,
  complete: (c: Compressed) => T,
): (GiftiDataArray | T)[] {
  if (!/<GIFTI[\s>]/.test(text)) throw new GiftiError('not a GIFTI file (no <GIFTI> element)');
  const arrays: (GiftiDataArray | T)[] = [];
  let pos = 0;
  for (;;) {
    const open = text.indexOf('<DataArray', pos);
    if (open < 0) break;
    const tagEnd = text.indexOf('>', open);
    if (tagEnd < 0)
      throw new GiftiError(`DataArray ${arrays.length}: unterminated start tag (file truncated?)`);
    const attrs = parseAttributes(text.slice(open + '<DataArray'.length, tagEnd));
    const close = text.indexOf('</DataArray>', tagEnd);
    if (close < 0) throw new GiftiError(`DataArray ${arrays.length}: no </DataArray> (file truncated?)`);
    const dataOpen = indexOfDataTag(text, tagEnd, close);
    let payloadStart = -1;
    let payloadEnd = -1;
    if (dataOpen >= 0 && dataOpen < close) {
      const dataTagEnd = text.indexOf('>', dataOpen);
      if (text[dataTagEnd - 1] === '/') {
        payloadStart = payloadEnd = dataTagEnd + 1;
      } else {
        payloadStart = dataTagEnd + 1;
        payloadEnd = text.indexOf('</Data>', payloadStart);
        if (payloadEnd < 0 || payloadEnd > close)
          throw new GiftiError(`DataArray ${arrays.length}: no </Data>`);
      }
    }
    if (payloadStart < 0) throw new GiftiError(`DataArray ${arrays.length}: no <Data> element`);
    const decoded = decodeArray(arrays.length, attrs, text, payloadStart, payloadEnd, codecs);
    arrays.push('finish' in decoded ? complete(decoded) : decoded);
    pos = close + '</DataArray>'.length;
  }
  if (arrays.length === 0 && !text.includes('</GIFTI>')) throw new GiftiError('file truncated (no </GIFTI>)');
  return arrays;
}

/** The first POINTSET array as N×3 float32 and the first TRIANGLE array as M×3 indices, as pycortex takes them. */
export function parseGiftiSurface(text: string, options: GiftiOptions = {}): Surface {
  return surfaceOf(parseGiftiArrays(text, options));
}

/** {@link parseGiftiSurface} with the payloads inflated by `inflateAsync` (see {@link parseGiftiArraysAsync}). */
export async function parseGiftiSurfaceAsync(
  text: string,
  inflateAsync: AsyncInflater,
  options: GiftiOptions = {},
): Promise<Surface> {
  return surfaceOf(await parseGiftiArraysAsync(text, inflateAsync, options));
}

function surfaceOf(arrays: GiftiDataArray[]): Surface {
  const pts = arrays.find((a) => a.intent === INTENT_POINTSET);
  const tris = arrays.find((a) => a.intent === INTENT_TRIANGLE);
  if (!pts) throw new GiftiError('no NIFTI_INTENT_POINTSET data array');
  if (!tris) throw new GiftiError('no NIFTI_INTENT_TRIANGLE data array');
  if (pts.dims.length !== 2 || pts.dims[1] !== 3)
    throw new GiftiError(`POINTSET must be N×3, found ${pts.dims.join('×')}`);
  if (tris.dims.length !== 2 || tris.dims[1] !== 3)
    throw new GiftiError(`TRIANGLE must be M×3, found ${tris.dims.join('×')}`);
  const points = pts.data instanceof Float32Array ? pts.data : Float32Array.from(pts.data);
  const n = points.length / 3;
  for (let i = 0; i < points.length; i++) {
    if (!Number.isFinite(points[i]))
      throw new GiftiError(`vertex ${Math.floor(i / 3)} has a non-finite coordinate (${points[i]})`);
  }
  const triangles = tris.data instanceof Uint32Array ? tris.data : new Uint32Array(tris.data.length);
  if (triangles !== tris.data) {
    for (let i = 0; i < tris.data.length; i++) {
      const v = tris.data[i];
      if (v < 0 || !Number.isInteger(v)) throw new GiftiError(`triangle ${Math.floor(i / 3)} has index ${v}`);
      triangles[i] = v;
    }
  }
  for (let i = 0; i < triangles.length; i++) {
    if (triangles[i] >= n)
      throw new GiftiError(
        `triangle ${Math.floor(i / 3)} refers to vertex ${triangles[i]} but there are ${n}`,
      );
  }
  return { points, triangles };
}

/** `<Data>` or `<Data …>`, not `<DataSpace>`; -1 when absent before `limit`. */
function indexOfDataTag(text: string, from: number, limit: number): number {
  for (let i = text.indexOf('<Data', from); i >= 0 && i < limit; i = text.indexOf('<Data', i + 5)) {
    const next = text.charCodeAt(i + 5);
    if (next === 62 /* > */ || next === 32 || next === 9 || next === 10 || next === 13 || next === 47)
      return i;
  }
  return -1;
}

function parseAttributes(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([A-Za-z_][\w:.-]*)\s*=\s*("([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(s); m; m = re.exec(s)) out[m[1]] = (m[3] ?? m[4]).trim();
  return out;
}

/** A payload decoded from base64 and still compressed. */
interface Compressed {
  bytes: Uint8Array;
  expected: number;
  /** the array from the inflated bytes (their size checked) */
  finish: (inflated: Uint8Array) => GiftiDataArray;
  /** the error for a failed inflate (naming a bad base64 character instead when there is one) */
  failure: (e: unknown) => GiftiError;
}

function decodeArray(
  index: number,
  attrs: Record<string, string>,
  text: string,
  start: number,
  end: number,
  codecs: Required<GiftiOptions>,
): GiftiDataArray | Compressed {
  const where = `DataArray ${index}`;
  const dataType = attrs.DataType ?? '';
  const info = TYPES[dataType];
  if (!info) throw new GiftiError(`${where}: unsupported DataType ${JSON.stringify(dataType)}`);
  const dimensionality = Number(attrs.Dimensionality ?? '1');
  if (!Number.isInteger(dimensionality) || dimensionality < 1 || dimensionality > 6)
    throw new GiftiError(`${where}: bad Dimensionality ${JSON.stringify(attrs.Dimensionality)}`);
  const dims: number[] = [];
  for (let d = 0; d < dimensionality; d++) {
    const raw = attrs[`Dim${d}`];
    const v = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(v))
      throw new GiftiError(`${where}: bad Dim${d} ${JSON.stringify(attrs[`Dim${d}`])}`);
    dims.push(v);
  }
  const count = dims.reduce((a, b) => a * b, 1);
  const encoding = attrs.Encoding ?? 'ASCII';
  const endian = attrs.Endian ?? 'LittleEndian';
  const little = endian === 'LittleEndian' || endian === 'GIFTI_ENDIAN_LITTLE';
  if (!little && endian !== 'BigEndian' && endian !== 'GIFTI_ENDIAN_BIG')
    throw new GiftiError(`${where}: unknown Endian ${JSON.stringify(endian)}`);

  const array = (data: GiftiArray): GiftiDataArray => {
    if ((attrs.ArrayIndexingOrder ?? 'RowMajorOrder') === 'ColumnMajorOrder' && dims.length === 2)
      data = transpose(data, dims[0], dims[1]);
    return { intent: attrs.Intent ?? '', dataType, dims, data };
  };
  if (encoding === 'ASCII') return array(decodeAscii(where, text.slice(start, end), count, info));
  if (encoding !== 'Base64Binary' && encoding !== 'GZipBase64Binary')
    throw new GiftiError(`${where}: unsupported Encoding ${JSON.stringify(encoding)}`);

  const expected = count * info.size;
  // a fast decoder may skip stray characters (as Python's does); when the data then fails,
  // the strict decoder names the character that broke it
  const failed = (e: unknown): GiftiError => {
    if (codecs.base64 !== decodeBase64) strictBase64(where, text, start, end);
    return e instanceof GiftiError ? e : new GiftiError(`${where}: ${(e as Error).message}`);
  };
  const finish = (bytes: Uint8Array): GiftiDataArray => {
    if (bytes.length !== expected)
      throw failed(
        new GiftiError(
          `${where}: payload has ${bytes.length} bytes, Dim0..Dim${dims.length - 1} (${dims.join('×')}) need ${expected}`,
        ),
      );
    return array(fromBytes(bytes, count, info, little));
  };
  let bytes: Uint8Array;
  try {
    bytes = codecs.base64(text, start, end);
  } catch (e) {
    throw failed(e);
  }
  if (encoding === 'Base64Binary') return finish(bytes);
  return {
    bytes,
    expected,
    finish,
    failure: (e) => failed(new GiftiError(`${where}: compressed payload is ${(e as Error).message}`)),
  };
}

function strictBase64(where: string, text: string, start: number, end: number): void {
  try {
    decodeBase64(text, start, end);
  } catch (e) {
    throw new GiftiError(`${where}: ${(e as Error).message}`);
  }
}

function fromBytes(bytes: Uint8Array, count: number, info: TypeInfo, little: boolean): GiftiArray {
  // decoded bytes in the host's order are used in place (a view, when the decoder's buffer is larger)
  if (little === HOST_LITTLE && bytes.byteOffset % info.size === 0)
    return info.make(bytes.buffer as ArrayBuffer, bytes.byteOffset, count);
  const out = info.make(new ArrayBuffer(count * info.size), 0, count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < count; i++) out[i] = info.read(view, i * info.size, little);
  return out;
}

function decodeAscii(where: string, s: string, count: number, info: TypeInfo): GiftiArray {
  const tokens = s.trim() === '' ? [] : s.trim().split(/\s+/);
  if (tokens.length !== count)
    throw new GiftiError(`${where}: ASCII data has ${tokens.length} values, dimensions need ${count}`);
  const out = info.make(new ArrayBuffer(count * info.size), 0, count);
  for (let i = 0; i < count; i++) {
    const v = Number(tokens[i]);
    if (Number.isNaN(v) && tokens[i].toLowerCase() !== 'nan')
      throw new GiftiError(`${where}: ASCII value ${JSON.stringify(tokens[i])} is not a number`);
    out[i] = v;
  }
  return out;
}

function transpose(data: GiftiArray, rows: number, cols: number): GiftiArray {
  const Ctor = data.constructor as new (n: number) => GiftiArray;
  const out = new Ctor(data.length);
  // column-major: element (r, c) is stored at c·rows + r
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[r * cols + c] = data[c * rows + r];
  return out;
}
