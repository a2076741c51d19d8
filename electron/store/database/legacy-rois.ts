import { join } from 'node:path';
import { LEGACY_ROIS_FILE } from '../../../shared/formats/legacy-rois-file.js';
import { upgradeLegacyLayout } from '../../../shared/formats/overlay-legacy.js';
import type { OverlayDocument } from '../../../shared/formats/overlay-svg.js';
import { parseOverlayFile, readOverlayState } from '../write/overlay-store.js';
import { subjectOverlayFile } from '../write/write-policy.js';

/**
 * Overlay files read the way pycortex reads them: a file in the pre-overlays `rois.svg` layout is
 * converted first (pycortex-formats.md §6.10), and a subject with `rois.svg` but no overlays.svg
 * is presented as the overlays.svg pycortex's conversion would write. `rois.svg` itself is never
 * written.
 */

/** Parse an overlay file's text; a legacy layout is converted in memory. */
export function parseOverlayAsPycortex(path: string, text: string): OverlayDocument {
  const doc = parseOverlayFile(path, text);
  upgradeLegacyLayout(doc);
  return doc;
}

export function legacyRoisPath(db: string, subject: string): string {
  return join(db, subject, LEGACY_ROIS_FILE);
}

/** The subject's `rois.svg` converted as pycortex would on first use, or null when it has none. */
export async function readLegacyRois(db: string, subject: string): Promise<OverlayDocument | null> {
  return (await readOverlayForReading(db, subject, legacyRoisPath(db, subject)))?.doc ?? null;
}

/**
 * The overlay a reader uses: `overlay` when given, else the subject's overlays.svg, else its
 * legacy rois.svg — parsed as pycortex reads it; null when none exists.
 */
export async function readOverlayForReading(
  db: string,
  subject: string,
  overlay?: string,
): Promise<{ file: string; doc: OverlayDocument } | null> {
  const candidates = overlay ? [overlay] : [subjectOverlayFile(db, subject), legacyRoisPath(db, subject)];
  for (const file of candidates) {
    const state = await readOverlayState(file);
    if (state.exists) return { file, doc: parseOverlayAsPycortex(file, state.text as string) };
  }
  return null;
}
