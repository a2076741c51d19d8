import { describe, expect, it } from 'vitest';
import type { EditorState } from '../state/editor-store.js';
import { INITIAL_STATE } from '../state/editor-store.js';
import type { FrameOf } from './view-controller.js';
import { ViewController, viewRequests } from './view-controller.js';
import type { View } from './view-transform.js';
import { toScreen, toSvg } from './view-transform.js';

/** A controller over a 1032×532 stage that records what reached the scene and the owner. */
function controller(frame: ReturnType<FrameOf>) {
  const shown: View[] = [];
  const told: View[] = [];
  const target = { setView: (v: View) => shown.push(v), stage: { width: () => 1032, height: () => 532 } };
  return {
    c: new ViewController(
      target,
      () => frame,
      (v) => told.push(v),
    ),
    shown,
    told,
  };
}

describe('ViewController', () => {
  it('fits the frame to the stage, turned frames by their turned size', () => {
    const { c, shown, told } = controller({ width: 2000, height: 1000, rotation: 0 });
    c.fit();
    expect(c.current.scale).toBeCloseTo(0.5);
    expect(toScreen(c.current, 1000, 500)).toEqual([516, 266]);
    expect(shown).toEqual([c.current]);
    expect(told).toEqual([c.current]);
    const turned = controller({ width: 1000, height: 2000, rotation: 90 }).c;
    turned.fit();
    expect(turned.current.rotation).toBe(90);
    expect(turned.current.scale).toBeCloseTo(0.5);
  });

  it('does nothing to fit while no subject is open', () => {
    const { c, shown } = controller(null);
    c.fit();
    c.apply({ kind: 'fit' });
    expect(shown).toEqual([]);
    expect(c.zoomOverFit()).toBeNull();
  });

  it("zooms about the stage's middle and measures the zoom against the fitted view", () => {
    const { c } = controller({ width: 2000, height: 1000, rotation: 0 });
    c.fit();
    const middle = toSvg(c.current, 516, 266);
    c.apply({ kind: 'zoom', factor: 3 });
    expect(c.current.scale).toBeCloseTo(1.5);
    const after = toSvg(c.current, 516, 266);
    expect(after[0]).toBeCloseTo(middle[0]);
    expect(after[1]).toBeCloseTo(middle[1]);
    expect(c.zoomOverFit()).toBeCloseTo(3);
  });

  it('centres an SVG point (a click on the 3-D view) keeping the zoom', () => {
    const { c } = controller({ width: 2000, height: 1000, rotation: 180 });
    c.set({ x: 40, y: -10, scale: 2, rotation: 180 });
    c.apply({ kind: 'centre', x: 300, y: 700 });
    expect(c.current.scale).toBe(2);
    const [sx, sy] = toScreen(c.current, 300, 700);
    expect(sx).toBeCloseTo(516);
    expect(sy).toBeCloseTo(266);
  });
});

describe('viewRequests', () => {
  const base = { ...INITIAL_STATE };

  it('fits on the first update, then only on a fit request or a new rotation', () => {
    expect(viewRequests(null, base)).toEqual([{ kind: 'fit' }]);
    expect(viewRequests(base, { ...base })).toEqual([]);
    expect(viewRequests(base, { ...base, fitRequest: 1 })).toEqual([{ kind: 'fit' }]);
    expect(viewRequests(base, { ...base, rotation: 270 })).toEqual([{ kind: 'fit' }]);
  });

  it('zooms and centres once per request object, in that order', () => {
    const zoomRequest = { factor: 1.25 };
    const centreRequest = { x: 10, y: 20 };
    const asked = { ...base, zoomRequest, centreRequest };
    expect(viewRequests(base, asked)).toEqual([
      { kind: 'zoom', factor: 1.25 },
      { kind: 'centre', x: 10, y: 20 },
    ]);
    // the same request seen again (another field changed) is not repeated
    const unrelated: EditorState = { ...asked, showSulci: false };
    expect(viewRequests(asked, unrelated)).toEqual([]);
    expect(viewRequests(asked, { ...asked, zoomRequest: { factor: 1.25 } })).toEqual([
      { kind: 'zoom', factor: 1.25 },
    ]);
  });
});
