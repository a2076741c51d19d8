import type { OverlaySnapshot } from '../../shared/api.js';
import { editor, INITIAL_STATE, type EditorState } from './editor-store.js';
import { documentFromSnapshot } from './roi-document.js';

/**
 * Test fixtures: the demo subject's overlays.svg as loadOverlay reports it, and the editor with
 * it open.
 */

/** These ROIs (name → path data) in the rois layer, visible, unlocked and without issues. */
export function overlaySnapshot(
  rois: Record<string, string> = {},
  extra: Partial<OverlaySnapshot> = {},
): OverlaySnapshot {
  const shapes = Object.entries(rois).map(([name, d]) => ({
    name,
    paths: [{ d }],
    visible: true,
    locked: false,
    issues: [],
  }));
  return {
    subject: 'demo',
    path: '/db/demo/overlays.svg',
    exists: true,
    revision: 'r1',
    width: 100,
    height: 100,
    issues: [],
    layers: [{ name: 'rois', visible: true, shapes }],
    ...extra,
  };
}

/** The editor with `snapshot` open and unedited, plus any other state the test needs. */
export function openInEditor(snapshot: OverlaySnapshot, extra: Partial<EditorState> = {}): void {
  const doc = documentFromSnapshot(snapshot);
  editor.set(
    { ...INITIAL_STATE, subject: snapshot.subject, overlay: snapshot, doc, savedDoc: doc, ...extra },
    true,
  );
}
