import type { TracedRoi } from '../../shared/api.js';
import { checkRoiName, roiNameFromLabel } from '../../shared/roi/roi-names.js';
import { addRoi, newRoi } from './roi-document.js';
import type { RoiDocument } from './roi-document.js';

/**
 * Traced template labels into the ROI document. "Add all labels" is meant to be re-run safely
 * (e.g. after deleting a few), so a label whose name is already an ROI is skipped rather than
 * added a second time under a suffixed name.
 */

export interface TraceSummaryRow {
  label: string;
  labelIndex: number;
  /** the ROI name used (or that blocked it) */
  roi: string;
  jaccard: number;
  /** the agreement of the cleaned and of the raw outline, whichever was added */
  jaccards: TracedRoi['jaccards'];
  status: 'added' | 'exists' | 'empty';
}

export function addTracedRois(
  doc: RoiDocument,
  traced: readonly TracedRoi[],
): { doc: RoiDocument; rows: TraceSummaryRow[] } {
  let out = doc;
  const rows: TraceSummaryRow[] = [];
  for (const t of [...traced].sort((a, b) => a.labelIndex - b.labelIndex)) {
    const name = roiNameFromLabel(t.name);
    const row = {
      label: t.name,
      labelIndex: t.labelIndex,
      roi: name,
      jaccard: t.jaccard,
      jaccards: t.jaccards,
    };
    if (t.paths.length === 0) {
      rows.push({ ...row, status: 'empty' });
      continue;
    }
    const names = out.rois.filter((r) => !r.layer).map((r) => r.name);
    if (!checkRoiName(name, names).ok) {
      rows.push({
        ...row,
        roi: names.find((n) => n.toLowerCase() === name.toLowerCase()) ?? name,
        status: 'exists',
      });
      continue;
    }
    out = addRoi(
      out,
      newRoi(
        name,
        t.paths.map((d) => ({ d })),
      ),
    );
    rows.push({ ...row, status: 'added' });
  }
  return { doc: out, rows };
}

/** "Jaccard 0.91–0.98": the range of agreements of traced outlines with their vertices. */
export function jaccardRange(values: readonly number[]): string {
  return `Jaccard ${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;
}

/** "clean 0.962, raw 0.959": what cleaning the label cost or gained in agreement. */
export function jaccardPair(j: TracedRoi['jaccards']): string {
  return `clean ${j.clean.toFixed(3)}, raw ${j.raw.toFixed(3)}`;
}

/** One line for the status bar: how many were added, skipped, and the agreement range. */
export function traceSummaryLine(rows: readonly TraceSummaryRow[]): string {
  const added = rows.filter((r) => r.status === 'added');
  const exists = rows.filter((r) => r.status === 'exists').length;
  const empty = rows.filter((r) => r.status === 'empty').length;
  const parts = [`Added ${added.length} label ROI${added.length === 1 ? '' : 's'}`];
  if (added.length > 0) {
    parts.push(jaccardRange(added.map((r) => r.jaccard)));
  }
  if (exists) parts.push(`${exists} skipped (name already used)`);
  if (empty) parts.push(`${empty} not on the flatmap`);
  return parts.join('; ');
}
