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

describe('EditTool on curved Inkscape paths', () => {
  // one ROI, two paths: a curved "left" part written by Inkscape (relative) and a square "right" part
  const curved =
    'm 0,0 c 10,-10 30,-10 40,0 c 10,10 10,30 0,40 c -10,10 -30,10 -40,0 c -10,-10 -10,-30 0,-40 z';
  const doc = {
    rois: [
      {
        ...squareDoc(['a', 200, 0, 10]).rois[0],
        paths: [{ d: curved }, squareDoc(['a', 200, 0, 10]).rois[0].paths[0]],
      },
    ],
  };

  it("shows Inkscape's nodes, not a flattened outline, and the clicked node's handles", () => {
    const tool = new EditTool();
    drag(tool, env(doc, 'a'), [[40, 0]]);
    const p = tool.preview(env(doc, 'a'))!;
    expect(p.nodes).toEqual([0, 0, 40, 0, 40, 40, 0, 40, 200, 0, 210, 0, 210, 10, 200, 10]);
    expect(p.activeNode).toEqual([40, 0]);
    // its own two handles, and the far handles of its two curves
    expect(p.handles).toEqual([40, 0, 30, -10, 40, 0, 50, 10, 0, 0, 10, -10, 40, 40, 50, 30]);
  });

  it('drags a node with its handles; only that path changes, and only its two curves', () => {
    const tool = new EditTool();
    const last = drag(tool, env(doc, 'a'), [
      [40, 0],
      [45, -5],
    ]).pop()!;
    if (last.kind !== 'change') throw new Error('expected a change');
    const roi = findRoi(last.doc, 'a')!;
    expect(roi.paths[1]).toBe(doc.rois[0].paths[1]);
    expect(roi.paths[0].d).toBe(
      'M 0,0 C 10,-10 35,-15 45,-5 C 55,5 50,30 40,40 C 30,50 10,50 0,40 C -10,30 -10,10 0,0 Z',
    );
  });

  it('drags a handle of a smooth node: the opposite one turns with it; Alt+drag moves one alone', () => {
    const tool = new EditTool();
    drag(tool, env(doc, 'a'), [[40, 0]]);
    const last = drag(tool, env(doc, 'a'), [
      [50, 10],
      [60, 0],
    ]).pop()!;
    if (last.kind !== 'change') throw new Error('expected a change');
    expect(last.label).toBe('Move handle');
    // the in-handle keeps its length (√200) and points the other way
    expect(findRoi(last.doc, 'a')!.paths[0].d).toBe(
      'M 0,0 C 10,-10 25.8579,0 40,0 C 60,0 50,30 40,40 C 30,50 10,50 0,40 C -10,30 -10,10 0,0 Z',
    );
    const cusp = drag(
      tool,
      env(doc, 'a'),
      [
        [50, 10],
        [60, 0],
      ],
      { altKey: true },
    ).pop()!;
    if (cusp.kind !== 'change') throw new Error('expected a change');
    expect(findRoi(cusp.doc, 'a')!.paths[0].d).toBe(
      'M 0,0 C 10,-10 30,-10 40,0 C 60,0 50,30 40,40 C 30,50 10,50 0,40 C -10,30 -10,10 0,0 Z',
    );
  });

  it('a press on a curve splits it there, keeping the outline', () => {
    const tool = new EditTool();
    const last = drag(tool, env(doc, 'a'), [[20, -7.5]]).pop()!;
    if (last.kind !== 'change') throw new Error('expected a change');
    expect(last.label).toBe('Insert node');
    expect(findRoi(last.doc, 'a')!.paths[0].d).toBe(
      'M 0,0 C 5,-5 12.5,-7.5 20,-7.5 C 27.5,-7.5 35,-5 40,0 C 50,10 50,30 40,40 C 30,50 10,50 0,40 C -10,30 -10,10 0,0 Z',
    );
  });
});

describe('EditTool in the sulci layer', () => {
  const doc = {
    rois: [
      { ...squareDoc(['r', 0, 0, 100]).rois[0] },
      {
        ...squareDoc(['s', 0, 0, 1]).rois[0],
        layer: 'sulci' as const,
        paths: [{ d: 'M 10,50 L 50,50 L 90,60' }],
      },
    ],
  };
  it('picks a sulcus by its line, only while editing the sulci layer', () => {
    const tool = new EditTool();
    expect(drag(tool, { ...env(doc), layer: 'sulci' }, [[30, 53]])[0]).toEqual({ kind: 'select', key: 's' });
    expect(drag(tool, env(doc), [[30, 53]])[0]).toEqual({ kind: 'select', key: 'r' });
  });
  it('moves a node of a sulcus and writes it back as an open line', () => {
    const tool = new EditTool();
    const last = drag(tool, { ...env(doc, 's'), layer: 'sulci' }, [
      [50, 50],
      [50, 40],
    ]).pop()!;
    if (last.kind !== 'change') throw new Error('expected a change');
    expect(findRoi(last.doc, 's')!.paths[0].d).toBe('M 10,50 L 50,40 L 90,60');
  });
});
