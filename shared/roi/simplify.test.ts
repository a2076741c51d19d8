import { describe, expect, it } from 'vitest';
import { dropClosePoints, simplifyPolyline, simplifyRing } from './simplify.js';

describe('simplifyPolyline', () => {
  it('removes collinear points and keeps corners', () => {
    const xy = [0, 0, 1, 0, 2, 0, 3, 0, 3, 1, 3, 2, 3, 3];
    expect(simplifyPolyline(xy, 0.01)).toEqual([0, 0, 3, 0, 3, 3]);
  });
  it('keeps a point deviating more than the tolerance', () => {
    const xy = [0, 0, 5, 0.6, 10, 0];
    expect(simplifyPolyline(xy, 0.5)).toEqual(xy);
    expect(simplifyPolyline(xy, 1)).toEqual([0, 0, 10, 0]);
  });
});

describe('simplifyRing', () => {
  it('reduces a densely sampled square to its four corners', () => {
    const xy: number[] = [];
    for (let i = 0; i < 10; i++) xy.push(i, 0);
    for (let i = 0; i < 10; i++) xy.push(10, i);
    for (let i = 10; i > 0; i--) xy.push(i, 10);
    for (let i = 10; i > 0; i--) xy.push(0, i);
    const out = simplifyRing(xy, 0.1);
    const pts = new Set<string>();
    for (let i = 0; i < out.length; i += 2) pts.add(`${out[i]},${out[i + 1]}`);
    expect(pts).toEqual(new Set(['0,0', '10,0', '10,10', '0,10']));
  });
});

describe('dropClosePoints', () => {
  it('drops points closer than the step but keeps the last one', () => {
    expect(dropClosePoints([0, 0, 0.1, 0, 0.2, 0, 2, 0, 2.1, 0], 1)).toEqual([0, 0, 2, 0, 2.1, 0]);
  });
});
