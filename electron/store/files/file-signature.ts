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

/** A memo entry: what was loaded, and the signature of the files it was loaded from. */
export interface Remembered<T> {
  signature: string;
  value: Promise<T>;
}

/**
 * `load()` once per key while `signature` stays the same; callers share the result. A load that
 * fails is forgotten, so the next call tries again.
 */
export function rememberedWhile<T>(
  memo: Map<string, Remembered<T>>,
  key: string,
  signature: string,
  load: () => Promise<T>,
): Promise<T> {
  const hit = memo.get(key);
  if (hit && hit.signature === signature) return hit.value;
  const value = load();
  memo.set(key, { signature, value });
  value.catch(() => {
    if (memo.get(key)?.value === value) memo.delete(key);
  });
  return value;
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
