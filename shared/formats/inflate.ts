import { Gunzip, Unzlib, inflateSync } from 'fflate';

/**
 * zlib and gzip decompression that notices truncation; errors read "<what is wrong>" so
 * callers can say "compressed payload is …". fflate alone trusts the stream's
 * trailer: a zlib stream cut inside its checksum inflates "fine", and a cut gzip file makes
 * it allocate whatever size the last four bytes happen to say. Here the body is inflated as
 * raw deflate and checked against the trailer (Adler-32 for zlib, length for gzip).
 */

export class InflateError extends Error {}

/** The data inflate to more than the size the caller expected (a lying header or a bomb). */
export class InflateLimitError extends InflateError {}

/**
 * The most ROI Studio inflates from one file (README, "Limits"): a 4-D volume bigger than
 * this would not fit beside the app's own data in memory anyway.
 */
export const MAX_INFLATED_BYTES = 2 ** 31;

/** Slack over the size a file's header states: trailing tags (MGH) and padding are legal. */
const HEADER_SIZE_SLACK = 1 << 20;

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
      if (out.length > expectedSize)
        throw new InflateLimitError(`longer than the expected ${expectedSize} bytes`);
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

/**
 * The first `n` inflated bytes (fewer if the data end first), fed to the decoder a little at a
 * time so that a bomb cannot make it produce more than about a megabyte on the way.
 */
export function inflateHead(bytes: Uint8Array, n: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let got = 0;
  const onData = (chunk: Uint8Array) => {
    parts.push(chunk);
    got += chunk.length;
  };
  const stream = isGzipData(bytes) ? new Gunzip(onData) : new Unzlib(onData);
  const STEP = 512;
  try {
    for (let p = 0; p < bytes.length && got < n; p += STEP)
      stream.push(bytes.subarray(p, p + STEP), p + STEP >= bytes.length);
  } catch (e) {
    throw new InflateError(`corrupt or truncated (${(e as Error).message})`);
  }
  const head = new Uint8Array(Math.min(n, got));
  let at = 0;
  for (const part of parts) {
    if (at >= head.length) break;
    head.set(part.subarray(0, head.length - at), at);
    at += part.length;
  }
  return head;
}

/**
 * Inflate a file whose header states its own length (NIfTI, MGH): the header first, then the
 * whole file with the inflater stopped a little past that length, so a bomb or a corrupt stream
 * is refused before it can allocate more than the header promised. `sizeOf` reads the header
 * (the first `headerBytes` inflated bytes, or fewer) and throws its own error when it is bad.
 */
export function inflateSized(
  bytes: Uint8Array,
  headerBytes: number,
  sizeOf: (head: Uint8Array) => number,
  inflate: Inflater = inflateAny,
): Uint8Array {
  const size = sizeOf(inflateHead(bytes, headerBytes));
  if (!(size <= MAX_INFLATED_BYTES))
    throw new InflateError(
      `too large: its header describes ${size} bytes, more than the ${MAX_INFLATED_BYTES} bytes ROI Studio inflates from one file`,
    );
  const limit = Math.min(size + HEADER_SIZE_SLACK, MAX_INFLATED_BYTES);
  try {
    return inflate(bytes, limit);
  } catch (e) {
    if (e instanceof InflateLimitError)
      throw new InflateError(
        `larger than the ${size} bytes its header describes (inflating stopped at ${limit} bytes)`,
        { cause: e },
      );
    throw e;
  }
}

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
