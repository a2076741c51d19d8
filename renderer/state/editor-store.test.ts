import { beforeEach, describe, expect, it } from 'vitest';
import { commit, editor, INITIAL_STATE, isDirty, redoEdit, undoEdit } from './editor-store.js';
import { addRoi, newRoi, pathFromRing } from './roi-document.js';

const roi = (name: string) => newRoi(name, [pathFromRing([0, 0, 1, 0, 1, 1])]);

describe('editor store history', () => {
  beforeEach(() => editor.set(INITIAL_STATE, true));

  it('marks the document dirty after a command and clean again after undoing it', () => {
    expect(isDirty(editor.get())).toBe(false);
    commit('Create A', addRoi(editor.get().doc, roi('A')));
    expect(isDirty(editor.get())).toBe(true);
    expect(undoEdit()).toBe(true);
    expect(isDirty(editor.get())).toBe(false);
    expect(redoEdit()).toBe(true);
    expect(editor.get().doc.rois.map((r) => r.name)).toEqual(['A']);
  });

  it('refuses undo and redo mid-gesture', () => {
    commit('Create A', addRoi(editor.get().doc, roi('A')));
    editor.set({ gestureActive: true });
    expect(undoEdit()).toBe(false);
    expect(editor.get().doc.rois).toHaveLength(1);
    expect(editor.get().notice).toMatch(/Finish the current stroke/);
    editor.set({ gestureActive: false });
    expect(undoEdit()).toBe(true);
    editor.set({ gestureActive: true });
    expect(redoEdit()).toBe(false);
    expect(editor.get().doc.rois).toHaveLength(0);
  });

  it('drops the selection when undo removes the selected ROI', () => {
    const a = roi('A');
    commit('Create A', addRoi(editor.get().doc, a), a.key);
    expect(editor.get().selectedKey).toBe(a.key);
    undoEdit();
    expect(editor.get().selectedKey).toBeNull();
  });
});
