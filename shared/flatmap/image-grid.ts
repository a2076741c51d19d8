/**
 * Size and sampling grid of a quickflat image of a given height (pycortex-formats.md §4.2, §4.4).
 * pycortex ran on numpy 1.x, where a Python number combined with a float32 scalar computes in
 * float64 while a float32 array times a scalar stays float32; the arithmetic below follows that.
 */

const f32 = Math.fround;

export interface ImageGrid {
  width: number;
  height: number;
  /** mask raster scale: flat units → mask pixels, float32 (the polygon fill uses it) */
  aspect: number;
  /** flat x of image column c (linspace over the extents, inclusive endpoints), float64 */
  xs: Float64Array;
  /** flat y of image row r, row 0 at the top (flat ymax), float64 */
  ys: Float64Array;
}

export function imageWidth(extents: readonly number[], height: number): number {
  const [xmin, xmax, ymin, ymax] = extents;
  const aspect = height / f32(ymax - ymin);
  const width = Math.trunc(aspect * f32(xmax - xmin));
  // the pixel cache computes the width a second way; pycortex asserts they agree (B16)
  const other = Math.trunc(f32(f32(xmax - xmin) / f32(ymax - ymin)) * height);
  if (other !== width)
    throw new Error(`flatmap width is ambiguous at height ${height} (${width} vs ${other})`);
  return width;
}

export function imageGrid(extents: readonly number[], height: number): ImageGrid {
  if (!Number.isInteger(height) || height < 2) throw new Error(`invalid flatmap height ${height}`);
  const [xmin, xmax, ymin, ymax] = extents;
  const width = imageWidth(extents, height);
  const aspect = f32(height / f32(ymax - ymin));
  const xs = new Float64Array(width);
  const dx = f32(xmax - xmin) / (width - 1);
  for (let c = 0; c < width; c++) xs[c] = c * dx + xmin;
  const ys = new Float64Array(height);
  const dy = f32(ymax - ymin) / (height - 1);
  // mgrid runs bottom → top; image row r is grid row height − 1 − r
  for (let j = 0; j < height; j++) ys[height - 1 - j] = j * dy + ymin;
  return { width, height, aspect, xs, ys };
}
