import { describe, expect, it } from 'vitest';
import { pycortexLabelPosition } from './pycortex-label-position.js';

describe("pycortex's label position", () => {
  it('puts a convex shape’s name at its middle, and an L-shaped one in its thickest part', () => {
    const [x, y] = pycortexLabelPosition('M 100,100 L 300,100 L 300,200 L 100,200 Z')!;
    expect(x).toBeCloseTo(200, 0);
    expect(y).toBeCloseTo(150, 0);
    // an L: a 200×40 bar along the top and a 40×200 bar down the left; the erosion's last
    // survivor sits in the corner square, not at the centroid (which lies outside the shape)
    const [lx, ly] = pycortexLabelPosition('m 0,0 l 200,0 0,40 -160,0 0,160 -40,0 z')!;
    expect(lx).toBeLessThan(45);
    expect(ly).toBeLessThan(45);
  });

  it("reads paths with pycortex's quirks: bare pairs after M are relative, H/V zero the other coordinate", () => {
    // absolute pairs read as relative steps: the walk ends far from the drawn square
    const [x, y] = pycortexLabelPosition('M 100,100 300,100 300,200 100,200 Z')!;
    expect(x).toBeGreaterThan(300);
    expect(y).toBeGreaterThan(200);
    // two points: their mean (an open sulcus line)
    expect(pycortexLabelPosition('M 430.0,170.0 C 450.0,230.0 470.0,300.0 470.0,380.0')).toEqual([450, 275]);
    // H takes y to 0
    expect(pycortexLabelPosition('M 10,50 H 30')).toEqual([20, 25]);
    // what pycortex cannot read gives no label
    expect(pycortexLabelPosition('M 0,0 A 5 5 0 0 1 10 10')).toBeNull();
    expect(pycortexLabelPosition('L 0,0 1,1')).toBeNull();
  });
});
