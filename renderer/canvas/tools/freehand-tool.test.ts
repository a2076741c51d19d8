import { describe, expect, it } from 'vitest';
import { EMPTY_DOCUMENT } from '../../state/roi-document.js';
import { FreehandTool, TOO_SMALL_HINT } from './freehand-tool.js';
import { circle, drag, env } from './tool-test-helpers.js';

describe('FreehandTool', () => {
  it('turns a drawn circle into a closed, simplified ring near the stroke', () => {
    const tool = new FreehandTool();
    const results = drag(tool, env(EMPTY_DOCUMENT), circle(100, 100, 40, 400));
    const last = results[results.length - 1];
    expect(last.kind).toBe('create');
    if (last.kind !== 'create') return;
    const n = last.ring.length / 2;
    expect(n).toBeGreaterThan(8);
    expect(n).toBeLessThan(200);
    for (let i = 0; i < last.ring.length; i += 2) {
      const r = Math.hypot(last.ring[i] - 100, last.ring[i + 1] - 100);
      expect(r).toBeGreaterThan(38);
      expect(r).toBeLessThan(41);
    }
    expect(tool.isBusy()).toBe(false);
  });

  it('is busy mid-stroke, shows the stroke, and Esc cancels without creating anything', () => {
    const tool = new FreehandTool();
    const e = env(EMPTY_DOCUMENT);
    tool.pointerDown({ x: 0, y: 0 }, e);
    tool.pointerMove({ x: 10, y: 0 }, e);
    tool.pointerMove({ x: 10, y: 10 }, e);
    expect(tool.isBusy()).toBe(true);
    expect(tool.preview()?.lines[0].points).toEqual([0, 0, 10, 0, 10, 10]);
    tool.keyDown('Escape');
    expect(tool.isBusy()).toBe(false);
    expect(tool.pointerUp({ x: 0, y: 10 }, e)).toEqual({ kind: 'none' });
  });

  it('ignores a click (a stroke too short to be an outline)', () => {
    const tool = new FreehandTool();
    const results = drag(tool, env(EMPTY_DOCUMENT), [
      [5, 5],
      [6, 5],
      [6, 6],
    ]);
    expect(results[results.length - 1].kind).toBe('none');
  });

  it('drops a stray drag (short, or enclosing almost nothing) and says why', () => {
    const tool = new FreehandTool();
    // a 6-pixel jiggle, out and back
    const jiggle = drag(tool, env(EMPTY_DOCUMENT), [
      [10, 10],
      [13, 11],
      [16, 10],
      [13, 9],
      [10, 10],
    ]);
    expect(jiggle[jiggle.length - 1].kind).toBe('none');
    expect(tool.lastProblem).toBe(TOO_SMALL_HINT);
    // a long straight line encloses no area
    const line = drag(tool, env(EMPTY_DOCUMENT), [
      [0, 0],
      [60, 1],
      [120, 0],
      [60, 2],
      [0, 0],
    ]);
    expect(line[line.length - 1].kind).toBe('none');
    // a circle of 10 px radius is an ROI, one of 3 px is not
    const zoomed = drag(new FreehandTool(), env(EMPTY_DOCUMENT, null, 1), circle(0, 0, 10, 100)).pop()!;
    expect(zoomed.kind).toBe('create');
    const small = drag(tool, env(EMPTY_DOCUMENT, null, 1), circle(0, 0, 3, 100)).pop()!;
    expect(small.kind).toBe('none');
    expect(tool.lastProblem).toBe(TOO_SMALL_HINT);
    drag(tool, env(EMPTY_DOCUMENT), circle(100, 100, 40, 400));
    expect(tool.lastProblem).toBeNull();
  });

  it('defines its tolerances on screen: zooming in keeps more nodes', () => {
    const zoomedOut = drag(new FreehandTool(), env(EMPTY_DOCUMENT, null, 1), circle(0, 0, 20, 300)).pop()!;
    const zoomedIn = drag(new FreehandTool(), env(EMPTY_DOCUMENT, null, 8), circle(0, 0, 20, 300)).pop()!;
    if (zoomedOut.kind !== 'create' || zoomedIn.kind !== 'create') throw new Error('expected rings');
    expect(zoomedIn.ring.length).toBeGreaterThan(zoomedOut.ring.length);
  });
});

describe('FreehandTool in the sulci layer', () => {
  it('keeps the stroke an open line from its first to its last point', () => {
    const tool = new FreehandTool();
    const pts: [number, number][] = [];
    for (let x = 0; x <= 100; x += 2) pts.push([x, 50 + 10 * Math.sin(x / 15)]);
    const last = drag(tool, { ...env({ rois: [] }), layer: 'sulci' }, pts).pop()!;
    if (last.kind !== 'create') throw new Error('expected a line');
    const n = last.ring.length;
    expect(last.ring.slice(0, 2)).toEqual([0, 50]);
    expect(last.ring[n - 2]).toBe(100);
    // open: the line does not come back to its start
    expect(Math.hypot(last.ring[n - 2] - last.ring[0], last.ring[n - 1] - last.ring[1])).toBeGreaterThan(90);
  });
});
