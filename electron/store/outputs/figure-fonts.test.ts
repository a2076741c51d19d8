import { describe, expect, it } from 'vitest';
import { fillPolygons, newLayer } from '../../../shared/figure/coverage.js';
import { capHeight, textPolygons, textWidth } from '../../../shared/figure/vector-text.js';
import { figureFonts } from './figure-fonts.js';

describe('figure fonts (DejaVu Sans from @fontsource, read by opentype.js)', () => {
  it('load once, and draw a label at its size, slanted in the bold italic', async () => {
    const fonts = await figureFonts();
    expect(await figureFonts()).toBe(fonts);
    const size = 40;
    // DejaVu's capitals are 0.729 em high; "V1" is two glyph advances wide
    expect(capHeight(fonts.label, size)).toBeCloseTo(0.729 * size, 0);
    expect(textWidth(fonts.tick, 'V1', size)).toBeCloseTo(((1401 + 1303) / 2048) * size, 6);
    const layer = newLayer(120, 60);
    fillPolygons(layer, textPolygons(fonts.label, 'V1', 60, 45, size));
    const inkRow = (y: number) => {
      const xs: number[] = [];
      for (let x = 0; x < 120; x++) if (layer.alpha[y * 120 + x] > 127) xs.push(x);
      return xs;
    };
    let top = 60;
    let bottom = -1;
    for (let y = 0; y < 60; y++)
      if (inkRow(y).length) {
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
    // caps stand on the baseline (row 45) and reach the cap height
    expect(bottom).toBe(44);
    expect(45 - top).toBeGreaterThanOrEqual(28);
    expect(45 - top).toBeLessThanOrEqual(30);
    // antialiased edges
    expect(layer.alpha.some((a) => a > 0 && a < 255)).toBe(true);
    // italic: an upright "I" of the bold italic leans right, the regular one does not
    const lean = (font: typeof fonts.label) => {
      const bar = newLayer(60, 60);
      fillPolygons(bar, textPolygons(font, 'I', 30, 45, size));
      const left = (y: number) => bar.alpha.subarray(60 * y, 60 * y + 60).findIndex((a) => a > 127);
      return left(18) - left(42);
    };
    expect(lean(fonts.label)).toBeGreaterThan(3);
    expect(lean(fonts.tick)).toBe(0);
  });
});
