import type { RoiDocument } from './roi-document.js';

/**
 * Undo/redo over immutable documents: each entry keeps the document before and after one user
 * command, so undo and redo are exact and cheap (unchanged ROIs are shared between entries).
 */

export interface HistoryEntry {
  label: string;
  before: RoiDocument;
  after: RoiDocument;
}

export interface History {
  past: readonly HistoryEntry[];
  future: readonly HistoryEntry[];
}

export const EMPTY_HISTORY: History = { past: [], future: [] };
export const HISTORY_LIMIT = 500;

export function record(history: History, entry: HistoryEntry): History {
  const past = [...history.past, entry];
  if (past.length > HISTORY_LIMIT) past.splice(0, past.length - HISTORY_LIMIT);
  return { past, future: [] };
}

export function undo(history: History): { history: History; doc: RoiDocument; label: string } | null {
  const entry = history.past[history.past.length - 1];
  if (!entry) return null;
  return {
    history: { past: history.past.slice(0, -1), future: [entry, ...history.future] },
    doc: entry.before,
    label: entry.label,
  };
}

export function redo(history: History): { history: History; doc: RoiDocument; label: string } | null {
  const entry = history.future[0];
  if (!entry) return null;
  return {
    history: { past: [...history.past, entry], future: history.future.slice(1) },
    doc: entry.after,
    label: entry.label,
  };
}

/** The same history with every document replaced by `change(doc)`, each distinct document once. */
export function mapHistory(history: History, change: (doc: RoiDocument) => RoiDocument): History {
  const memo = new Map<RoiDocument, RoiDocument>();
  const map = (doc: RoiDocument) => {
    let out = memo.get(doc);
    if (!out) memo.set(doc, (out = change(doc)));
    return out;
  };
  const entry = (e: HistoryEntry): HistoryEntry => ({ ...e, before: map(e.before), after: map(e.after) });
  return { past: history.past.map(entry), future: history.future.map(entry) };
}
