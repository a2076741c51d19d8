import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { fileError } from './file-errors.js';

/**
 * Path, size and modification time of each file: what the store's in-memory caches of parsed
 * files compare to notice that a file changed on disk, for the price of a stat.
 */
export async function fileSignature(paths: readonly string[]): Promise<string> {
  const parts = await Promise.all(
    paths.map(async (p) => {
      try {
        const s = await stat(p);
        return `${p}:${s.size}:${s.mtimeMs}`;
      } catch (e) {
        throw fileError(p, e);
      }
    }),
  );
  return parts.join('|');
}

const fileHashes = new Map<string, { size: number; mtimeMs: number; hash: string }>();

/** Content hash of one file, remembered while its size and modification time stay the same. */
export async function fileHash(path: string): Promise<string> {
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    throw fileError(path, e);
  }
  const known = fileHashes.get(path);
  if (known && known.size === info.size && known.mtimeMs === info.mtimeMs) return known.hash;
  let bytes;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw fileError(path, e);
  }
  const hash = createHash('sha1').update(bytes).digest('hex');
  fileHashes.set(path, { size: info.size, mtimeMs: info.mtimeMs, hash });
  return hash;
}
