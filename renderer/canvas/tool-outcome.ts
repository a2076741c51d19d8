import { commit, editor } from '../state/editor-store.js';
import type { ScreenBox } from '../state/editor-store.js';
import type { ToolOutcome } from './tool-router.js';

/**
 * A tool's answer applied to the editor: a new outline waits for its name (asked beside it, at
 * `boxOf(ring)` on screen), an edit is committed for undo, a pick selects; the gesture flag
 * and the status-bar notice follow the tool.
 */
export function applyToolOutcome(
  { result, busy, problem }: ToolOutcome,
  boxOf: (ring: number[]) => ScreenBox,
): void {
  if (result.kind === 'create') editor.set({ pendingRing: result.ring, pendingBox: boxOf(result.ring) });
  else if (result.kind === 'change') commit(result.label, result.doc, result.selectKey);
  else if (result.kind === 'select') editor.set({ selectedKey: result.key });
  if (busy !== editor.get().gestureActive) editor.set({ gestureActive: busy });
  if (problem) editor.set({ notice: problem });
}
