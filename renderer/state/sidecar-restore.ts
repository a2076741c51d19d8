import type { RestoredRoi } from '../../shared/api.js';
import { addRoi, newRoi, setRoiPaths, updateRoi, type RoiDocument } from './roi-document.js';

/**
 * ROIs re-drawn from the sidecar into the document: an ROI of the same name (ignoring case) gets
 * the re-drawn outline — the sidecar is what the user asked to bring back — and the others are
 * added. Returns how many of each, for the status line.
 */
export function restoreIntoDocument(
  doc: RoiDocument,
  restored: readonly RestoredRoi[],
): { doc: RoiDocument; added: number; replaced: number } {
  let out = doc;
  let added = 0;
  let replaced = 0;
  for (const r of restored) {
    if (r.paths.length === 0) continue;
    const paths = r.paths.map((d) => ({ d }));
    const same = out.rois.find((x) => !x.layer && x.name.toLowerCase() === r.name.toLowerCase());
    if (same) {
      out = updateRoi(out, same.key, (roi) => setRoiPaths(roi, paths));
      replaced++;
    } else {
      out = addRoi(out, newRoi(r.name, paths));
      added++;
    }
  }
  return { doc: out, added, replaced };
}
