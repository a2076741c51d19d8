import type { ShapeLayer } from '../../shared/api.js';
import { api } from './api-holder.js';
import { commit, editor, showProblem } from './editor-store.js';
import { checkRoiName, freeRoiName, roiNameFromLabel } from '../../shared/roi/roi-names.js';
import {
  addRoi,
  findRoi,
  layerOf,
  newRoi,
  newRoiKey,
  pathForLayer,
  removeRoi,
  setRoiPaths,
  updateRoi,
} from './roi-document.js';
import { restoreIntoDocument } from './sidecar-restore.js';
import { addTracedRois, jaccardPair, jaccardRange, traceSummaryLine } from './traced-rois.js';

/** ROI commands from the panels (each one undoable). */

/** The names of the layer's other shapes (names are unique within a layer). */
export function otherNames(excludeKey: string | null, layer: ShapeLayer = 'rois'): string[] {
  return editor
    .get()
    .doc.rois.filter((r) => r.key !== excludeKey && layerOf(r) === layer)
    .map((r) => r.name);
}

/**
 * Give the pending outline a name in the layer being drawn: a new shape, or, when the name is an
 * existing one's, one more path of it (e.g. the other hemisphere). Returns an error message, or
 * null on success.
 */
export function namePendingRing(name: string): string | null {
  const s = editor.get();
  const ring = s.pendingRing;
  if (!ring) return null;
  const layer = s.drawLayer;
  const path = pathForLayer(ring, layer);
  const existing = s.doc.rois.find((r) => r.name === name && layerOf(r) === layer);
  if (existing) {
    const doc = updateRoi(s.doc, existing.key, (r) => setRoiPaths(r, [...r.paths, path]));
    editor.set({ pendingRing: null });
    commit(`Add a part to ${name}`, doc, existing.key);
    return null;
  }
  const check = checkRoiName(name, otherNames(null, layer));
  if (!check.ok) return check.reason;
  const key = newRoiKey();
  const doc = addRoi(s.doc, newRoi(name, [path], key, layer));
  editor.set({ pendingRing: null });
  commit(`Create ${name}`, doc, key);
  return null;
}

export function renameRoi(key: string, name: string): string | null {
  const roi = findRoi(editor.get().doc, key);
  if (!roi) return null;
  if (roi.name === name) return null;
  const check = checkRoiName(name, otherNames(key, layerOf(roi)));
  if (!check.ok) return check.reason;
  commit(
    `Rename ${roi.name} to ${name}`,
    updateRoi(editor.get().doc, key, (r) => ({ ...r, name })),
  );
  return null;
}

export function deleteRoi(key: string): void {
  const roi = findRoi(editor.get().doc, key);
  if (!roi) return;
  const s = editor.get();
  commit(`Delete ${roi.name}`, removeRoi(s.doc, key), s.selectedKey === key ? null : s.selectedKey);
}

export function normaliseRoi(key: string): void {
  const roi = findRoi(editor.get().doc, key);
  if (!roi) return;
  commit(
    `Normalise ${roi.name}`,
    updateRoi(editor.get().doc, key, (r) => ({ ...r, normalise: true })),
  );
}

/** A valid, unused ROI name derived from a label name ("V1v", else "V1v 2", …). */
function nameForLabel(label: string): string {
  return freeRoiName(roiNameFromLabel(label), otherNames(null));
}

/**
 * Outline one template label as a new ROI (traced by the back end with pycortex's membership,
 * so the ROI selects that label's vertices), ready for hand editing; one undoable command.
 */
export async function traceLabelAsRoi(labelIndex: number, labelName: string): Promise<void> {
  const { subject, transform, templatePath, traceRaw } = editor.get();
  if (!subject || !transform || !templatePath) return;
  editor.set({ busy: `Outlining ${labelName}…` });
  try {
    const traced = await api().traceLabels({
      subject,
      transform,
      template: templatePath,
      labels: [labelIndex],
      raw: traceRaw,
    });
    const first = traced.find((t) => t.labelIndex === labelIndex) ?? traced[0];
    if (!first || first.paths.length === 0) {
      editor.set({ busy: null, notice: `Label ${labelName} has no outline on the flatmap.` });
      return;
    }
    const name = nameForLabel(labelName);
    const key = newRoiKey();
    const doc = addRoi(
      editor.get().doc,
      newRoi(
        name,
        first.paths.map((d) => ({ d })),
        key,
      ),
    );
    editor.set({ busy: null });
    commit(`Outline ${labelName} as ${name}`, doc, key);
    editor.set({
      notice: `Outlined ${labelName} as ${name} (agreement with the label's vertices: Jaccard ${first.jaccard.toFixed(3)}; ${jaccardPair(first.jaccards)})`,
    });
  } catch (e) {
    showProblem(`Could not outline ${labelName}`, e);
  }
}

/**
 * Outline every label of the current template as ROIs in one undoable command; labels whose
 * name is already an ROI are skipped (see traced-rois.ts). The per-label Jaccard is kept for
 * the template panel.
 */
export async function addAllLabels(): Promise<void> {
  const { subject, transform, templatePath, traceRaw } = editor.get();
  if (!subject || !transform || !templatePath) return;
  editor.set({ busy: 'Outlining all labels…' });
  try {
    const traced = await api().traceLabels({
      subject,
      transform,
      template: templatePath,
      raw: traceRaw,
    });
    const s = editor.get();
    if (s.subject !== subject || s.templatePath !== templatePath) return;
    const { doc, rows } = addTracedRois(s.doc, traced);
    const added = rows.filter((r) => r.status === 'added').length;
    editor.set({ busy: null, traceSummary: rows });
    commit(`Add ${added} label ROI${added === 1 ? '' : 's'}`, doc);
    editor.set({ notice: traceSummaryLine(rows) });
  } catch (e) {
    showProblem('Could not outline the labels', e);
  }
}

/**
 * Re-draw the ROIs recorded in the subject's sidecar (after pycortex re-imported or rotated the
 * flatmap and dropped overlays.svg) as one undoable command; saving writes them.
 */
export async function restoreSidecarRois(): Promise<void> {
  const { subject } = editor.get();
  if (!subject) return;
  editor.set({ busy: 'Restoring ROIs from the sidecar…' });
  try {
    const restored = await api().restoreFromSidecar(subject);
    const s = editor.get();
    if (s.subject !== subject) return;
    const { doc, added, replaced } = restoreIntoDocument(s.doc, restored);
    editor.set({ busy: null });
    commit(`Restore ${added + replaced} ROI${added + replaced === 1 ? '' : 's'} from the sidecar`, doc);
    const j = restored.filter((r) => r.paths.length > 0).map((r) => r.jaccard);
    editor.set({
      notice:
        `Restored ${added} new and ${replaced} existing ROI${replaced === 1 ? '' : 's'} from the sidecar` +
        (j.length ? ` (agreement with the stored vertices: ${jaccardRange(j)}); save to keep them` : ''),
    });
  } catch (e) {
    showProblem('Could not restore ROIs from the sidecar', e);
  }
}
