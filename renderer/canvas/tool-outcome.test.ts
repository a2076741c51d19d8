import { beforeEach, describe, expect, it } from 'vitest';
import { INITIAL_STATE, editor } from '../state/editor-store.js';
import { applyToolOutcome } from './tool-outcome.js';
import { squareDoc } from './tools/tool-test-helpers.js';

const box = (ring: number[]) => ({ left: ring[0], top: ring[1], right: ring[2], bottom: ring[3] });

describe('applyToolOutcome', () => {
  beforeEach(() => editor.set(INITIAL_STATE, true));

  it('keeps a new outline waiting for its name, with where it is on screen', () => {
    applyToolOutcome(
      { result: { kind: 'create', ring: [1, 2, 30, 40, 5, 6] }, busy: false, problem: null },
      box,
    );
    expect(editor.get().pendingRing).toEqual([1, 2, 30, 40, 5, 6]);
    expect(editor.get().pendingBox).toEqual({ left: 1, top: 2, right: 30, bottom: 40 });
    expect(editor.get().history.past).toHaveLength(0);
  });

  it('commits an edit for undo and selects what it names', () => {
    const doc = squareDoc(['a', 0, 0, 10]);
    applyToolOutcome(
      { result: { kind: 'change', label: 'Move ROI', doc, selectKey: 'a' }, busy: false, problem: null },
      box,
    );
    const s = editor.get();
    expect(s.doc).toBe(doc);
    expect(s.selectedKey).toBe('a');
    expect(s.history.past.map((step) => step.label)).toEqual(['Move ROI']);
    expect(s.notice).toBe('Move ROI');
  });

  it('follows the gesture flag and shows why a gesture did nothing', () => {
    applyToolOutcome({ result: { kind: 'none' }, busy: true, problem: null }, box);
    expect(editor.get().gestureActive).toBe(true);
    applyToolOutcome(
      { result: { kind: 'select', key: 'b' }, busy: false, problem: 'Start on the outline.' },
      box,
    );
    expect(editor.get()).toMatchObject({
      gestureActive: false,
      selectedKey: 'b',
      notice: 'Start on the outline.',
    });
  });
});
