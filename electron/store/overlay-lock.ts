import { hostname } from 'node:os';
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { ApiError } from '../../shared/api.js';

/**
 * An exclusive lock next to the file (`<file>.lock`, created with O_EXCL, holding pid, host and
 * time) so two windows or processes never interleave writes of one overlays.svg. A lock whose
 * process is gone (same host) or that is older than STALE_MS is taken over.
 */

const STALE_MS = 120_000;

interface LockInfo {
  pid: number;
  host: string;
  time: number;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readLock(path: string): Promise<LockInfo | null> {
  try {
    const info = JSON.parse(await readFile(path, 'utf8')) as LockInfo;
    return typeof info.pid === 'number' ? info : null;
  } catch {
    return null;
  }
}

async function isStale(path: string): Promise<boolean> {
  const info = await readLock(path);
  if (info) {
    if (info.host === hostname() && !alive(info.pid)) return true;
    return Date.now() - info.time > STALE_MS;
  }
  // unreadable or half-written: stale once it is old enough that its writer would have finished
  try {
    return Date.now() - (await stat(path)).mtimeMs > 5_000;
  } catch {
    return true;
  }
}

/** Run `fn` holding the lock of `file`; LOCKED if another live writer holds it. */
export async function withFileLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const lockPath = `${file}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fh = await open(lockPath, 'wx');
      try {
        await fh.writeFile(JSON.stringify({ pid: process.pid, host: hostname(), time: Date.now() }));
      } finally {
        await fh.close();
      }
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST')
        throw new ApiError('IO', `cannot create the lock ${lockPath}: ${(e as Error).message}`, file);
      if (attempt < 1 && (await isStale(lockPath))) {
        await unlink(lockPath).catch(() => undefined);
        continue;
      }
      const info = await readLock(lockPath);
      throw new ApiError(
        'LOCKED',
        `${file} is being saved by another ROI Studio (${info ? `pid ${info.pid} on ${info.host}` : 'unknown process'}); try again`,
        file,
      );
    }
  }
  try {
    return await fn();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}
