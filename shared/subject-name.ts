import { ApiError } from './api-errors.js';

/**
 * A subject is a folder directly inside the database, so its name may not climb out of it or
 * reach into another folder: one rule for the API, the CLI and the importer.
 */
export function checkSubject(subject: unknown): string {
  if (typeof subject !== 'string' || !isPlainName(subject))
    throw new ApiError('BAD_REQUEST', `not a subject name: ${JSON.stringify(subject)}`);
  return subject;
}

/** One folder's name, never a path: not empty, not `.` or `..`, no separator or NUL. */
export function isPlainName(s: string): boolean {
  return s !== '' && s !== '.' && s !== '..' && !/[/\\\0]/.test(s);
}
