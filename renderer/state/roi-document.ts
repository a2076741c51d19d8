import type { CompatIssue, OverlayEdit, OverlaySnapshot } from '../../shared/api.js';
import { ringToPathData } from './path-data.js';

/**
 * The ROI document the editor changes: immutable values, so history entries can share them and
 * a save can diff the current document against the one loaded from overlays.svg.
 */

export interface RoiPath {
  /** path data as in the file, or as written from `ring` */
  d: string;
  /** the closed outline in SVG coordinates, once drawn or edited here (no repeated last point) */
  ring?: readonly number[];
}

export interface Roi {
  /** stable identity across renames within a session */
  key: string;
  name: string;
  /** the name in overlays.svg as loaded; null for ROIs created in this session */
  savedName: string | null;
  paths: readonly RoiPath[];
  /** true once the paths differ from the file (drawn, edited, moved) */
  pathsChanged: boolean;
  /** the user asked to rewrite this ROI's paths in the safe grammar */
  normalise: boolean;
  issues: readonly CompatIssue[];
}

export interface RoiDocument {
  rois: readonly Roi[];
}

export const EMPTY_DOCUMENT: RoiDocument = { rois: [] };

let keyCounter = 0;
export function newRoiKey(): string {
  keyCounter += 1;
  return `roi-${keyCounter}`;
}

/** The names of the ROIs in the file's `rois` layer, in file order. */
export function savedRoiNames(snapshot: OverlaySnapshot): string[] {
  return snapshot.layers.find((l) => l.name === 'rois')?.shapes.map((r) => r.name) ?? [];
}

/** The `rois` layer of a snapshot as a document. */
export function documentFromSnapshot(snapshot: OverlaySnapshot): RoiDocument {
  const layer = snapshot.layers.find((l) => l.name === 'rois');
  if (!layer) return EMPTY_DOCUMENT;
  return {
    rois: layer.shapes.map((shape) => ({
      key: newRoiKey(),
      name: shape.name,
      savedName: shape.name,
      paths: shape.paths.map((p) => ({ d: p.d })),
      pathsChanged: false,
      normalise: false,
      issues: shape.issues,
    })),
  };
}

export function pathFromRing(ring: readonly number[]): RoiPath {
  return { d: ringToPathData(ring), ring };
}

export function findRoi(doc: RoiDocument, key: string | null): Roi | undefined {
  return key === null ? undefined : doc.rois.find((r) => r.key === key);
}

export function addRoi(doc: RoiDocument, roi: Roi): RoiDocument {
  return { rois: [...doc.rois, roi] };
}

export function updateRoi(doc: RoiDocument, key: string, change: (roi: Roi) => Roi): RoiDocument {
  return { rois: doc.rois.map((r) => (r.key === key ? change(r) : r)) };
}

export function removeRoi(doc: RoiDocument, key: string): RoiDocument {
  return { rois: doc.rois.filter((r) => r.key !== key) };
}

export function setRoiPaths(roi: Roi, paths: readonly RoiPath[]): Roi {
  return { ...roi, paths, pathsChanged: true };
}

/**
 * The edits that turn the file as loaded (`baseNames`: the ROI names in its `rois` layer) into
 * `doc`. Deletions first so a name can be reused, then renames, then path changes (by the
 * new name), then normalisations of ROIs whose paths are otherwise untouched.
 */
export function documentToEdits(doc: RoiDocument, baseNames: readonly string[]): OverlayEdit[] {
  const kept = new Set(doc.rois.map((r) => r.savedName).filter((n): n is string => n !== null));
  const edits: OverlayEdit[] = [];
  for (const name of baseNames) if (!kept.has(name)) edits.push({ kind: 'delete', name });
  for (const roi of doc.rois) {
    if (roi.savedName !== null && roi.savedName !== roi.name) {
      edits.push({ kind: 'rename', from: roi.savedName, to: roi.name });
    }
  }
  for (const roi of doc.rois) {
    if (!roi.pathsChanged) continue;
    const paths = roi.paths.map((p) => p.d);
    edits.push({ kind: roi.savedName === null ? 'add' : 'replace', name: roi.name, paths });
  }
  for (const roi of doc.rois) {
    if (roi.normalise && !roi.pathsChanged && roi.savedName !== null) {
      edits.push({ kind: 'normalise', name: roi.name });
    }
  }
  return edits;
}

/** A ROI created in this session (drawn, traced, restored or replayed), not yet in the file. */
export function newRoi(name: string, paths: readonly RoiPath[], key = newRoiKey()): Roi {
  return { key, name, savedName: null, paths, pathsChanged: true, normalise: false, issues: [] };
}

/** Replay saved edits (a draft) onto a document; edits naming ROIs that no longer exist are skipped. */
export function applyEdits(doc: RoiDocument, edits: readonly OverlayEdit[]): RoiDocument {
  let out = doc;
  const byName = (name: string) => out.rois.find((r) => r.name === name);
  for (const e of edits) {
    if (e.kind === 'add' || e.kind === 'replace') {
      const paths = e.paths.map((d) => ({ d }));
      const existing = byName(e.name);
      if (existing) out = updateRoi(out, existing.key, (r) => setRoiPaths(r, paths));
      else out = addRoi(out, newRoi(e.name, paths));
    } else if (e.kind === 'rename') {
      const r = byName(e.from);
      if (r) out = updateRoi(out, r.key, (x) => ({ ...x, name: e.to }));
    } else if (e.kind === 'delete') {
      const r = byName(e.name);
      if (r) out = removeRoi(out, r.key);
    } else {
      const r = byName(e.name);
      if (r) out = updateRoi(out, r.key, (x) => ({ ...x, normalise: true }));
    }
  }
  return out;
}

/** The document after a save: the snapshot's ROIs, keeping the keys of same-named ROIs. */
export function documentAfterSave(previous: RoiDocument, snapshot: OverlaySnapshot): RoiDocument {
  const fresh = documentFromSnapshot(snapshot);
  const keys = new Map(previous.rois.map((r) => [r.name, r.key]));
  return { rois: fresh.rois.map((r) => ({ ...r, key: keys.get(r.name) ?? r.key })) };
}
