import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { makeFigure } from '../../../shared/figure/make-figure.js';
import { COLORMAPS, colormapLut, lutSize } from '../../../shared/flatmap/colormaps.js';
import { encodePng } from './png-encode.js';
import { figureFonts } from './figure-fonts.js';

/**
 * Every pycortex 1-D colour map through a figure and its PNG: a ramp over [vmin, vmax) drawn
 * one value per column comes back as the map's row, left to right, within 1/255.
 */
describe("pycortex's colour maps in PNG figures", () => {
  it('a ramp reproduces each 1-D map’s row', async () => {
    const fonts = await figureFonts();
    const width = 512;
    const height = 2;
    let worst = 0;
    for (const { id } of COLORMAPS) {
      const lut = colormapLut(id);
      const n = lutSize(lut);
      // column x holds the value at the middle of its share of [0, 1)
      const image = new Float32Array(width * height);
      for (let i = 0; i < image.length; i++) image[i] = ((i % width) + 0.5) / width;
      const figure = makeFigure({
        width,
        height,
        data: { image, lut, vmin: 0, vmax: 1 },
        rois: { shapes: [], clip: null },
        svgWidth: width,
        svgHeight: height,
        scale: 1,
        colorbar: false,
        fonts,
      });
      const png = PNG.sync.read(Buffer.from(encodePng(figure.width, figure.height, figure.rgba)));
      expect([png.width, png.height], id).toEqual([width, height]);
      for (let x = 0; x < width; x++) {
        const entry = Math.floor(((x + 0.5) / width) * n);
        for (let k = 0; k < 4; k++) {
          const d = Math.abs(png.data[4 * x + k] - lut[4 * entry + k]);
          worst = Math.max(worst, d);
          if (d > 1) expect(png.data[4 * x + k], `${id} column ${x} channel ${k}`).toBe(lut[4 * entry + k]);
        }
      }
    }
    expect(COLORMAPS.length).toBe(168);
    console.log(`${COLORMAPS.length} colour maps: largest difference ${worst}/255`);
  }, 60_000);
});
