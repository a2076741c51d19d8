import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { deflateSync, gzip } from 'node:zlib';
import { ApiError } from '../../../shared/api-errors.js';
import type { FreeSurferImportResult as ApiImportResult } from '../../../shared/api.js';
import {
  importFreeSurferSubject,
  type FreeSurferImportOptions,
  type ImportStage,
  type ImportSummary,
} from '../../../shared/freesurfer/import-subject.js';
import { FreeSurferInputError } from '../../../shared/freesurfer/input-error.js';
import { checkSubject } from '../../../shared/subject-name.js';
import { readFileOrFail } from '../files/file-errors.js';
import { nodeInflate } from '../files/node-inflate.js';
import { isInside } from '../write/path-guard.js';
import { SIDECAR_FILE } from '../write/sidecar-file.js';
import { carryOver } from '../write/subject-carry-over.js';
import { BACKUP_DIR, checkDatabaseFolder, OVERLAY_FILE, SUBJECT_BACKUP_DIR } from '../write/write-policy.js';

/**
 * The disk side of a FreeSurfer import, and the only place it writes: the new subject is built
 * in a hidden folder inside the database and renamed into place only when complete, so a
 * failure at any point leaves the database exactly as it was. The FreeSurfer folder is only read.
 * A replaced subject loses nothing: what the import does not write itself is carried into the
 * new subject, and the old folder is moved whole into the database's subject backups.
 */

export interface FreeSurferImportRequest {
  subjectsDir: string;
  /** FreeSurfer subject (folder in subjectsDir) */
  subject: string;
  db: string;
  /** pycortex subject name (default: the FreeSurfer subject's) */
  name?: string;
  /** replace an existing subject: what the import does not write is carried over, the old folder backed up */
  replace?: boolean;
  options: FreeSurferImportOptions;
  progress?: (stage: ImportStage) => void;
}

/** The API's answer plus the summary the CLI prints (pycortex's surfmove, the files written). */
export type FreeSurferImportResult = ApiImportResult & ImportSummary;

/** pycortex's cache holds files derived from the surfaces, which the import replaces. */
const NOT_CARRIED = ['cache'];

const gzipAsync = promisify(gzip);

async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}

function checkName(name: string, what: string): string {
  try {
    return checkSubject(name);
  } catch {
    throw new ApiError('BAD_REQUEST', `not a valid ${what}: ${JSON.stringify(name)}`);
  }
}

