import { ApiError } from './api-errors.js';

/**
 * A subject is a folder directly inside the database, so its name may not climb out of it or
 * reach into another folder: one rule for the API, the CLI and the importer.
 */
export function checkSubject(subject: unknown): string {
  if (
    typeof subject !== 'string' ||
    subject === '' ||
    subject === '.' ||
    subject === '..' ||
    /[/\\\0]/.test(subject)
  )
    throw new ApiError('BAD_REQUEST', `not a subject name: ${JSON.stringify(subject)}`);
  return subject;
}
