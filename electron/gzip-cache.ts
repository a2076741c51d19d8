import { createHash } from 'node:crypto';
import { createGzip } from 'node:zlib';

/**
 * Gzipped API answers by content, the most recently used kept up to a byte budget. Reopening a
 * subject in the browser asks again for the same flat geometry, vertex map and pixel map
 * (tens of MB); hashing an answer costs about a twentieth of compressing it again. The key is
 * the bytes themselves, so an answer that changed in any way is compressed anew.
 */
export class GzipCache {
  private readonly kept = new Map<string, Buffer>();
  private readonly pending = new Map<string, Promise<Buffer>>();
  private bytes = 0;
  /** answers compressed so far (the rest were found) */
  compressions = 0;

  constructor(private readonly budget = 64 << 20) {}

  /** The gzip of the concatenated chunks (level 1: a tunnel is faster than a stronger level). */
  async gzip(chunks: readonly Uint8Array[]): Promise<Buffer> {
    const key = digest(chunks);
    const found = this.kept.get(key);
    if (found) {
      this.kept.delete(key); // most recently used last
      this.kept.set(key, found);
      return found;
    }
    // two requests for one answer (the UI asking again while it arrives) compress it once
    let made = this.pending.get(key);
    if (!made) {
      this.compressions++;
      made = compress(chunks).then((z) => {
        this.keep(key, z);
        return z;
      });
      this.pending.set(key, made);
      void made.finally(() => this.pending.delete(key)).catch(() => undefined);
    }
    return made;
  }

  private keep(key: string, z: Buffer): void {
    if (z.length > this.budget) return;
    this.kept.set(key, z);
    this.bytes += z.length;
    for (const [old, value] of this.kept) {
      if (this.bytes <= this.budget) break;
      this.kept.delete(old);
      this.bytes -= value.length;
    }
  }
}

function digest(chunks: readonly Uint8Array[]): string {
  const hash = createHash('sha1');
  for (const c of chunks) hash.update(c);
  return hash.digest('hex');
}

function compress(chunks: readonly Uint8Array[]): Promise<Buffer> {
  return new Promise((done, fail) => {
    const z = createGzip({ level: 1, chunkSize: 1 << 20 });
    const out: Buffer[] = [];
    z.on('data', (b: Buffer) => out.push(b));
    z.on('end', () => done(Buffer.concat(out)));
    z.on('error', fail);
    for (const c of chunks) z.write(c);
    z.end();
  });
}
