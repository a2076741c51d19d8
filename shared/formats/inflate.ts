import { inflateSync } from 'fflate';

/**
 * zlib and gzip decompression that notices truncation; errors read "<what is wrong>" so
 * callers can say "compressed payload is …". fflate alone trusts the stream's
 * trailer: a zlib stream cut inside its checksum inflates "fine", and a cut gzip file makes
 * it allocate whatever size the last four bytes happen to say. Here the body is inflated as
 * raw deflate and checked against the trailer (Adler-32 for zlib, length for gzip).
 */

export class InflateError extends Error {}

/**
 * zlib-or-gzip bytes → inflated bytes. `expectedSize` is a size hint: output longer than it
 * may be cut to `expectedSize + 1` bytes (enough for the caller to report "too long").
 */
export type Inflater = (bytes: Uint8Array, expectedSize?: number) => Uint8Array;

export function isGzipData(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function inflateRaw(body: Uint8Array, expectedSize?: number): Uint8Array {
  try {
    // fflate writes into a given buffer without growing it: one spare byte reveals overlong data
    if (expectedSize !== undefined) {
      const out = inflateSync(body, { out: new Uint8Array(expectedSize + 1) });
      if (out.length > expectedSize) throw new InflateError(`longer than the expected ${expectedSize} bytes`);
      return out;
    }
    return inflateSync(body);
  } catch (e) {
    if (e instanceof InflateError) throw e;
    throw new InflateError(`corrupt or truncated (${(e as Error).message})`);
  }
}

/** RFC 1950 stream: 2-byte header, deflate data, big-endian Adler-32 of the output. */
export function inflateZlib(bytes: Uint8Array, expectedSize?: number): Uint8Array {
  if (bytes.length < 6 || (bytes[0] & 0x0f) !== 8 || ((bytes[0] << 8) | bytes[1]) % 31 !== 0)
    throw new InflateError('not a zlib stream (bad header)');
  if (bytes[1] & 0x20) throw new InflateError('a zlib stream with a preset dictionary (not supported)');
  const out = inflateRaw(bytes.subarray(2, bytes.length - 4), expectedSize);
  const n = bytes.length;
  const stored = ((bytes[n - 4] << 24) | (bytes[n - 3] << 16) | (bytes[n - 2] << 8) | bytes[n - 1]) >>> 0;
  if (adler32(out) !== stored) throw new InflateError('corrupt or truncated (checksum mismatch)');
  return out;
}

/** RFC 1952 member: header (with optional fields), deflate data, CRC-32, length mod 2³². */
export function gunzip(bytes: Uint8Array, expectedSize?: number): Uint8Array {
  if (!isGzipData(bytes) || bytes.length < 18 || bytes[2] !== 8)
    throw new InflateError('not gzip (bad header) or truncated');
  const flags = bytes[3];
  let p = 10;
  if (flags & 4) p += 2 + (bytes[p] | (bytes[p + 1] << 8));
  if (flags & 8) while (p < bytes.length && bytes[p++] !== 0);
  if (flags & 16) while (p < bytes.length && bytes[p++] !== 0);
  if (flags & 2) p += 2;
  if (p > bytes.length - 8) throw new InflateError('truncated (inside the gzip header)');
  const n = bytes.length;
  const size = (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24)) >>> 0;
  // the trailer's size is only a hint (a cut file has garbage there): trust it up to deflate's
  // maximum ratio of about 1032:1, so a bad value cannot trigger a huge allocation
  const plausible = size <= (n - p) * 1032 + 65536 ? size : undefined;
  const out = inflateRaw(bytes.subarray(p, n - 8), expectedSize ?? plausible);
  if (size !== out.length % 2 ** 32)
    throw new InflateError(
      `corrupt or truncated (inflated ${out.length} bytes, the gzip trailer says ${size})`,
    );
  return out;
}

/** zlib or gzip, whichever the magic bytes say. */
export const inflateAny: Inflater = (bytes, expectedSize) =>
  isGzipData(bytes) ? gunzip(bytes, expectedSize) : inflateZlib(bytes, expectedSize);

function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  const NMAX = 5552; // zlib's block length: reduce the sums modulo 65521 this often
  for (let i = 0; i < data.length;) {
    const end = Math.min(data.length, i + NMAX);
    for (; i < end; i++) {
      a += data[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}
