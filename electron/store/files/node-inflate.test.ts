import { deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { nodeInflate, nodeInflateAsync } from './node-inflate.js';

describe('node inflate', () => {
  const data = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 31) % 251);

  it('inflates zlib and gzip to the expected size, in one buffer', () => {
    for (const packed of [deflateSync(data), gzipSync(data)]) {
      const out = nodeInflate(packed, data.length);
      expect(Buffer.compare(Buffer.from(out), Buffer.from(data))).toBe(0);
      expect(out.byteOffset).toBe(0);
      expect(out.buffer.byteLength).toBe(data.length + 1);
    }
  });

  it('a lying expected size neither allocates it up front nor hides the real length', () => {
    // 4 GB claimed for 10 kB: the output chunk is bounded by deflate's largest expansion
    const out = nodeInflate(deflateSync(data), 4e9);
    expect(out.length).toBe(data.length);
    expect(out.buffer.byteLength).toBeLessThan(64 << 20);
  });

  it("a size beyond one buffer's reach is only a hint, never an error in zlib's words", async () => {
    for (const claimed of [2 ** 33, 2 ** 53]) {
      expect(nodeInflate(gzipSync(data), claimed).length).toBe(data.length);
      expect((await nodeInflateAsync(deflateSync(data), claimed)).length).toBe(data.length);
    }
  });

  it('overlong and corrupt streams are errors', () => {
    expect(() => nodeInflate(deflateSync(data), 100)).toThrow(/longer than the expected 100 bytes/);
    const cut = deflateSync(data).subarray(0, 40);
    expect(() => nodeInflate(cut, data.length)).toThrow(/corrupt or truncated/);
  });

  it('the thread-pool variant gives the same bytes and the same errors', async () => {
    for (const packed of [deflateSync(data), gzipSync(data)]) {
      const out = await nodeInflateAsync(packed, data.length);
      expect(Buffer.compare(Buffer.from(out), Buffer.from(data))).toBe(0);
    }
    expect((await nodeInflateAsync(deflateSync(data), 4e9)).length).toBe(data.length);
    await expect(nodeInflateAsync(deflateSync(data), 100)).rejects.toThrow(
      /longer than the expected 100 bytes/,
    );
    await expect(nodeInflateAsync(deflateSync(data).subarray(0, 40), data.length)).rejects.toThrow(
      /corrupt or truncated/,
    );
    // not compressed at all: the same message both ways
    const syncMessage = (() => {
      try {
        nodeInflate(data, data.length);
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    })();
    await expect(nodeInflateAsync(data, data.length)).rejects.toThrow(syncMessage);
  });
});
