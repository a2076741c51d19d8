import { existsSync } from 'node:fs';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The read-only reference material beside the checkout (real subjects, pycortex goldens).
 * `ROI_STUDIO_SHARED` points elsewhere; tests that need it skip with a clear reason when absent.
 */
const here = dirname(fileURLToPath(import.meta.url));
const candidate = process.env.ROI_STUDIO_SHARED ?? resolve(here, '..', '..', '..', 'shared');

export const SHARED: string | null = existsSync(join(candidate, 'data', 'db')) ? candidate : null;
export const SHARED_DB = SHARED ? join(SHARED, 'data', 'db') : '';
export const GOLDEN = SHARED ? join(SHARED, 'golden') : '';
export const SKIP_REASON = `reference data not found at ${candidate} (set ROI_STUDIO_SHARED)`;

if (!SHARED && process.env.CI) throw new Error(`CI must run the reference-data tests: ${SKIP_REASON}`);
if (!SHARED) console.warn(`skipping tests on real subjects: ${SKIP_REASON}`);

/** A writable copy of one subject (or the whole db) in a fresh temporary folder; returns the db path. */
export async function copyToTemp(subjects: string[]): Promise<string> {
  if (!SHARED) throw new Error(SKIP_REASON);
  const db = await mkdtemp(join(tmpdir(), 'roi-studio-db-'));
  for (const s of subjects) await cp(join(SHARED_DB, s), join(db, s), { recursive: true });
  return db;
}
