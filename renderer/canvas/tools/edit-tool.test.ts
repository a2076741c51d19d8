import { describe, expect, it } from 'vitest';
import { findRoi } from '../../state/roi-document.js';
import { roiRings } from '../roi-rings.js';
import { EditTool } from './edit-tool.js';
import { drag, env, squareDoc } from './tool-test-helpers.js';

const doc = squareDoc(['a', 0, 0, 10], ['b', 100, 100, 20]);

describe('EditTool', () => {
  it('selects the ROI clicked, and clears the selection on empty space', () => {
    const tool = new EditTool();
    expect(drag(tool, env(doc), [[110, 110]])[0]).toEqual({ kind: 'select', key: 'b' });
    expect(drag(tool, env(doc, 'b'), [[50, 50]])[0]).toEqual({ kind: 'select', key: null });
  });

  it('drags a node of the selected ROI; the document changes only on release', () => {
    const tool = new EditTool();
    const results = drag(tool, env(doc, 'a'), [
      [10, 10],
      [12, 13],
      [15, 15],
    ]);
    expect(results.slice(0, -1).every((r) => r.kind === 'none')).toBe(true);
    const last = results[results.length - 1];
    expect(last.kind).toBe('change');
    if (last.kind !== 'change') return;
    expect(last.label).toBe('Move node');
    expect(roiRings(findRoi(last.doc, 'a')!)).toEqual([[0, 0, 10, 0, 15, 15, 0, 10]]);
    expect(findRoi(last.doc, 'a')!.pathsChanged).toBe(true);
    expect(findRoi(doc, 'a')!.pathsChanged).toBe(false);
    expect(findRoi(last.doc, 'b')).toBe(findRoi(doc, 'b'));
  });

  it('inserts a node on a segment and drags it', () => {
    const tool = new EditTool();
    const last = drag(tool, env(doc, 'b'), [
      [110, 100],
      [110, 96],
    ]).pop()!;
    if (last.kind !== 'change') throw new Error('expected a change');
    expect(last.label).toBe('Insert node');
    expect(roiRings(findRoi(last.doc, 'b')!)).toEqual([[100, 100, 110, 96, 120, 100, 120, 120, 100, 120]]);
  });

  it('deletes a node with Alt+click, and with Delete after clicking it', () => {
    const tool = new EditTool();
    const base = squareDoc(['a', 0, 0, 10]);
    const alt = drag(tool, env(base, 'a'), [[0, 10]], { altKey: true })[0];
    if (alt.kind !== 'change') throw new Error('expected a change');
    expect(roiRings(findRoi(alt.doc, 'a')!)).toEqual([[0, 0, 10, 0, 10, 10]]);
    // a triangle keeps its nodes
    const tri = new EditTool();
    drag(tri, env(alt.doc, 'a'), [[0, 0]]);
    expect(tri.keyDown('Delete', env(alt.doc, 'a'))).toEqual({ kind: 'none' });
    const sq = new EditTool();
    drag(sq, env(base, 'a'), [[10, 0]]);
    const del = sq.keyDown('Delete', env(base, 'a'));
    if (del.kind !== 'change') throw new Error('expected a change');
    expect(roiRings(findRoi(del.doc, 'a')!)).toEqual([[0, 0, 10, 10, 0, 10]]);
  });

  it('moves the whole ROI when dragged from inside', () => {
    const tool = new EditTool();
    const last = drag(tool, env(doc, 'b'), [
      [110, 110],
      [115, 112],
      [120, 115],
    ]).pop()!;
    if (last.kind !== 'change') throw new Error('expected a change');
    expect(last.label).toBe('Move ROI');
    expect(roiRings(findRoi(last.doc, 'b')!)).toEqual([[110, 105, 130, 105, 130, 125, 110, 125]]);
  });

  it('is busy only during a drag', () => {
    const tool = new EditTool();
    tool.pointerDown({ x: 105, y: 105 }, env(doc, 'b'));
    expect(tool.isBusy()).toBe(true);
    tool.pointerUp({ x: 105, y: 105 }, env(doc, 'b'));
    expect(tool.isBusy()).toBe(false);
  });
});
