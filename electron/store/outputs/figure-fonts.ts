import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type * as OpenType from 'opentype.js';
import type { FigureFonts } from '../../../shared/figure/make-figure.js';
import type { OutlineFont } from '../../../shared/figure/vector-text.js';

// opentype.js's CommonJS build, which Node, Electron and the tests all load the same way
const require = createRequire(import.meta.url);

/**
 * DejaVu Sans, matplotlib's default family (so PNG figures read like pycortex's), from the
 * @fontsource package: bold italic for ROI names, regular for ticks. Parsed once per process.
 */
let loading: Promise<FigureFonts> | null = null;

export function figureFonts(): Promise<FigureFonts> {
  if (!loading) {
    loading = Promise.all([loadFont('700-italic'), loadFont('400-normal')]).then(([label, tick]) => ({
      label,
      tick,
    }));
    // a failure is reported to this caller; the next one tries again
    void loading.catch(() => (loading = null));
  }
  return loading;
}

async function loadFont(style: string): Promise<OutlineFont> {
  const file = require.resolve(`@fontsource/dejavu-sans/files/dejavu-sans-latin-${style}.woff`);
  const bytes = await readFile(file);
  const opentype = require('opentype.js') as typeof OpenType;
  try {
    return opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  } catch (e) {
    throw new Error(`${file}: not a font opentype.js can read (${(e as Error).message})`, { cause: e });
  }
}
