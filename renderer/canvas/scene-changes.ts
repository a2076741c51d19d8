import type { EditorState } from '../state/editor-store.js';

/**
 * Which parts of the flatmap a store update makes stale, so each is redrawn only when its own
 * inputs change (hundreds of ROIs, large rasters). A null `prev` is the first update.
 */

export type ScenePart = 'frame' | 'curvature' | 'template' | 'clip' | 'rois';

/** A different subject's map (or none): strokes and the cursor readout belonged to the old one. */
export function mapChanged(prev: EditorState | null, s: EditorState): boolean {
  return s.subjectData?.geometry !== prev?.subjectData?.geometry;
}

export function staleSceneParts(prev: EditorState | null, s: EditorState): Set<ScenePart> {
  const parts = new Set<ScenePart>();
  const newMap = mapChanged(prev, s);
  if (newMap) parts.add('frame');
  // a curvature computed on first open arrives while the user may already be drawing
  if (newMap || s.subjectData?.curvature !== prev?.subjectData?.curvature) parts.add('curvature');
  if (s.template !== prev?.template || s.display !== prev?.display) parts.add('template');
  if (newMap || s.clipToCortex !== prev?.clipToCortex) parts.add('clip');
  if (
    s.doc !== prev?.doc ||
    s.selectedKey !== prev?.selectedKey ||
    s.hiddenKeys !== prev?.hiddenKeys ||
    s.showRoiLabels !== prev?.showRoiLabels ||
    s.showRoiColours !== prev?.showRoiColours ||
    s.showSulci !== prev?.showSulci
  )
    parts.add('rois');
  return parts;
}

/** The live layer shows the active tool's work, or the outline waiting for its name. */
export function previewIsStale(prev: EditorState | null, s: EditorState): boolean {
  return (
    s.doc !== prev?.doc ||
    s.selectedKey !== prev?.selectedKey ||
    s.tool !== prev?.tool ||
    s.pendingRing !== prev?.pendingRing
  );
}
