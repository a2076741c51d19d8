import { describe, expect, it } from 'vitest';
import type { Draft, OverlaySnapshot, RoiStudioApi } from '../../shared/api.js';
import { setApi } from './api-holder.js';
import { autosaveDraftOnce } from './draft-autosave.js';
import { commit, editor, INITIAL_STATE, undoEdit } from './editor-store.js';
import type { RoiDocument } from './roi-document.js';
import { addRoi, newRoi, pathFromRing } from './roi-document.js';

const overlay = {
  subject: 'demo',
  path: '/db/demo/overlays.svg',
  exists: true,
  revision: 'r1',
  width: 10,
  height: 10,
  issues: [],
  layers: [],
} as OverlaySnapshot;

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
    editor.set(
      {
        ...INITIAL_STATE,
        subject: 'demo',
        database: { path: '/db', source: 'argument', recent: [] },
        overlay,
      },
      true,
    );
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
