import { describe, expect, it } from 'vitest';
import { INITIAL_STATE } from '../state/editor-store.js';
import { EMPTY_DOCUMENT } from '../state/roi-document.js';
import { ToolRouter, makeTools, toolEnv } from './tool-router.js';
import { circle, env, squareDoc } from './tools/tool-test-helpers.js';
import type { ToolId } from './tools/tool-types.js';

/** A router over the real tools whose active tool the test switches, as the toolbar does. */
function router(initial: ToolId) {
  let id = initial;
  const tools = makeTools();
  const r = new ToolRouter(() => id, tools);
  return { r, tools, use: (next: ToolId) => (id = next) };
}

const e = env(EMPTY_DOCUMENT);

describe('ToolRouter', () => {
  it('sends events to the active tool only, and none with the Pan tool', () => {
    const { r, tools, use } = router('polygon');
    expect(r.pointerDown(1, { x: 0, y: 0 }, e)?.busy).toBe(true);
    expect(tools.polygon.isBusy()).toBe(true);
    expect(tools.freehand.isBusy()).toBe(false);
    use('pan');
    expect(r.active()).toBeNull();
    expect(r.pointerDown(1, { x: 5, y: 5 }, e)).toBeNull();
    expect(r.pointerMove([{ x: 6, y: 6 }], e)).toBe(false);
    expect(r.keyDown('Escape', e)).toBeNull();
    expect(r.preview(e)).toBeNull();
    use('polygon');
    expect(r.preview(e)?.nodes).toEqual([0, 0]);
  });

  it('ends a gesture only on the release of the pointer that started it', () => {
    const { r, tools } = router('freehand');
    r.pointerDown(7, { x: 100, y: 100 }, e);
    const stroke = circle(100, 100, 40, 200).map(([x, y]) => ({ x, y }));
    expect(r.owns(7)).toBe(true);
    expect(r.owns(8)).toBe(false);
    expect(r.pointerMove(stroke, e)).toBe(true);
    expect(r.pointerUp(8, stroke[stroke.length - 1], e)).toBeNull();
    expect(tools.freehand.isBusy()).toBe(true);
    const done = r.pointerUp(7, stroke[stroke.length - 1], e);
    expect(done?.result.kind).toBe('create');
    expect(done?.busy).toBe(false);
    expect(r.owns(7)).toBe(false);
    // a second release of the same pointer does not reach the tool
    expect(r.pointerUp(7, stroke[0], e)).toBeNull();
  });

  it('claims a tool key when it acts, mid-gesture, or for Escape, and leaves other keys to the app', () => {
    const { r, use } = router('polygon');
    expect(r.keyDown('a', e)).toBeNull();
    // idle: Delete and Enter do nothing and stay the app's (delete ROI, shortcuts)
    expect(r.keyDown('Delete', e)?.claimed).toBe(false);
    expect(r.keyDown('Enter', e)?.claimed).toBe(false);
    expect(r.keyDown('Escape', e)?.claimed).toBe(true);
    for (const [x, y] of [
      [0, 0],
      [10, 0],
      [0, 10],
    ]) {
      r.pointerDown(1, { x, y }, e);
      r.pointerUp(1, { x, y }, e);
    }
    const enter = r.keyDown('Enter', e);
    expect(enter?.claimed).toBe(true);
    expect(enter?.outcome.result).toEqual({ kind: 'create', ring: [0, 0, 10, 0, 0, 10] });
    expect(enter?.outcome.busy).toBe(false);
    // mid-stroke, a key the tool ignores is still kept from the app
    use('freehand');
    r.pointerDown(2, { x: 0, y: 0 }, e);
    const del = r.keyDown('Delete', e);
    expect(del?.outcome.result.kind).toBe('none');
    expect(del?.claimed).toBe(true);
  });

  it("reports the tool's busy state and why a gesture did nothing", () => {
    const { r } = router('reshape');
    const doc = squareDoc(['a', 0, 0, 10]);
    const refused = r.pointerDown(1, { x: 0, y: 0 }, env(doc, null));
    expect(refused?.result.kind).toBe('none');
    expect(refused?.busy).toBe(false);
    expect(refused?.problem).toMatch(/Select an ROI first/);
    const started = r.pointerDown(1, { x: 0, y: 5 }, env(doc, 'a'));
    expect(started).toEqual({ result: { kind: 'none' }, busy: true, problem: null });
  });

  it('cancels every tool on cancelAll (map or tool changed under a gesture)', () => {
    const { r, tools, use } = router('freehand');
    r.pointerDown(1, { x: 0, y: 0 }, e);
    use('polygon');
    r.pointerDown(1, { x: 0, y: 0 }, e);
    expect(tools.freehand.isBusy() && tools.polygon.isBusy()).toBe(true);
    r.cancelAll();
    expect(Object.values(tools).some((t) => t.isBusy())).toBe(false);
  });

  it("builds the tools' view of the editor from the store and the zoom", () => {
    const doc = squareDoc(['a', 0, 0, 10]);
    const hidden = new Set(['b']);
    const s = { ...INITIAL_STATE, doc, selectedKey: 'a', hiddenKeys: hidden, drawLayer: 'sulci' as const };
    expect(toolEnv(s, 2.5)).toEqual({
      scale: 2.5,
      doc,
      selectedKey: 'a',
      hiddenKeys: hidden,
      layer: 'sulci',
    });
  });
});
