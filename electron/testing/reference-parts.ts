import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the read-only reference material is (real subjects, pycortex goldens) and which of its
 * parts are there: `ROI_STUDIO_SHARED`, else `../shared` beside the checkout. A folder may hold
 * only some parts (GitHub's runners fetch pycortex's public S1 and colour maps; the goldens are
 * not public), so a test names the parts it reads.
 */
const here = dirname(fileURLToPath(import.meta.url));
export const REFERENCE_FOLDER = process.env.ROI_STUDIO_SHARED ?? resolve(here, '..', '..', '..', 'shared');

/** Every part of the full reference folder, as paths under it. */
export const REFERENCE_PARTS = [
  'data/db/S1',
  'data/db/sub-hcp32k',
  'data/extra',
  'data/freesurfer',
  'data/legacy-db',
  'data/pycortex-colormaps',
  'golden',
] as const;

/** A path inside the reference folder, for a test that checked `missingReference` first. */
export function referencePath(...parts: string[]): string {
  return join(REFERENCE_FOLDER, ...parts);
}

/** Why a test reading these parts of the reference folder cannot run here; '' when it can. */
export function missingReference(...parts: string[]): string {
  const absent = parts.filter((p) => !existsSync(referencePath(p)));
  return absent.length === 0
    ? ''
    : `reference data not found at ${REFERENCE_FOLDER}: ${absent.join(', ')} (set ROI_STUDIO_SHARED)`;
}
