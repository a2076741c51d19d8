import { describe, expect, it } from 'vitest';
import { EMPTY_DOCUMENT } from '../../state/roi-document.js';
import { PolygonTool } from './polygon-tool.js';
import { env } from './tool-test-helpers.js';

const click = (tool: PolygonTool, x: number, y: number) => {
  const e = env(EMPTY_DOCUMENT);
  tool.pointerDown({ x, y }, e);
  return tool.pointerUp({ x, y }, e);
};

describe('PolygonTool', () => {
  it('adds a node per click and closes on double-click', () => {
    const tool = new PolygonTool();
    click(tool, 0, 0);
    click(tool, 10, 0);
    click(tool, 10, 10);
    click(tool, 10, 10); // first half of the double-click: no duplicate node
    expect(tool.isBusy()).toBe(true);
    expect(tool.doubleClick()).toEqual({ kind: 'create', ring: [0, 0, 10, 0, 10, 10] });
    expect(tool.isBusy()).toBe(false);
  });

  it('closes with Enter and by clicking the first node', () => {
    const a = new PolygonTool();
    [
      [0, 0],
      [10, 0],
      [0, 10],
    ].forEach(([x, y]) => click(a, x, y));
    expect(a.keyDown('Enter')).toEqual({ kind: 'create', ring: [0, 0, 10, 0, 0, 10] });
    const b = new PolygonTool();
    [
      [0, 0],
      [10, 0],
      [0, 10],
    ].forEach(([x, y]) => click(b, x, y));
    const e = env(EMPTY_DOCUMENT);
    expect(b.pointerDown({ x: 1, y: 1 }, e)).toEqual({ kind: 'create', ring: [0, 0, 10, 0, 0, 10] });
  });

  it('refuses to close fewer than three nodes; Backspace removes the last node; Esc cancels', () => {
    const tool = new PolygonTool();
    click(tool, 0, 0);
    click(tool, 10, 0);
    click(tool, 20, 5);
    tool.keyDown('Backspace');
    expect(tool.preview()?.nodes).toEqual([0, 0, 10, 0]);
    tool.keyDown('Escape');
    expect(tool.isBusy()).toBe(false);
    click(tool, 0, 0);
    click(tool, 5, 0);
    expect(tool.keyDown('Enter')).toEqual({ kind: 'none' });
  });
});
