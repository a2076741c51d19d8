import { readFile } from 'node:fs/promises';
import { ApiError } from '../../../shared/api-errors.js';

/**
 * One clear error per unreadable file: which file, and what is wrong with it. Node's errno
 * codes become the API's codes so the UI and the CLI can say "missing" vs "not allowed".
 */
export function fileError(path: string, e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
      return new ApiError('NOT_FOUND', `${path}: file not found`, path);
    case 'EACCES':
    case 'EPERM':
      return new ApiError('IO', `${path}: permission denied (cannot read the file)`, path);
    case 'EISDIR':
      return new ApiError('INVALID_FILE', `${path}: is a folder, not a file`, path);
    default:
      if (err?.code) return new ApiError('IO', `${path}: ${err.message}`, path);
      return new ApiError('INVALID_FILE', `${path}: ${err?.message ?? String(e)}`, path);
  }
}

/** A failed write in our words: which file, and why the disk refused it. */
export function writeError(path: string, e: unknown, unchanged = 'nothing was changed'): ApiError {
  if (e instanceof ApiError) return e;
  const err = e as NodeJS.ErrnoException;
  const why: Record<string, string> = {
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the disk is read-only',
    EISDIR: 'a folder has that name',
    ENOTDIR: 'a file is in the way of its folder',
    ENOENT: 'its folder does not exist',
  };
  const reason = (err?.code && why[err.code]) ?? err?.message ?? String(e);
  return new ApiError('IO', `cannot write ${path}: ${reason}; ${unchanged}`, path);
}

/** Read a whole file, turning any failure into a {@link fileError}. */
export async function readFileOrFail(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (e) {
    throw fileError(path, e);
  }
}

/** Run a parser over a file's content; its errors are prefixed with the file's path. */
export function parseOrFail<T>(path: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    throw fileError(path, e);
  }
}

/** {@link parseOrFail} for a parser that finishes asynchronously. */
export async function parseOrFailAsync<T>(path: string, parse: () => Promise<T>): Promise<T> {
  try {
    return await parse();
  } catch (e) {
    throw fileError(path, e);
  }
}
