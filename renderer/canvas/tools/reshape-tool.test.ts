import { describe, expect, it } from 'vitest';
import { ringArea } from '../../../shared/roi/smooth.js';
import { findRoi } from '../../state/roi-document.js';
import { roiRings } from '../roi-rings.js';
import { reshapeRing } from './reshape-geometry.js';
import { ReshapeTool } from './reshape-tool.js';
import { drag, env, squareDoc } from './tool-test-helpers.js';

const square = [0, 0, 100, 0, 100, 100, 0, 100];

describe('reshapeRing', () => {
  it('extends: a bump drawn outside the top edge adds its area', () => {
    const out = reshapeRing(square, [30, 0, 30, -20, 70, -20, 70, 0], 5)!;
    expect(Math.abs(ringArea(out))).toBeCloseTo(10000 + 40 * 20);
  });
  it('erases: a notch drawn inside removes its area', () => {
    const out = reshapeRing(square, [30, 0, 30, 20, 70, 20, 70, 0], 5)!;
    expect(Math.abs(ringArea(out))).toBeCloseTo(10000 - 40 * 20);
  });
  it('replaces: a cut across keeps the larger piece', () => {
    const out = reshapeRing(square, [0, 80, 100, 80], 5)!;
    expect(Math.abs(ringArea(out))).toBeCloseTo(8000);
  });
  it('refuses a stroke that does not end on the outline', () => {
    expect(reshapeRing(square, [30, 0, 30, 50], 5)).toBeNull();
  });
});

describe('ReshapeTool', () => {
  it('reshapes the selected ROI from pointer events', () => {
    const tool = new ReshapeTool();
    const doc = squareDoc(['a', 0, 0, 100]);
    const pts: [number, number][] = [[30, 0]];
    for (let y = 0; y <= 20; y += 2) pts.push([30, y]);
    for (let x = 30; x <= 70; x += 2) pts.push([x, 20]);
    for (let y = 20; y >= 0; y -= 2) pts.push([70, y]);
    const last = drag(tool, env(doc, 'a'), pts).pop()!;
    if (last.kind !== 'change') throw new Error('expected a change');
    const area = Math.abs(ringArea(roiRings(findRoi(last.doc, 'a')!)[0]));
    expect(area).toBeGreaterThan(9100);
    expect(area).toBeLessThan(9300);
  });
  it('explains when nothing is selected', () => {
    const tool = new ReshapeTool();
    drag(tool, env(squareDoc(['a', 0, 0, 100])), [
      [0, 0],
      [5, 5],
    ]);
    expect(tool.lastProblem).toMatch(/Select an ROI/);
  });
});
