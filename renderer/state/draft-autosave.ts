import { api } from './api-holder.js';
import { editor, isDirty, useEditor } from './editor-store.js';
import type { RoiDocument } from './roi-document.js';
import { documentToEdits, savedShapes } from './roi-document.js';

/**
 * Every few seconds, unsaved edits go to the app-data folder as a draft, offered back after a
 * crash. Undoing back to the file as saved (or saving) removes the draft this session wrote at
 * once, so it is not offered again for a document without changes.
 */

export const DRAFT_INTERVAL_MS = 4000;

export interface AutosaveState {
  lastSaved: RoiDocument | null;
  draftFor: string | null;
  /** draft writes and removals run one after another: a removal never overtakes the write before it */
  queue: Promise<void>;
}

export function newAutosaveState(): AutosaveState {
  return { lastSaved: null, draftFor: null, queue: Promise.resolve() };
}

function enqueue(state: AutosaveState, request: () => Promise<void>): void {
  state.queue = state.queue.then(request, request);
}

export function autosaveDraftOnce(state: AutosaveState): void {
  const s = editor.get();
  if (!s.subject || !s.database || !s.overlay || s.draftOffer) return;
  const database = s.database.path;
  const subject = s.subject;
  const key = `${database}\n${subject}`;
  if (!isDirty(s)) {
    if (state.draftFor === key) {
      state.draftFor = null;
      state.lastSaved = null;
      enqueue(state, () =>
        api()
          .clearDraft(database, subject)
          .catch(() => undefined),
      );
    }
    return;
  }
  if (s.doc === state.lastSaved) return;
  const draft = {
    subject,
    database,
    savedAt: new Date().toISOString(),
    baseRevision: s.overlay.revision,
    edits: documentToEdits(s.doc, savedShapes(s.overlay)),
  };
  state.lastSaved = s.doc;
  state.draftFor = key;
  enqueue(state, () =>
    api()
      .saveDraft(draft)
      .catch(() => {
        if (state.lastSaved === s.doc) state.lastSaved = null; // try again next tick
      }),
  );
}

export function startDraftAutosave(): () => void {
  const state = newAutosaveState();
  const timer = window.setInterval(() => autosaveDraftOnce(state), DRAFT_INTERVAL_MS);
  // back to the file as saved: remove the draft now, not at the next tick, which a closed window never reaches
  const unsubscribe = useEditor.subscribe((s, before) => {
    if (isDirty(before) && !isDirty(s)) autosaveDraftOnce(state);
  });
  return () => {
    window.clearInterval(timer);
    unsubscribe();
  };
}
