import { gunzipSync, inflateSync } from 'node:zlib';
import { InflateError, isGzipData, type Inflater } from '../../shared/formats/inflate.js';

/**
 * Node's zlib as the store's decompressor: several times faster than the pure-JS fallback on
 * multi-megabyte surfaces, and it verifies the checksums itself.
 */
export const nodeInflate: Inflater = (bytes, expectedSize) => {
  // one output chunk of the expected size (+1 to notice overlong data) saves zlib's chunk
  // joining, half the time on a surface; deflate expands at most ~1032×, which bounds what a
  // lying size attribute can make it allocate up front
  const options =
    expectedSize === undefined
      ? {}
      : {
          maxOutputLength: Math.max(1, expectedSize + 1),
          chunkSize: Math.max(64, Math.min(expectedSize + 1, bytes.length * 1032 + 64)),
        };
  try {
    return isGzipData(bytes) ? gunzipSync(bytes, options) : inflateSync(bytes, options);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ERR_BUFFER_TOO_LARGE')
      throw new InflateError(`longer than the expected ${expectedSize} bytes`, { cause: e });
    if (err.code === 'Z_DATA_ERROR' && /header/.test(err.message))
      throw new InflateError(`not a zlib/gzip stream (${err.message})`, { cause: e });
    throw new InflateError(`corrupt or truncated (${err.message})`, { cause: e });
  }
};
