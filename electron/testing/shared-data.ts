import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REFERENCE_FOLDER, REFERENCE_PARTS, missingReference, referencePath } from './reference-parts.js';

export { missingReference, referencePath };

const incomplete = missingReference(...REFERENCE_PARTS);
/** The reference folder when it holds every part, else null: tests on it skip with SKIP_REASON. */
export const SHARED: string | null = incomplete ? null : REFERENCE_FOLDER;
export const SHARED_DB = referencePath('data', 'db');
export const GOLDEN = referencePath('golden');
export const SKIP_REASON = incomplete;

// A CI that names its reference folder runs what that folder holds; one relying on ../shared
// must find all of it there.
if (incomplete && process.env.CI && !process.env.ROI_STUDIO_SHARED)
  throw new Error(`CI must run the reference-data tests: ${SKIP_REASON}`);
if (incomplete) console.warn(`skipping tests on real subjects: ${SKIP_REASON}`);

/** A writable copy of one subject (or the whole db) in a fresh temporary folder; returns the db path. */
export async function copyToTemp(subjects: string[]): Promise<string> {
  const absent = missingReference(...subjects.map((s) => `data/db/${s}`));
  if (absent) throw new Error(absent);
  const db = await mkdtemp(join(tmpdir(), 'roi-studio-db-'));
  for (const s of subjects) await cp(join(SHARED_DB, s), join(db, s), { recursive: true });
  return db;
}
