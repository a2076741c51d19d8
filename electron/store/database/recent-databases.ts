import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../files/atomic-write.js';

/** Recently opened databases, most recent first, kept in the app-data folder. */

const FILE = 'recent.json';
export const MAX_RECENT = 10;

export async function readRecentDatabases(appDataDir: string): Promise<string[]> {
  try {
    const json = JSON.parse(await readFile(join(appDataDir, FILE), 'utf8')) as { recent?: unknown };
    return Array.isArray(json.recent) ? json.recent.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return []; // missing or damaged: start a fresh list
  }
}

/** Put `path` first (once) and keep at most {@link MAX_RECENT}; returns the new list. */
export async function rememberDatabase(appDataDir: string, path: string): Promise<string[]> {
  const abs = resolve(path);
  const recent = [abs, ...(await readRecentDatabases(appDataDir)).filter((p) => p !== abs)].slice(
    0,
    MAX_RECENT,
  );
  await mkdir(appDataDir, { recursive: true });
  await writeFileAtomic(join(appDataDir, FILE), `${JSON.stringify({ recent }, null, 2)}\n`);
  return recent;
}
