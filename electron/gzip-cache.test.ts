import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GzipCache } from './gzip-cache.js';

/** n random bytes: gzip cannot shrink them, so the compressed size is known (n + a few). */
const noise = (n: number) => new Uint8Array(randomBytes(n));

describe('gzipped answers by content', () => {
  it('compresses an answer once, and what it returns unzips to the chunks joined', async () => {
    const cache = new GzipCache();
    const chunks = [noise(1000), new Uint8Array(5000), noise(300)];
    const [a, b] = await Promise.all([cache.gzip(chunks), cache.gzip(chunks)]);
    const c = await cache.gzip(chunks.map((x) => x.slice()));
    expect(cache.compressions).toBe(1);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(gunzipSync(a)).toEqual(Buffer.concat(chunks));
  });

  it('an answer whose bytes changed in place is compressed anew', async () => {
    const cache = new GzipCache();
    const data = new Float32Array(4096).fill(1);
    const chunks = [new Uint8Array(data.buffer)];
    const before = gunzipSync(await cache.gzip(chunks));
    data[100] = 2;
    const after = gunzipSync(await cache.gzip(chunks));
    expect(cache.compressions).toBe(2);
    expect(new Float32Array(before.buffer, before.byteOffset, 4096)[100]).toBe(1);
    expect(new Float32Array(after.buffer, after.byteOffset, 4096)[100]).toBe(2);
  });

  it('keeps the most recently used answers within its budget', async () => {
    // each answer gzips to a few bytes over 10 000: two fit in 25 000, three do not
    const cache = new GzipCache(25_000);
    const [x, y, z] = [[noise(10_000)], [noise(10_000)], [noise(10_000)]];
    await cache.gzip(x);
    await cache.gzip(y);
    await cache.gzip(x); // x is now the most recent
    await cache.gzip(z); // evicts y
    expect(cache.compressions).toBe(3);
    await cache.gzip(x);
    await cache.gzip(z);
    expect(cache.compressions).toBe(3);
    await cache.gzip(y);
    expect(cache.compressions).toBe(4);
    // an answer larger than the whole budget is sent but not kept
    const big = [noise(30_000)];
    await cache.gzip(big);
    await cache.gzip(big);
    expect(cache.compressions).toBe(6);
  });
});
