import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { missingReference, referencePath } from '../../electron/testing/shared-data.js';
import { colormapLut } from './colormaps.js';
import { PYCORTEX_2D, PYCORTEX_ROWS } from './pycortex-colormap-data.js';

const bundled = join(import.meta.dirname, '..', '..', 'assets', 'pycortex-colormaps');
const images = readdirSync(bundled).filter((f) => f.endsWith('.png'));

describe("pycortex's colour maps, bundled", () => {
  it('every 1-D image is its first row, left to right; every other image is a named 2-D map', () => {
    expect(images).toHaveLength(197);
    for (const file of images) {
      const name = file.slice(0, -4);
      const png = PNG.sync.read(readFileSync(join(bundled, file)));
      if (png.height === 1) {
        expect(Array.from(colormapLut(name)), name).toEqual(Array.from(png.data.subarray(0, 4 * png.width)));
      } else {
        expect(PYCORTEX_2D, name).toContain(name);
        expect(Object.hasOwn(PYCORTEX_ROWS, name), name).toBe(false);
      }
    }
    expect(Object.keys(PYCORTEX_ROWS).length + PYCORTEX_2D.length).toBe(images.length);
  });

  it.skipIf(missingReference('data/pycortex-colormaps'))(
    "are pycortex's files, byte for byte, with its licence",
    () => {
      const source = referencePath('data/pycortex-colormaps');
      for (const file of [...images, 'LICENSE-pycortex'])
        expect(readFileSync(join(bundled, file)).equals(readFileSync(join(source, file))), file).toBe(true);
    },
  );
});
