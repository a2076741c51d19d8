import { PNG } from 'pngjs';

/** RGBA pixels (row 0 at the top) as PNG bytes, for figures and `flatmap --out FILE.png`. */
export function encodePng(width: number, height: number, rgba: Uint8ClampedArray): Uint8Array {
  // one filter (Paeth) instead of pngjs's try-all-five per row: a 300 dpi figure encodes several times faster
  const png = new PNG({ width, height, filterType: 4 });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  return PNG.sync.write(png);
}
