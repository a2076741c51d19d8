import { api } from './api-holder.js';
import { editor, isDirty } from './editor-store.js';
import type { RoiDocument } from './roi-document.js';
import { documentToEdits, savedShapes } from './roi-document.js';

/**
 * Every few seconds, unsaved edits go to the app-data folder as a draft, offered back after a
 * crash. Undoing back to the file as saved removes the draft this session wrote, so it is not
 * offered again for a document without changes.
 */

export const DRAFT_INTERVAL_MS = 4000;

export function autosaveDraftOnce(state: { lastSaved: RoiDocument | null; draftFor: string | null }): void {
  const s = editor.get();
  if (!s.subject || !s.database || !s.overlay || s.draftOffer) return;
  const database = s.database.path;
  const subject = s.subject;
  const key = `${database}\n${subject}`;
  if (!isDirty(s)) {
    if (state.draftFor === key) {
      state.draftFor = null;
      state.lastSaved = null;
      void api()
        .clearDraft(database, subject)
        .catch(() => undefined);
    }
    return;
  }
  if (s.doc === state.lastSaved) return;
  const base = savedShapes(s.overlay);
  state.lastSaved = s.doc;
  state.draftFor = key;
  api()
    .saveDraft({
      subject,
      database,
      savedAt: new Date().toISOString(),
      baseRevision: s.overlay.revision,
      edits: documentToEdits(s.doc, base),
    })
    .catch(() => {
      state.lastSaved = null; // try again next tick
    });
}

export function startDraftAutosave(): () => void {
  const state = { lastSaved: null as RoiDocument | null, draftFor: null as string | null };
  const timer = window.setInterval(() => autosaveDraftOnce(state), DRAFT_INTERVAL_MS);
  return () => window.clearInterval(timer);
}
