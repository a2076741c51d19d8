import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Draft, RoiStudioApi } from '../../shared/api.js';
import { setApi } from './api-holder.js';
import { autosaveDraftOnce, newAutosaveState, startDraftAutosave } from './draft-autosave.js';
import { commit, editor, undoEdit } from './editor-store.js';
import { openInEditor, overlaySnapshot } from './overlay-test-helpers.js';
import { addRoi, newRoi, pathFromRing } from './roi-document.js';

const overlay = overlaySnapshot();

/** An API whose draft calls are recorded; a save finishes only when `finishSaves` is called. */
function recordingDrafts(holdSaves = false) {
  const calls: string[] = [];
  const held: (() => void)[] = [];
  setApi({
    saveDraft: (d: Draft) =>
      new Promise<void>((resolve) => {
        const done = () => {
          calls.push(`save ${d.edits.length}`);
          resolve();
        };
        if (holdSaves) held.push(done);
        else done();
      }),
    clearDraft: (db: string, subject: string) => {
      calls.push(`clear ${db} ${subject}`);
      return Promise.resolve();
    },
  } as unknown as RoiStudioApi);
  openInEditor(overlay, { database: { path: '/db', source: 'argument', recent: [] } });
  return { calls, finishSaves: () => held.splice(0).forEach((f) => f()) };
}

const createA = () =>
  commit('Create A', addRoi(editor.get().doc, newRoi('A', [pathFromRing([1, 1, 2, 1, 2, 2])])));

afterEach(() => vi.unstubAllGlobals());

describe('draft autosave', () => {
  it('writes a draft while dirty and removes it after undoing back to the saved file', async () => {
    const { calls } = recordingDrafts();
    const state = newAutosaveState();
    autosaveDraftOnce(state);
    await state.queue;
    expect(calls).toEqual([]); // clean, and no draft of ours: nothing to do

    createA();
    autosaveDraftOnce(state);
    autosaveDraftOnce(state); // unchanged: not written twice
    await state.queue;
    expect(calls).toEqual(['save 1']);
    undoEdit();
    autosaveDraftOnce(state);
    autosaveDraftOnce(state);
    await state.queue;
    expect(calls).toEqual(['save 1', 'clear /db demo']);
  });

  it('a removal waits for the draft write before it, so no stale draft is left behind', async () => {
    const { calls, finishSaves } = recordingDrafts(true);
    const state = newAutosaveState();
    createA();
    autosaveDraftOnce(state); // the write is still under way…
    undoEdit();
    autosaveDraftOnce(state); // …when the removal is asked for
    await Promise.resolve();
    expect(calls).toEqual([]);
    finishSaves();
    await state.queue;
    expect(calls).toEqual(['save 1', 'clear /db demo']);
  });

  it('undoing back to the saved file removes the draft at once, without waiting for the next tick', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('window', { setInterval, clearInterval });
    try {
      const { calls } = recordingDrafts();
      const stop = startDraftAutosave();
      createA();
      await vi.advanceTimersByTimeAsync(4000);
      expect(calls).toEqual(['save 1']);
      undoEdit(); // no timer advanced: the store change itself removes the draft
      await vi.advanceTimersByTimeAsync(0);
      expect(calls).toEqual(['save 1', 'clear /db demo']);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
