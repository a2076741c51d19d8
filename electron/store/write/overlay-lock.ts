import { randomBytes } from 'node:crypto';
import { link, lstat, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { ApiError } from '../../../shared/api-errors.js';
import { processAlive, writeTemp } from '../files/atomic-write.js';
import { writeError } from '../files/file-errors.js';

/**
 * An exclusive lock next to the file (`<file>.lock`, holding pid, host, time and a random
 * token) so two windows or processes never interleave writes of one overlays.svg. The lock file
 * is written whole under a temp name and hard-linked into place, which fails when a lock exists:
 * there is never a half-written lock. A lock whose process is gone (same host) or that is older
 * than STALE_MS is stale; only the holder of `<file>.lock.break` may remove it, and only after
 * checking it is still the very file (inode and bytes) it judged stale, so two processes can
 * never both take one stale lock over.
 */

const STALE_MS = 120_000;
/** A breaker holds `.break` for a few file operations; one this old belongs to a dead process. */
const BREAK_STALE_MS = 5_000;
const BREAK_WAIT_MS = 2_000;

interface LockInfo {
  pid: number;
  host: string;
  time: number;
  token: string;
}

interface Seen {
  ino: number;
  /** the bytes, to tell a lock from a newer one that got the same inode number */
  text: string;
  info: LockInfo | null;
  mtimeMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The lock file at `path` as it is now (null when there is none). */
async function inspect(path: string, file: string): Promise<Seen | null> {
  const st = await lstat(path).catch(() => null);
  if (!st) return null;
  if (!st.isFile())
    throw new ApiError(
      'IO',
      `${path} is ${st.isDirectory() ? 'a folder' : 'not a regular file'}, not a lock file ROI Studio made; remove it to save ${file}`,
      path,
    );
  const text = await readFile(path, 'utf8').catch(() => '');
  let info: LockInfo | null = null;
  try {
    const parsed = JSON.parse(text) as LockInfo;
    if (typeof parsed.pid === 'number') info = parsed;
  } catch {
    // unreadable or not ours: judged by its age below
  }
  return { ino: st.ino, text, info, mtimeMs: st.mtimeMs };
}

function isStale(seen: Seen): boolean {
  const { info } = seen;
  if (info) {
    if (info.host === hostname() && !processAlive(info.pid)) return true;
    return Date.now() - info.time > STALE_MS;
  }
  return Date.now() - seen.mtimeMs > BREAK_STALE_MS;
}

/** Place a lock file with `body` at `path` atomically; false when one exists. */
async function place(path: string, body: string): Promise<boolean> {
  const temp = await writeTemp(path, body, 0o644, false); // a lock need not survive a crash
  try {
    await link(temp, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** Remove the stale lock `seen` (and nothing else) while holding the break lock; true if removed. */
async function breakStale(lockPath: string, file: string, seen: Seen, body: string): Promise<boolean> {
  const guard = `${lockPath}.break`;
  if (!(await place(guard, body))) {
    const other = await inspect(guard, file);
    const dead =
      !!other &&
      (Date.now() - other.mtimeMs > BREAK_STALE_MS ||
        (other.info?.host === hostname() && !processAlive(other.info.pid)));
    if (dead) await unlink(guard).catch(() => undefined);
    return false;
  }
  try {
    const now = await inspect(lockPath, file);
    // already replaced (a freed inode number is soon reused, so the bytes must match too): look again
    if (!now || now.ino !== seen.ino || now.text !== seen.text) return false;
    await unlink(lockPath);
    return true;
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}

/** Run `fn` holding the lock of `file`; LOCKED if another live writer holds it. */
export async function withFileLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const lockPath = `${file}.lock`;
  const token = randomBytes(8).toString('hex');
  const body = JSON.stringify({ pid: process.pid, host: hostname(), time: Date.now(), token });
  const deadline = Date.now() + BREAK_WAIT_MS;
  for (;;) {
    try {
      if (await place(lockPath, body)) break;
    } catch (e) {
      throw new ApiError('IO', `${writeError(lockPath, e).message} (the lock that guards ${file})`, file);
    }
    const seen = await inspect(lockPath, file);
    if (!seen) continue; // released meanwhile
    if (isStale(seen) && Date.now() < deadline) {
      if (!(await breakStale(lockPath, file, seen, body))) await sleep(2 + Math.random() * 8);
      continue;
    }
    const who = seen.info ? `pid ${seen.info.pid} on ${seen.info.host}` : 'a process that left no details';
    throw new ApiError(
      'LOCKED',
      `${file} is being saved by another ROI Studio (${who}; lock file ${lockPath}); try again`,
      file,
    );
  }
  try {
    return await fn();
  } finally {
    // remove the lock only if it is still ours (a save longer than STALE_MS may have lost it)
    const now = await inspect(lockPath, file).catch(() => null);
    if (now?.info?.token === token) await unlink(lockPath).catch(() => undefined);
  }
}
