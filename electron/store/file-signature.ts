import { stat } from 'node:fs/promises';
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
