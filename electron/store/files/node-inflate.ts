import { constants as bufferLimits } from 'node:buffer';
import { gunzip, gunzipSync, inflate, inflateSync, type ZlibOptions } from 'node:zlib';
import type { AsyncInflater } from '../../../shared/formats/gifti.js';
import {
  InflateError,
  InflateLimitError,
  isGzipData,
  type Inflater,
} from '../../../shared/formats/inflate.js';

/**
 * Node's zlib as the store's decompressor: several times faster than the pure-JS fallback on
 * multi-megabyte surfaces, and it verifies the checksums itself.
 */
export const nodeInflate: Inflater = (bytes, expectedSize) => {
  const options = optionsFor(bytes, expectedSize);
  try {
    return isGzipData(bytes) ? gunzipSync(bytes, options) : inflateSync(bytes, options);
  } catch (e) {
    throw inflateError(e, expectedSize);
  }
};

/** {@link nodeInflate} on libuv's thread pool: several payloads inflate side by side. */
export const nodeInflateAsync: AsyncInflater = (bytes, expectedSize) =>
  new Promise((resolve, reject) => {
    const done = (e: Error | null, out: Buffer) => (e ? reject(inflateError(e, expectedSize)) : resolve(out));
    const options = optionsFor(bytes, expectedSize);
    if (isGzipData(bytes)) gunzip(bytes, options, done);
    else inflate(bytes, options, done);
  });

/**
 * One output chunk of the expected size (+1 to notice overlong data) saves zlib's chunk
 * joining, half the time on a surface; deflate expands at most ~1032×, which bounds what a
 * lying size attribute can make it allocate up front.
 */
function optionsFor(bytes: Uint8Array, expectedSize?: number): ZlibOptions {
  if (expectedSize === undefined) return {};
  return {
    // zlib refuses a limit above what one Buffer can hold
    maxOutputLength: Math.max(1, Math.min(expectedSize + 1, bufferLimits.MAX_LENGTH)),
    chunkSize: Math.max(64, Math.min(expectedSize + 1, bytes.length * 1032 + 64)),
  };
}

function inflateError(e: unknown, expectedSize?: number): InflateError {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ERR_BUFFER_TOO_LARGE')
    return new InflateLimitError(
      expectedSize === undefined
        ? `inflates to more than the ${bufferLimits.MAX_LENGTH} bytes one buffer can hold`
        : `longer than the expected ${expectedSize} bytes`,
      { cause: e },
    );
  if (err.code === 'Z_DATA_ERROR' && /header/.test(err.message))
    return new InflateError(`not a zlib/gzip stream (${err.message})`, { cause: e });
  return new InflateError(`corrupt or truncated (${err.message})`, { cause: e });
}
