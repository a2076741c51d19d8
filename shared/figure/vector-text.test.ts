import { describe, expect, it } from 'vitest';
import { fillPolygons, newLayer } from './coverage.js';
import { capHeight, textPolygons, textWidth, type OutlineFont, type PathCommand } from './vector-text.js';

/**
 * A font of boxes, 1000 units per em: every glyph is a bar 400 units wide and 700 high (the
 * cap height) on the baseline, advancing 500; "o" is a quadratic bowl, to exercise curves.
 */
const boxes: OutlineFont = {
  unitsPerEm: 1000,
  charToGlyph: (ch) => ({
    advanceWidth: 500,
    getPath: (x, y, size) => {
      const k = size / 1000;
      const commands: PathCommand[] =
        ch === 'o'
          ? [
              { type: 'M', x, y },
              { type: 'Q', x1: x + 200 * k, y1: y - 1000 * k, x: x + 400 * k, y },
              { type: 'Z' },
            ]
          : [
              { type: 'M', x, y },
              { type: 'L', x, y: y - 700 * k },
              { type: 'L', x: x + 400 * k, y: y - 700 * k },
              { type: 'L', x: x + 400 * k, y },
              { type: 'Z' },
            ];
      return { commands };
    },
  }),
};

describe('text from font outlines', () => {
  it('lays glyphs out by their advances, centred or from the left, on the baseline', () => {
    expect(textWidth(boxes, 'AB', 20)).toBe(20);
    expect(capHeight(boxes, 20)).toBeCloseTo(14);
    const [a, b] = textPolygons(boxes, 'AB', 50, 30, 20);
    expect(a).toEqual([40, 30, 40, 16, 48, 16, 48, 30]);
    expect(b).toEqual([50, 30, 50, 16, 58, 16, 58, 30]);
    expect(textPolygons(boxes, 'A', 5, 30, 20, 'start')[0][0]).toBe(5);
  });

  it('flattens curves into the outline', () => {
    const [bowl] = textPolygons(boxes, 'o', 0, 100, 100, 'start');
    expect(bowl.length).toBeGreaterThan(10);
    // the quadratic's apex: halfway across, half the control point's height
    const ys = bowl.filter((_, i) => i % 2 === 1);
    expect(Math.min(...ys)).toBeCloseTo(50);
  });

  it('fills text into a coverage layer, antialiased where edges cut pixels', () => {
    const layer = newLayer(40, 20);
    // "I" at size 10 starting at x = 10.5: the bar covers x 10.5–14.5, y 8–15
    fillPolygons(layer, textPolygons(boxes, 'I', 10.5, 15, 10, 'start'));
    const at = (x: number, y: number) => layer.alpha[y * 40 + x];
    expect([at(10, 10), at(11, 10), at(13, 10), at(14, 10), at(15, 10)]).toEqual([128, 255, 255, 128, 0]);
    expect([at(12, 7), at(12, 8), at(12, 14), at(12, 15)]).toEqual([0, 255, 255, 0]);
  });
});
