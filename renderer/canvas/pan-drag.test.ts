import { describe, expect, it } from 'vitest';
import { pannedView, startPan, startsPan } from './pan-drag.js';
import type { View } from './view-transform.js';
import { toSvg } from './view-transform.js';

describe('pan drag', () => {
  it('starts with the middle button, or the left one with Space or the Pan tool', () => {
    expect(startsPan(1, false, 'freehand')).toBe(true);
    expect(startsPan(0, true, 'edit')).toBe(true);
    expect(startsPan(0, false, 'pan')).toBe(true);
    expect(startsPan(0, false, 'freehand')).toBe(false);
    expect(startsPan(2, true, 'pan')).toBe(false);
  });

  it('keeps the grabbed SVG point under the pointer, zoom and rotation unchanged', () => {
    const view: View = { x: 12, y: -30, scale: 1.7, rotation: 90 };
    const drag = startPan(3, { x: 200, y: 150 }, view);
    const grabbed = toSvg(view, 200, 150);
    const moved = pannedView(drag, view, { x: 260, y: 95 });
    expect(moved).toEqual({ x: 72, y: -85, scale: 1.7, rotation: 90 });
    const under = toSvg(moved, 260, 95);
    expect(under[0]).toBeCloseTo(grabbed[0]);
    expect(under[1]).toBeCloseTo(grabbed[1]);
    expect(drag.pointerId).toBe(3);
  });
});
