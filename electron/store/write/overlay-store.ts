import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, realpath, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ApiError } from '../../../shared/api-errors.js';
import {
  OverlayFormatError,
  parseOverlay,
  type OverlayDocument,
} from '../../../shared/formats/overlay-svg.js';
import { writeError } from '../files/file-errors.js';
import { commitTemp, removeDeadTemps, writeFileAtomic, writeTemp } from '../files/atomic-write.js';
import { withFileLock } from './overlay-lock.js';
import { BACKUP_DIR } from './write-policy.js';

export { BACKUP_DIR };

/**
 * THE single writer of overlays.svg. Every save: lock → re-read and compare with the revision the
 * edits were made on (STALE if different) → build the new text in memory and check it parses →
 * write a temp file in the same folder, fsync → back up the current file (last 10 kept) → check
 * the file did not change meanwhile (mtime + size) → rename over it → fsync the folder. Any
 * failure leaves the original byte for byte as it was.
 */

export const MISSING_REVISION = 'missing';
export const KEEP_BACKUPS = 10;

export interface OverlayFileState {
  path: string;
  exists: boolean;
  /** sha-256 of the bytes, or MISSING_REVISION */
  revision: string;
  text: string | null;
  mtimeMs: number;
  size: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function revisionOf(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Read the file and its revision (no parsing). */
export async function readOverlayState(path: string): Promise<OverlayFileState> {
  let bytes: Buffer;
  let st;
  try {
    st = await stat(path);
    if (!st.isFile()) throw new ApiError('INVALID_FILE', `${path} is not a file`, path);
    bytes = await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      return { path, exists: false, revision: MISSING_REVISION, text: null, mtimeMs: 0, size: 0 };
    if (e instanceof ApiError) throw e;
    throw new ApiError('IO', `cannot read ${path}: ${(e as Error).message}`, path);
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new ApiError(
      'INVALID_FILE',
      `${path}: not UTF-8 text (save it as UTF-8 or ASCII, as pycortex does)`,
      path,
    );
  }
  return presentState(path, bytes, text, st);
}

function presentState(
  path: string,
  bytes: Uint8Array,
  text: string,
  st: { mtimeMs: number; size: number },
): OverlayFileState {
  return { path, exists: true, revision: revisionOf(bytes), text, mtimeMs: st.mtimeMs, size: st.size };
}

/** Parse an overlay's text; a bad file is INVALID_FILE naming the file and the problem. */
export function parseOverlayFile(path: string, text: string): OverlayDocument {
  try {
    return parseOverlay(text);
  } catch (e) {
    if (e instanceof OverlayFormatError) throw new ApiError('INVALID_FILE', `${path}: ${e.message}`, path);
    throw new ApiError('INVALID_FILE', `${path}: ${(e as Error).message}`, path);
  }
}

export interface WriteOptions {
  /** revision the caller's edits were made on; null = do not check (save as) */
  baseRevision: string | null;
  /** produce the new file text from the current one (null when the file does not exist) */
  build(current: OverlayFileState): string;
}

export interface WriteResult {
  state: OverlayFileState;
  /** the written text, parsed (the check that it reads back) */
  doc: OverlayDocument;
  backup?: string;
}

const ioError = (path: string, e: unknown) => writeError(path, e, 'the original file is unchanged');

/** Save through lock, stale check, temp file, backup and atomic rename. */
export async function writeOverlayFile(pathIn: string, opts: WriteOptions): Promise<WriteResult> {
  const path = await realpath(pathIn).catch(() => pathIn); // write next to the real file if it is a link
  const dir = dirname(path);
  return withFileLock(path, async () => {
    const current = await readOverlayState(path);
    if (opts.baseRevision !== null && opts.baseRevision !== current.revision)
      throw new ApiError(
        'STALE',
        `${path} changed on disk since it was read (reload, or save as another file)`,
        path,
      );
    let text: string;
    let doc: OverlayDocument;
    try {
      text = opts.build(current);
      doc = parseOverlayFile(path, text); // never write something we could not read back
    } catch (e) {
      if (e instanceof ApiError) throw e;
      throw new ApiError('INVALID_FILE', `${path}: cannot apply the changes: ${(e as Error).message}`, path);
    }

    await removeDeadTemps(dir);
    let temp: string;
    try {
      temp = await writeTemp(path, text, current.exists ? (await stat(path)).mode & 0o7777 : 0o644);
    } catch (e) {
      throw ioError(path, e);
    }

    try {
      const backup = current.exists ? await writeBackup(path, current) : undefined;
      const now = current.exists ? await stat(path).catch(() => null) : null;
      const changed = current.exists
        ? !now || now.mtimeMs !== current.mtimeMs || now.size !== current.size
        : await stat(path).then(
            () => true,
            () => false,
          );
      if (changed)
        throw new ApiError('STALE', `${path} changed on disk while saving; nothing was written`, path);
      await commitTemp(temp, path);
      const state = presentState(path, Buffer.from(text, 'utf8'), text, await stat(path));
      return { state, doc, backup };
    } catch (e) {
      await unlink(temp).catch(() => undefined);
      if (e instanceof ApiError) throw e;
      throw ioError(path, e);
    }
  });
}

function stamp(d = new Date()): string {
  return d.toISOString().replace(/[-:]/g, '').replace('.', '-');
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The backups of the file with stem `stem`, oldest first: `<stem>.<time>[-k].svg` with exactly
 * this stem, so `overlays.v2.svg`'s backups never count as (or push out) `overlays.svg`'s.
 */
export function backupsOf(stem: string, names: string[]): string[] {
  const own = new RegExp(`^${escapeRegExp(stem)}\\.(\\d{8}T\\d{6}-\\d{3}Z)(?:-(\\d+))?\\.svg$`);
  return names
    .map((name) => ({ name, m: own.exec(name) }))
    .filter((b): b is { name: string; m: RegExpExecArray } => b.m !== null)
    .sort((a, b) => a.m[1].localeCompare(b.m[1]) || Number(a.m[2] ?? 1) - Number(b.m[2] ?? 1))
    .map((b) => b.name);
}

/**
 * Copy of the bytes we verified, in `<folder>/overlays-backups/<name>.<time>.svg`, written under
 * a temp name and renamed (a killed save never leaves a partial backup under a backup's name);
 * keeps the newest 10 of this file's backups.
 */
async function writeBackup(path: string, current: OverlayFileState): Promise<string> {
  const dir = join(dirname(path), BACKUP_DIR);
  await mkdir(dir, { recursive: true });
  await removeDeadTemps(dir);
  const stem = basename(path).replace(/\.svg$/i, '');
  let target = join(dir, `${stem}.${stamp()}.svg`);
  for (let k = 2; await exists(target); k++) target = join(dir, `${stem}.${stamp()}-${k}.svg`);
  await writeFileAtomic(target, current.text ?? '');
  const mine = backupsOf(stem, await readdir(dir));
  for (const old of mine.slice(0, Math.max(0, mine.length - KEEP_BACKUPS)))
    await unlink(join(dir, old)).catch(() => undefined);
  return target;
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
