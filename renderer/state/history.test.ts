import { describe, expect, it } from 'vitest';
import { EMPTY_HISTORY, HISTORY_LIMIT, record, redo, undo } from './history.js';
import type { RoiDocument } from './roi-document.js';

const docs: RoiDocument[] = [0, 1, 2, 3].map(() => ({ rois: [] }));

describe('history', () => {
  it('undoes and redoes exactly, and a new edit drops the redo branch', () => {
    let h = record(EMPTY_HISTORY, { label: 'a', before: docs[0], after: docs[1] });
    h = record(h, { label: 'b', before: docs[1], after: docs[2] });
    const u1 = undo(h)!;
    expect(u1.doc).toBe(docs[1]);
    expect(u1.label).toBe('b');
    const u2 = undo(u1.history)!;
    expect(u2.doc).toBe(docs[0]);
    expect(undo(u2.history)).toBeNull();
    const r1 = redo(u2.history)!;
    expect(r1.doc).toBe(docs[1]);
    const branched = record(r1.history, { label: 'c', before: docs[1], after: docs[3] });
    expect(redo(branched)).toBeNull();
    expect(undo(branched)!.doc).toBe(docs[1]);
  });

  it('keeps at most HISTORY_LIMIT entries', () => {
    let h = EMPTY_HISTORY;
    for (let i = 0; i < HISTORY_LIMIT + 10; i++)
      h = record(h, { label: String(i), before: docs[0], after: docs[1] });
    expect(h.past.length).toBe(HISTORY_LIMIT);
    expect(h.past[0].label).toBe('10');
  });
});
