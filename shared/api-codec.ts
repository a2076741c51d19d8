/**
 * One binary frame for any API value, so `serve` can send typed arrays without turning them
 * into JSON numbers (Electron IPC does not need this: structured clone keeps typed arrays).
 *
 * Layout (all integers little-endian):
 *   bytes 0..3   magic "RSF1"
 *   bytes 4..7   u32 byte length L of the JSON skeleton
 *   bytes 8..    the skeleton, UTF-8, padded with spaces to a multiple of 8
 *   then         the binary section: each typed array's bytes, each starting at a multiple of 8
 *
 * In the skeleton a typed array is `{"$ta":[kind, byteOffset, length]}` (offset within the
 * binary section); a number JSON cannot hold is `{"$num":"NaN"|"Infinity"|"-Infinity"}`. A plain
 * object key that starts with `$` is written with one more `$` so no data can pose as a marker.
 * Typed-array bytes are in the machine's order; every platform ROI Studio ships on is little-endian.
 */

const MAGIC = [0x52, 0x53, 0x46, 0x31]; // "RSF1"
const ALIGN = 8;
const HEADER = 8;

const KINDS = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;

export type TypedArrayKind = keyof typeof KINDS;
export type AnyTypedArray = InstanceType<(typeof KINDS)[TypedArrayKind]>;

export const FRAME_CONTENT_TYPE = 'application/vnd.roi-studio.frame';

export class FrameError extends Error {
  constructor(message: string) {
    super(`malformed API frame: ${message}`);
    this.name = 'FrameError';
  }
}

function kindOf(v: ArrayBufferView): TypedArrayKind | null {
  for (const name of Object.keys(KINDS) as TypedArrayKind[]) if (v instanceof KINDS[name]) return name;
  return null;
}

/** Plain assignment would turn a "__proto__" key into the prototype; this keeps it data. */
function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

const pad = (n: number) => (ALIGN - (n % ALIGN)) % ALIGN;

/**
 * Encode as a list of chunks (header + skeleton, then padding and typed-array bytes) so a server
 * can write large arrays straight to the socket without first copying them into one buffer.
 */
export function encodeFrameChunks(value: unknown): Uint8Array[] {
  const arrays: Uint8Array[] = [];
  let binaryLength = 0;

  const walk = (v: unknown): unknown => {
    if (typeof v === 'number') {
      if (Number.isFinite(v)) return v;
      return { $num: Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity' };
    }
    if (v === null || typeof v !== 'object') {
      if (typeof v === 'bigint' || typeof v === 'function' || typeof v === 'symbol')
        throw new FrameError(`cannot encode a ${typeof v}`);
      return v; // strings, booleans; undefined is dropped by JSON as usual
    }
    if (ArrayBuffer.isView(v)) {
      const kind = kindOf(v);
      if (!kind) throw new FrameError('DataView is not supported');
      const ta = v as AnyTypedArray;
      const offset = binaryLength;
      arrays.push(new Uint8Array(ta.buffer, ta.byteOffset, ta.byteLength));
      binaryLength += ta.byteLength + pad(ta.byteLength);
      return { $ta: [kind, offset, ta.length] };
    }
    if (Array.isArray(v)) return v.map(walk);
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(v)) setOwn(out, k.startsWith('$') ? `$${k}` : k, walk(item));
    return out;
  };

  const skeleton = JSON.stringify(walk(value) ?? null);
  const json = new TextEncoder().encode(skeleton);
  const head = new Uint8Array(HEADER + json.length + pad(json.length));
  head.set(MAGIC, 0);
  new DataView(head.buffer).setUint32(4, json.length, true);
  head.set(json, HEADER);
  head.fill(0x20, HEADER + json.length);

  const chunks: Uint8Array[] = [head];
  for (const bytes of arrays) {
    chunks.push(bytes);
    if (pad(bytes.length)) chunks.push(new Uint8Array(pad(bytes.length)));
  }
  return chunks;
}

/** Encode into one contiguous buffer. */
export function encodeFrame(value: unknown): Uint8Array {
  const chunks = encodeFrameChunks(value);
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Decode a frame. Typed arrays are views into the frame's buffer when it is suitably aligned
 * (no copy), otherwise copies.
 */
export function decodeFrame(frame: ArrayBuffer | Uint8Array): unknown {
  const bytes = frame instanceof Uint8Array ? frame : new Uint8Array(frame);
  if (bytes.length < HEADER || MAGIC.some((b, i) => bytes[i] !== b)) throw new FrameError('bad magic number');
  const jsonLength = new DataView(bytes.buffer, bytes.byteOffset, HEADER).getUint32(4, true);
  const binaryStart = HEADER + jsonLength + pad(jsonLength);
  if (binaryStart > bytes.length) throw new FrameError('skeleton runs past the end');
  let skeleton: unknown;
  try {
    skeleton = JSON.parse(new TextDecoder().decode(bytes.subarray(HEADER, HEADER + jsonLength)));
  } catch {
    throw new FrameError('skeleton is not JSON');
  }

  const typedArray = (spec: unknown): AnyTypedArray => {
    if (!Array.isArray(spec) || spec.length !== 3) throw new FrameError('bad typed-array marker');
    const [kind, offset, length] = spec as [unknown, unknown, unknown];
    if (typeof kind !== 'string' || !Object.hasOwn(KINDS, kind))
      throw new FrameError(`unknown typed-array kind ${JSON.stringify(kind)}`);
    const Ctor = KINDS[kind as TypedArrayKind];
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length))
      throw new FrameError('bad typed-array offset or length');
    const start = binaryStart + (offset as number);
    const byteLength = (length as number) * Ctor.BYTES_PER_ELEMENT;
    if ((offset as number) < 0 || (length as number) < 0 || start + byteLength > bytes.length)
      throw new FrameError(`typed array ${kind} runs past the end of the frame`);
    const absolute = bytes.byteOffset + start;
    if (absolute % Ctor.BYTES_PER_ELEMENT === 0)
      return new Ctor(bytes.buffer as ArrayBuffer, absolute, length as number);
    const copy = bytes.slice(start, start + byteLength);
    return new Ctor(copy.buffer, 0, length as number);
  };

  const walk = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map(walk);
    const o = v as Record<string, unknown>;
    if ('$ta' in o) return typedArray(o.$ta);
    if ('$num' in o) {
      if (o.$num === 'NaN') return NaN;
      if (o.$num === 'Infinity') return Infinity;
      if (o.$num === '-Infinity') return -Infinity;
      throw new FrameError(`bad number marker ${JSON.stringify(o.$num)}`);
    }
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(o)) setOwn(out, k.startsWith('$') ? k.slice(1) : k, walk(item));
    return out;
  };
  return walk(skeleton);
}
