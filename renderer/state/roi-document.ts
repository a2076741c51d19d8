import {
  SHAPE_LAYERS,
  type CompatIssue,
  type OverlayEdit,
  type OverlaySnapshot,
  type ShapeLayer,
} from '../../shared/api.js';
import { polylinesToPath } from '../../shared/formats/path-writer.js';

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
  /** the layer the shape lives in when it is not an ROI: sulci are open lines, cutouts regions */
  layer?: Exclude<ShapeLayer, 'rois'>;
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

export const layerOf = (roi: Pick<Roi, 'layer'>): ShapeLayer => roi.layer ?? 'rois';

/** A shape as saved: its layer and name. */
export interface ShapeRef {
  layer: ShapeLayer;
  name: string;
}

/** The names of the ROIs in the file's `rois` layer, in file order. */
export function savedRoiNames(snapshot: OverlaySnapshot): string[] {
  return snapshot.layers.find((l) => l.name === 'rois')?.shapes.map((r) => r.name) ?? [];
}

/** The shapes of the file's `rois`, `sulci` and `cutouts` layers. */
export function savedShapes(snapshot: OverlaySnapshot): ShapeRef[] {
  return SHAPE_LAYERS.flatMap((layer) =>
    (snapshot.layers.find((l) => l.name === layer)?.shapes ?? []).map((s) => ({ layer, name: s.name })),
  );
}

/** The `rois`, `sulci` and `cutouts` layers of a snapshot as a document (ROIs first). */
export function documentFromSnapshot(snapshot: OverlaySnapshot): RoiDocument {
  const rois = SHAPE_LAYERS.flatMap((layerName) => {
    const layer = snapshot.layers.find((l) => l.name === layerName);
    return (layer?.shapes ?? []).map((shape): Roi => ({
      key: newRoiKey(),
      ...(layerName === 'rois' ? {} : { layer: layerName }),
      name: shape.name,
      savedName: shape.name,
      paths: shape.paths.map((p) => ({ d: p.d })),
      pathsChanged: false,
      normalise: false,
      // a sulcus is a line: an open subpath is what it should be
      issues: layerName === 'sulci' ? shape.issues.filter((i) => i.code !== 'OPEN_SUBPATH') : shape.issues,
    }));
  });
  return rois.length ? { rois } : EMPTY_DOCUMENT;
}

export function pathFromRing(ring: readonly number[]): RoiPath {
  if (ring.length < 6) throw new Error('a ring needs at least three points');
  return { d: polylinesToPath([ring], true), ring };
}

/** A drawn outline as a path of the layer: a line for a sulcus, a closed ring otherwise. */
export function pathForLayer(points: readonly number[], layer: ShapeLayer): RoiPath {
  if (layer !== 'sulci') return pathFromRing(points);
  if (points.length < 4) throw new Error('a line needs at least two points');
  return { d: polylinesToPath([points], false) };
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
 * The edits that turn the file as loaded (`base`: the shapes of its layers) into `doc`. Deletions
 * first so a name can be reused, then renames, then path changes (by the new name), then
 * normalisations of shapes whose paths are otherwise untouched. Edits of sulci and cutouts name
 * their layer.
 */
export function documentToEdits(doc: RoiDocument, base: readonly ShapeRef[]): OverlayEdit[] {
  const id = (layer: ShapeLayer, name: string) => `${layer}\0${name}`;
  const on = (roi: Pick<Roi, 'layer'>) => (roi.layer ? { layer: roi.layer } : {});
  const kept = new Set(doc.rois.filter((r) => r.savedName !== null).map((r) => id(layerOf(r), r.savedName!)));
  const edits: OverlayEdit[] = [];
  for (const { layer, name } of base)
    if (!kept.has(id(layer, name)))
      edits.push({ kind: 'delete', name, ...(layer === 'rois' ? {} : { layer }) });
  for (const roi of doc.rois) {
    if (roi.savedName !== null && roi.savedName !== roi.name) {
      edits.push({ kind: 'rename', from: roi.savedName, to: roi.name, ...on(roi) });
    }
  }
  for (const roi of doc.rois) {
    if (!roi.pathsChanged) continue;
    const paths = roi.paths.map((p) => p.d);
    edits.push({ kind: roi.savedName === null ? 'add' : 'replace', name: roi.name, paths, ...on(roi) });
  }
  for (const roi of doc.rois) {
    if (roi.normalise && !roi.pathsChanged && roi.savedName !== null) {
      edits.push({ kind: 'normalise', name: roi.name, ...on(roi) });
    }
  }
  return edits;
}

/** A shape created in this session (drawn, traced, restored or replayed), not yet in the file. */
export function newRoi(
  name: string,
  paths: readonly RoiPath[],
  key = newRoiKey(),
  layer: ShapeLayer = 'rois',
): Roi {
  return {
    key,
    ...(layer === 'rois' ? {} : { layer }),
    name,
    savedName: null,
    paths,
    pathsChanged: true,
    normalise: false,
    issues: [],
  };
}

/** Replay saved edits (a draft) onto a document; edits naming shapes that no longer exist are skipped. */
export function applyEdits(doc: RoiDocument, edits: readonly OverlayEdit[]): RoiDocument {
  let out = doc;
  for (const e of edits) {
    const layer = e.layer ?? 'rois';
    const byName = (name: string) => out.rois.find((r) => r.name === name && layerOf(r) === layer);
    if (e.kind === 'add' || e.kind === 'replace') {
      const paths = e.paths.map((d) => ({ d }));
      const existing = byName(e.name);
      if (existing) out = updateRoi(out, existing.key, (r) => setRoiPaths(r, paths));
      else out = addRoi(out, newRoi(e.name, paths, newRoiKey(), layer));
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

/** The document after a save: the snapshot's shapes, keeping the keys of same-named shapes of each layer. */
export function documentAfterSave(previous: RoiDocument, snapshot: OverlaySnapshot): RoiDocument {
  const fresh = documentFromSnapshot(snapshot);
  const id = (r: Roi) => `${layerOf(r)}\0${r.name}`;
  const keys = new Map(previous.rois.map((r) => [id(r), r.key]));
  return { rois: fresh.rois.map((r) => ({ ...r, key: keys.get(id(r)) ?? r.key })) };
}

/**
 * A document from the history, restated against the file just saved, so undo and redo keep
 * working across saves. `preSave` is the document that was saved, `saved` the same ROIs as read
 * back. A ROI as it was saved takes the saved one's paths; one that differs keeps its own paths,
 * to be written again; one the file no longer holds becomes new.
 */
export function rebaseOnSave(doc: RoiDocument, preSave: RoiDocument, saved: RoiDocument): RoiDocument {
  if (doc === preSave) return saved;
  const before = new Map(preSave.rois.map((r) => [r.key, r]));
  const after = new Map(saved.rois.map((r) => [r.key, r]));
  return {
    rois: doc.rois.map((r) => {
      const q = after.get(r.key);
      if (!q) return { ...r, savedName: null, pathsChanged: true, normalise: false };
      const p = before.get(r.key);
      if (p && r.paths === p.paths && r.normalise === p.normalise) return { ...q, name: r.name };
      // the same paths but not normalised: the file holds the normalised form, write these back
      return { ...r, savedName: q.name, pathsChanged: r.paths !== p?.paths || !r.normalise };
    }),
  };
}
