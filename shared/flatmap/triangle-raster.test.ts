import { describe, expect, it } from 'vitest';
import { buildFlatDelaunay, type FlatDelaunay } from './flat-delaunay.js';
import { extentsOf } from './flat-frame.js';
import { imageGrid, type ImageGrid } from './image-grid.js';
import { rasteriseTriangles } from './triangle-raster.js';

/** Every pixel against every triangle with the raster's exact edge test: the first that passes. */
function bruteForce(d: FlatDelaunay, mask: Uint8Array, grid: ImageGrid): Int32Array {
  const { coords, triangles, orientation: o } = d;
  const out = new Int32Array(grid.width * grid.height).fill(-1);
  const passes = (u: number, v: number, px: number, py: number) =>
    o *
      ((coords[2 * v] - coords[2 * u]) * (py - coords[2 * u + 1]) -
        (coords[2 * v + 1] - coords[2 * u + 1]) * (px - coords[2 * u])) >=
    0;
  for (let r = 0; r < grid.height; r++)
    for (let c = 0; c < grid.width; c++) {
      const p = r * grid.width + c;
      if (!mask[p]) continue;
      for (let t = 0; t < triangles.length / 3; t++) {
        const [a, b, e] = [triangles[3 * t], triangles[3 * t + 1], triangles[3 * t + 2]];
        if (
          passes(a, b, grid.xs[c], grid.ys[r]) &&
          passes(b, e, grid.xs[c], grid.ys[r]) &&
          passes(e, a, grid.xs[c], grid.ys[r])
        ) {
          out[p] = t;
          break;
        }
      }
    }
  return out;
}

/**
 * Points that stress the bounds: random ones, ones on (float32-rounded) grid points and grid
 * lines, and a far pair that makes long thin hull triangles spanning most of the image.
 */
function stressPoints(): { xy: Float32Array; grid: ImageGrid } {
  let s = 7;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pts: number[] = [0, 0, 40, 0, 0, 30, 40, 30, 20, -0.001, 20.5, 30.001];
  for (let i = 0; i < 200; i++) pts.push(rand() * 40, rand() * 30);
  const first = imageGrid(extentsOf(Float32Array.from(pts)), 48);
  for (let i = 0; i < 60; i++) {
    const c = Math.floor(rand() * first.width);
    const r = Math.floor(rand() * first.height);
    pts.push(first.xs[c], i % 2 ? first.ys[r] : rand() * 30);
  }
  const xy = Float32Array.from(pts);
  return { xy, grid: imageGrid(extentsOf(xy), 48) };
}

describe('triangle raster', () => {
  const { xy, grid } = stressPoints();
  const d = buildFlatDelaunay({ xy, valid: new Uint8Array(xy.length / 2).fill(1) });
  const mask = new Uint8Array(grid.width * grid.height);
  for (let p = 0; p < mask.length; p++) mask[p] = p % 7 === 3 ? 0 : 1;

  it('claims exactly the pixels a test of every triangle at every pixel claims', () => {
    const got = rasteriseTriangles(d, { mask } as never, grid);
    const want = bruteForce(d, mask, grid);
    expect(got.filter((t) => t >= 0).length).toBeGreaterThan(mask.length * 0.7);
    expect([...got]).toEqual([...want]);
  });

  it('a band of rows equals those rows of the whole image', () => {
    const whole = rasteriseTriangles(d, { mask } as never, grid);
    const band = rasteriseTriangles(d, { mask } as never, grid, 13, 31);
    expect([...band]).toEqual([...whole.subarray(13 * grid.width, 31 * grid.width)]);
  });
});
