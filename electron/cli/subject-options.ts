import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkSubject } from '../../shared/subject-name.js';
import { CliError, required } from './cli-error.js';

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The `--db DIR --subject S` options every per-subject command takes (node:util parseArgs). */
export const SUBJECT_OPTIONS = { db: { type: 'string' }, subject: { type: 'string' } } as const;

/**
 * `--db DIR --subject S`, checked up front so every command names the actual problem: a missing
 * database folder, a malformed name, or a subject the database does not have (listing those it has).
 */
export function databaseAndSubject(values: Record<string, unknown>): { db: string; subject: string } {
  const db = resolve(required(values, 'db'));
  const subject = required(values, 'subject');
  if (!isFolder(db)) throw new CliError(`${db}: no such database folder (--db)`);
  try {
    checkSubject(subject);
  } catch (e) {
    throw new CliError((e as Error).message, 2);
  }
  if (!isFolder(join(db, subject))) {
    const names = readdirSync(db, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
      .map((d) => d.name)
      .sort();
    throw new CliError(
      `${db}: no subject ${JSON.stringify(subject)} (subjects: ${names.join(', ') || 'none'})`,
    );
  }
  return { db, subject };
}
