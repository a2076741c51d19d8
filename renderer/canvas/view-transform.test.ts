import { describe, expect, it } from 'vitest';
import type { View } from './view-transform.js';
import { fitView, screenBounds, toScreen, toSvg, wheelZoomFactor, zoomAt } from './view-transform.js';

describe('view transform', () => {
  it('round-trips points for every rotation', () => {
    for (const rotation of [0, 90, 180, 270] as const) {
      const v: View = { x: 30, y: -12, scale: 2.5, rotation };
      const [sx, sy] = toScreen(v, 100, 40);
      const [px, py] = toSvg(v, sx, sy);
      expect(px).toBeCloseTo(100);
      expect(py).toBeCloseTo(40);
    }
  });
  it('rotates clockwise on screen (y down) by 90°', () => {
    const [sx, sy] = toScreen({ x: 0, y: 0, scale: 1, rotation: 90 }, 10, 0);
    expect(sx).toBeCloseTo(0);
    expect(sy).toBeCloseTo(10);
  });
  it('zooms around the cursor', () => {
    const v: View = { x: 5, y: 7, scale: 1, rotation: 90 };
    const before = toSvg(v, 200, 100);
    const z = zoomAt(v, 200, 100, 3);
    expect(z.scale).toBe(3);
    const after = toSvg(z, 200, 100);
    expect(after[0]).toBeCloseTo(before[0]);
    expect(after[1]).toBeCloseTo(before[1]);
  });
  it('fits the frame centred, turned frames by their turned size', () => {
    const v = fitView(2000, 1000, 1032, 1032, 0, 16);
    expect(v.scale).toBeCloseTo(0.5);
    expect(toScreen(v, 1000, 500)).toEqual([516, 516]);
    const t = fitView(2000, 1000, 532, 2032, 90, 16);
    expect(t.scale).toBeCloseTo(0.5);
    const c = toScreen(t, 1000, 500);
    expect(c[0]).toBeCloseTo(266);
    expect(c[1]).toBeCloseTo(1016);
  });
  it('zooms in on a wheel turned up, further per line than per pixel', () => {
    expect(wheelZoomFactor(-100, 0)).toBeCloseTo(Math.exp(0.15));
    expect(wheelZoomFactor(100, 0)).toBeCloseTo(Math.exp(-0.15));
    expect(wheelZoomFactor(-3, 1)).toBeCloseTo(Math.exp(0.15));
    expect(wheelZoomFactor(0, 0)).toBe(1);
  });
  it('bounds a polyline on screen whatever the rotation', () => {
    const ring = [10, 20, 30, 20, 30, 60];
    expect(screenBounds({ x: 5, y: 7, scale: 2, rotation: 0 }, ring)).toEqual({
      left: 25,
      top: 47,
      right: 65,
      bottom: 127,
    });
    // 90°: SVG x runs down the screen, SVG y runs right to left
    expect(screenBounds({ x: 100, y: 0, scale: 1, rotation: 90 }, ring)).toEqual({
      left: 40,
      top: 10,
      right: 80,
      bottom: 30,
    });
  });
});
