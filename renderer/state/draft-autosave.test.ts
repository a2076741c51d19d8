import { describe, expect, it } from 'vitest';
import type { Draft, RoiStudioApi } from '../../shared/api.js';
import { setApi } from './api-holder.js';
import { autosaveDraftOnce } from './draft-autosave.js';
import { commit, editor, undoEdit } from './editor-store.js';
import { openInEditor, overlaySnapshot } from './overlay-test-helpers.js';
import type { RoiDocument } from './roi-document.js';
import { addRoi, newRoi, pathFromRing } from './roi-document.js';

const overlay = overlaySnapshot();

describe('draft autosave', () => {
  it('writes a draft while dirty and removes it after undoing back to the saved file', () => {
    const calls: string[] = [];
    setApi({
      saveDraft: (d: Draft) => {
        calls.push(`save ${d.edits.length}`);
        return Promise.resolve();
      },
      clearDraft: (db: string, subject: string) => {
        calls.push(`clear ${db} ${subject}`);
        return Promise.resolve();
      },
    } as unknown as RoiStudioApi);
    openInEditor(overlay, { database: { path: '/db', source: 'argument', recent: [] } });
    const state = { lastSaved: null as RoiDocument | null, draftFor: null as string | null };
    autosaveDraftOnce(state);
    expect(calls).toEqual([]); // clean, and no draft of ours: nothing to do

    commit('Create A', addRoi(editor.get().doc, newRoi('A', [pathFromRing([1, 1, 2, 1, 2, 2])])));
    autosaveDraftOnce(state);
    autosaveDraftOnce(state); // unchanged: not written twice
    expect(calls).toEqual(['save 1']);
    undoEdit();
    autosaveDraftOnce(state);
    autosaveDraftOnce(state);
    expect(calls).toEqual(['save 1', 'clear /db demo']);
  });
});
