import { api } from './api-holder.js';
import { editor, isDirty } from './editor-store.js';
import type { RoiDocument } from './roi-document.js';
import { documentToEdits } from './roi-document.js';

/** Every few seconds, unsaved edits go to the app-data folder as a draft, offered back after a crash. */

export const DRAFT_INTERVAL_MS = 4000;

export function startDraftAutosave(): () => void {
  let lastSaved: RoiDocument | null = null;
  const timer = window.setInterval(() => {
    const s = editor.get();
    if (!s.subject || !s.database || !s.overlay || !isDirty(s) || s.doc === lastSaved || s.draftOffer) return;
    const baseNames = s.overlay.layers.find((l) => l.name === 'rois')?.shapes.map((r) => r.name) ?? [];
    lastSaved = s.doc;
    api()
      .saveDraft({
        subject: s.subject,
        database: s.database.path,
        savedAt: new Date().toISOString(),
        baseRevision: s.overlay.revision,
        edits: documentToEdits(s.doc, baseNames),
      })
      .catch(() => {
        lastSaved = null; // try again next tick
      });
  }, DRAFT_INTERVAL_MS);
  return () => window.clearInterval(timer);
}
