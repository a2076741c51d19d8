import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * How every file ROI Studio writes reaches disk: the bytes go to a hidden temp file beside the
 * target, with a name no other writer can pick (pid + random), are flushed, and the temp file is
 * renamed over the target. A reader, or a process killed at any moment, sees the old file or the
 * new one, never a part of it.
 */

const TEMP = /^\..+\.(\d+)\.[0-9a-f]{12}\.tmp$/;

/** A hidden, unique temp name in the target's folder (same file system, so the rename is atomic). */
export function tempNameFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Write `data` to a new temp file beside `target` and flush it to disk (`flush` false: for files
 * that need not outlive a crash, like locks); returns the temp file's path.
 */
export async function writeTemp(
  target: string,
  data: string | Uint8Array,
  mode = 0o644,
  flush = true,
): Promise<string> {
  const temp = tempNameFor(target);
  try {
    const fh = await open(temp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, mode);
    try {
      await fh.writeFile(data);
      if (flush) await fh.sync();
    } finally {
      await fh.close();
    }
    await chmod(temp, mode); // the process umask must not narrow the mode the caller asked for
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  return temp;
}

/** Rename a temp file of {@link writeTemp} over its target and flush the folder. */
export async function commitTemp(temp: string, target: string): Promise<void> {
  try {
    await rename(temp, target);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  await syncFolder(dirname(target));
}

/** Replace `target` with `data` atomically (the folder must exist); `flush` as in {@link writeTemp}. */
export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  { mode, flush }: { mode?: number; flush?: boolean } = {},
): Promise<void> {
  await commitTemp(await writeTemp(target, data, mode, flush), target);
}

export async function syncFolder(dir: string): Promise<void> {
  try {
    const fh = await open(dir, constants.O_RDONLY);
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // some file systems do not allow fsync on folders; the rename is still atomic
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Temp files of writers killed mid-write (their process is gone) are removed from `dir`. */
export async function removeDeadTemps(dir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return;
  }
  for (const f of entries) {
    const pid = Number(TEMP.exec(f)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || processAlive(pid)) continue;
    await unlink(join(dir, f)).catch(() => undefined);
  }
}