export async function importFreeSurfer(req: FreeSurferImportRequest): Promise<FreeSurferImportResult> {
  const db = resolve(req.db);
  const fsDir = join(resolve(req.subjectsDir), checkName(req.subject, 'FreeSurfer subject name'));
  const name = checkName(req.name ?? req.subject, 'subject name');
  if (!(await isFolder(db))) throw new ApiError('NOT_FOUND', `${db}: no such database folder`, db);
  if (!(await isFolder(fsDir)))
    throw new ApiError('NOT_FOUND', `${fsDir}: no such FreeSurfer subject folder`, fsDir);
  if (isInside(fsDir, db))
    throw new ApiError(
      'BAD_REQUEST',
      `${db}: the database is inside the FreeSurfer folder ${fsDir}, which is only read; choose another database`,
      db,
    );
  const target = join(db, name);
  checkDatabaseFolder(db, target);
  const existing = await stat(target).catch(() => null);
  if (existing && !req.replace)
    throw new ApiError(
      'BAD_REQUEST',
      `${target}: the database already has a subject "${name}"; choose another name or replace it`,
      target,
    );
  if (existing && !existing.isDirectory())
    throw new ApiError('BAD_REQUEST', `${target}: exists and is not a subject folder`, target);
  const backups = join(db, SUBJECT_BACKUP_DIR);
  if (existing) checkDatabaseFolder(db, backups);

  const tmp = hiddenSibling(target, 'import');
  await mkdir(tmp);
  try {
    const summary = await importFreeSurferSubject(
      {
        read: async (file) => readFileOrFail(join(fsDir, file)),
        list: async (folder) => readdir(join(fsDir, folder)).catch(() => []),
      },
      {
        file: async (path, bytes) => {
          const full = join(tmp, path);
          await mkdir(dirname(full), { recursive: true });
          await writeFile(full, bytes);
        },
        folder: async (path) => {
          await mkdir(join(tmp, path), { recursive: true });
        },
      },
      req.options,
      {
        progress: req.progress,
        gzip: (b) => gzipAsync(b, { level: 6 }),
        inflate: nodeInflate,
        gifti: {
          deflate: deflateOnce(),
          base64: (b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64'),
        },
      },
    ).catch((e: unknown) => {
      if (e instanceof FreeSurferInputError) {
        const path = join(fsDir, e.file);
        throw new ApiError('INVALID_FILE', `${path}: ${e.problem}`, path);
      }
      throw e;
    });
    if (!existing) {
      await rename(tmp, target);
      return { ...summary, subject: name, path: target, kept: [], replaced: [] };
    }
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('.', '-');
    const overlay = await keepReplacedOverlay(target, tmp, stamp);
    const carried = await carryOver(target, tmp, NOT_CARRIED);
    const backup = await swapInto(tmp, target, join(backups, `${name}.${stamp}`));
    return {
      ...summary,
      subject: name,
      path: target,
      ...carried,
      kept: [...carried.kept, ...overlay],
      backup,
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * Node's zlib, compressing a whole buffer seen before only once: the wm, pia and inflated
 * surfaces of a hemisphere share one triangle array (gifti-write hands out the same copy).
 */
function deflateOnce(): (bytes: Uint8Array) => Uint8Array {
  const done = new WeakMap<ArrayBufferLike, Uint8Array>();
  return (bytes) => {
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const known = whole ? done.get(bytes.buffer) : undefined;
    if (known) return known;
    const out = deflateSync(bytes, { level: 6 });
    if (whole) done.set(bytes.buffer, out);
    return out;
  };
}

/**
 * A replaced subject's overlays.svg goes to the new subject's overlays-backups/ (with a dated copy
 * of its sidecar, which also stays beside the new overlay so the editor can offer to re-draw its
 * ROIs on the new flatmap); returns the paths written.
 */
async function keepReplacedOverlay(oldDir: string, newDir: string, stamp: string): Promise<string[]> {
  const kept: string[] = [];
  const copy = async (from: string, to: string) => {
    if (!(await stat(from).catch(() => null))?.isFile()) return;
    await mkdir(dirname(join(newDir, to)), { recursive: true });
    await copyFile(from, join(newDir, to));
    kept.push(to);
  };
  await copy(join(oldDir, OVERLAY_FILE), `${BACKUP_DIR}/overlays.${stamp}.replaced.svg`);
  await copy(
    join(oldDir, SIDECAR_FILE),
    `${BACKUP_DIR}/${SIDECAR_FILE.replace(/\.json$/, `.${stamp}.json`)}`,
  );
  return kept;
}

/**
 * Move the old subject to `backup` and the finished one into place; if the second rename fails
 * the old subject is put back. Returns the backup folder.
 */
async function swapInto(tmp: string, target: string, backup: string): Promise<string> {
  await mkdir(dirname(backup), { recursive: true });
  let aside = backup;
  for (let k = 2; await stat(aside).catch(() => null); k++) aside = `${backup}-${k}`;
  await rename(target, aside);
  try {
    await rename(tmp, target);
  } catch (e) {
    await rename(aside, target);
    throw e;
  }
  return aside;
}

/** A unique hidden folder beside `target` (same file system, so the final rename is atomic). */
function hiddenSibling(target: string, kind: string): string {
  return join(
    dirname(target),
    `.${target.split(/[\\/]/).pop()}.${kind}-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
}
