import { describe, expect, it } from 'vitest';
import { reprojectVertexSet } from './reproject.js';

describe('reprojectVertexSet', () => {
  it('outlines the pixels whose nearest vertex is a member, one path per hemisphere', () => {
    // 12×4 raster, 1 px = 1 SVG unit; vertices 0..5 left (nL = 6), 6..11 right, one per column
    const width = 12;
    const height = 4;
    const pixelVertex = new Int32Array(width * height);
    for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) pixelVertex[r * width + c] = c;
    const members = new Uint8Array(12);
    for (const v of [2, 3, 4, 5, 6, 7]) members[v] = 1; // straddles the hemisphere border
    const paths = reprojectVertexSet(pixelVertex, width, height, members, 6, {
      svgWidth: width - 1,
      svgHeight: height - 1,
      smoothRadius: 0,
      tolerance: 0.01,
    });
    const xs = (d: string) =>
      d
        .split(' ')
        .filter((t) => t.includes(','))
        .map((t) => Number(t.split(',')[0]));
    expect(Math.min(...xs(paths.lh!))).toBeCloseTo(1.5);
    expect(Math.max(...xs(paths.lh!))).toBeCloseTo(5.5);
    expect(Math.min(...xs(paths.rh!))).toBeCloseTo(5.5);
    expect(Math.max(...xs(paths.rh!))).toBeCloseTo(7.5);
    expect(
      reprojectVertexSet(pixelVertex, width, height, new Uint8Array(12), 6, { svgWidth: 11, svgHeight: 3 }),
    ).toEqual({});
  });
});
