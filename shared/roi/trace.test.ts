import { describe, expect, it } from 'vitest';
import { traceRings, isOuterRing } from './marching-squares.js';
import { traceLabels, type LabelRaster } from './trace.js';

/** pycortex's reading of our paths: subpaths split at M, each even–odd, union across them. */
function subpaths(d: string): number[][] {
  const out: number[][] = [];
  for (const tok of d.split(' ')) {
    if (tok === 'M') out.push([]);
    else if (tok.includes(',')) out[out.length - 1].push(...tok.split(',').map(Number));
  }
  return out;
}
function inside(d: string, px: number, py: number): boolean {
  return subpaths(d).some((r) => {
    let inn = false;
    for (let i = 0, j = r.length / 2 - 1; i < r.length / 2; j = i++) {
      const [xi, yi, xj, yj] = [r[2 * i], r[2 * i + 1], r[2 * j], r[2 * j + 1]];
      if (yi >= py !== yj >= py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inn = !inn;
    }
    return inn;
  });
}

const SAFE =
  /^(M -?\d+(\.\d+)?,-?\d+(\.\d+)?( L -?\d+(\.\d+)?,-?\d+(\.\d+)?)+ Z)( M -?\d+(\.\d+)?,-?\d+(\.\d+)?( L -?\d+(\.\d+)?,-?\d+(\.\d+)?)+ Z)*$/;

function raster(width: number, height: number, paint: (r: number, c: number) => number): LabelRaster {
  const values = new Float32Array(width * height);
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) values[r * width + c] = paint(r, c);
  return { width, height, values };
}

// 1 pixel = 1 SVG unit: pixel (r, c) sits at SVG (c, r)
const unit = (w: number, h: number) => ({ svgWidth: w - 1, svgHeight: h - 1, splitColumn: w });

describe('traceRings', () => {
  it('gives one outer ring round a pixel and a hole ring round a missing one', () => {
    const one = new Uint8Array(9);
    one[4] = 1;
    const rings = traceRings(one, 3, 3);
    expect(rings.map((r) => Array.from(r))).toEqual([[1, 0.5, 0.5, 1, 1, 1.5, 1.5, 1]]);
    expect(isOuterRing(rings[0])).toBe(true);

    const donut = new Uint8Array(25);
    for (let r = 1; r < 4; r++) for (let c = 1; c < 4; c++) donut[r * 5 + c] = r === 2 && c === 2 ? 0 : 1;
    const two = traceRings(donut, 5, 5);
    expect(two.map(isOuterRing).sort()).toEqual([false, true]);
  });

  it('keeps diagonal neighbours apart (4-connected foreground)', () => {
    const diag = Uint8Array.from([1, 0, 0, 1]);
    expect(traceRings(diag, 2, 2)).toHaveLength(2);
  });
});

describe('traceLabels', () => {
  it('outlines a square label in safe-subset path data covering exactly its pixels', () => {
    const r = raster(20, 20, (y, x) => (y >= 5 && y < 15 && x >= 4 && x < 12 ? 3 : 0));
    const [traced] = traceLabels(r, { ...unit(20, 20), smoothRadius: 0, tolerance: 0.01 });
    expect(traced.label).toBe(3);
    expect(traced.paths.rh).toBeUndefined();
    const d = traced.paths.lh!;
    expect(d).toMatch(SAFE);
    // corners cut at half a pixel: an octagon through the edge midpoints
    for (let y = 0; y < 20; y++)
      for (let x = 0; x < 20; x++)
        expect(inside(d, x, y), `${x},${y}`).toBe(y >= 5 && y < 15 && x >= 4 && x < 12);
  });

  it('cuts a large hole into the outline with a slit, since pycortex unions subpaths', () => {
    const r = raster(30, 30, (y, x) => {
      const outer = y >= 3 && y < 27 && x >= 3 && x < 27;
      const hole = y >= 10 && y < 20 && x >= 10 && x < 20;
      return outer && !hole ? 1 : 0;
    });
    const [traced] = traceLabels(r, { ...unit(30, 30), smoothRadius: 0, tolerance: 0.01 });
    const d = traced.paths.lh!;
    expect(d).toMatch(SAFE);
    expect(subpaths(d)).toHaveLength(1);
    expect(inside(d, 15, 15)).toBe(false);
    expect(inside(d, 5, 15)).toBe(true);
    expect(inside(d, 22, 22)).toBe(true);
    expect(inside(d, 1, 1)).toBe(false);

    const [filled] = traceLabels(r, { ...unit(30, 30), holes: 'fill' });
    expect(inside(filled.paths.lh!, 15, 15)).toBe(true);
  });

  it('fills speckle holes below minHoleArea and drops tiny islands below minArea', () => {
    const r = raster(20, 20, (y, x) => {
      if (y === 1 && x === 1) return 2; // a one-pixel island
      return y >= 5 && y < 15 && x >= 5 && x < 15 && !(y === 9 && x === 9) ? 2 : 0;
    });
    const [traced] = traceLabels(r, { ...unit(20, 20), minArea: 1, minHoleArea: 4 });
    const d = traced.paths.lh!;
    expect(subpaths(d)).toHaveLength(1);
    expect(inside(d, 9, 9)).toBe(true);
    expect(inside(d, 1, 1)).toBe(false);
  });

  it('keeps an island inside a hole as its own subpath', () => {
    const r = raster(40, 40, (y, x) => {
      const outer = y >= 2 && y < 38 && x >= 2 && x < 38;
      const hole = y >= 10 && y < 30 && x >= 10 && x < 30;
      const island = y >= 17 && y < 23 && x >= 17 && x < 23;
      return (outer && !hole) || island ? 5 : 0;
    });
    const [traced] = traceLabels(r, { ...unit(40, 40), smoothRadius: 0 });
    const d = traced.paths.lh!;
    expect(subpaths(d)).toHaveLength(2);
    expect(inside(d, 20, 20)).toBe(true);
    expect(inside(d, 13, 13)).toBe(false);
    expect(inside(d, 5, 5)).toBe(true);
  });

  it('splits a label that straddles the hemisphere border into one path per hemisphere', () => {
    const r = raster(40, 10, (y, x) =>
      y >= 2 && y < 8 && x >= 10 && x < 30 ? 1 : y === 5 && x === 35 ? 2 : 0,
    );
    const traced = traceLabels(r, { svgWidth: 39, svgHeight: 9, splitColumn: 20 });
    // the lone pixel of label 2 is below minArea: listed, but without outline
    expect(traced.map((t) => t.label)).toEqual([1, 2]);
    expect(traced[1].paths).toEqual({});
    const { lh, rh } = traced[0].paths;
    expect(lh && rh).toBeTruthy();
    expect(inside(lh!, 15, 5) && !inside(lh!, 25, 5)).toBe(true);
    expect(inside(rh!, 25, 5) && !inside(rh!, 15, 5)).toBe(true);
    expect(traceLabels(r, { svgWidth: 39, svgHeight: 9, splitColumn: 20 }, [7])).toEqual([
      { label: 7, paths: {} },
    ]);
  });

  it('maps pixel centres onto the SVG frame of the overlay (linspace grid)', () => {
    const r = raster(11, 6, (y, x) => (y >= 1 && y < 5 && x >= 1 && x < 10 ? 1 : 0));
    const [traced] = traceLabels(r, {
      svgWidth: 100,
      svgHeight: 50,
      splitColumn: 11,
      smoothRadius: 0,
      tolerance: 0.01,
    });
    const xs = subpaths(traced.paths.lh!)[0].filter((_, i) => i % 2 === 0);
    const ys = subpaths(traced.paths.lh!)[0].filter((_, i) => i % 2 === 1);
    expect(Math.min(...xs)).toBeCloseTo(0.5 * 10);
    expect(Math.max(...xs)).toBeCloseTo(9.5 * 10);
    expect(Math.min(...ys)).toBeCloseTo(0.5 * 10);
    expect(Math.max(...ys)).toBeCloseTo(4.5 * 10);
  });
});

describe('cleaning speckled labels', () => {
  // 60×60 pixels of 4×4 SVG units; "voxels" of 3×3 pixels: a block with a one-voxel hole, a
  // one-voxel-wide slit cut in from its top edge, and a one-voxel island beside it
  const speckled = raster(60, 60, (r, c) => {
    if (r >= 52 && r <= 54 && c >= 52 && c <= 54) return 1;
    if (r < 6 || r > 47 || c < 6 || c > 47) return 0;
    if (r >= 24 && r <= 26 && c >= 24 && c <= 26) return 0;
    if (c >= 15 && c <= 17 && r <= 20) return 0;
    return 1;
  });
  const frame = { svgWidth: 59 * 4, svgHeight: 59 * 4, splitColumn: 60 };
  const at = (d: string, r: number, c: number) => inside(d, c * 4, r * 4);
  const [raw] = traceLabels(speckled, frame);
  const [clean] = traceLabels(speckled, { ...frame, closeRadius: 2, minIslandPixels: 18 });

  it('raw keeps the hole, the slit and the island', () => {
    const d = raw.paths.lh!;
    expect(d).toMatch(SAFE);
    expect([at(d, 25, 25), at(d, 10, 16), at(d, 53, 53)]).toEqual([false, false, true]);
    expect(subpaths(d)).toHaveLength(2);
  });

  it('clean fills the hole, closes the slit and drops the island, leaving the rest where it was', () => {
    const d = clean.paths.lh!;
    expect(d).toMatch(SAFE);
    expect([at(d, 25, 25), at(d, 10, 16), at(d, 53, 53)]).toEqual([true, true, false]);
    expect(subpaths(d)).toHaveLength(1);
    // the block's edges stay put: inside just within them, outside just beyond
    for (const [r, c, want] of [
      [7, 30, true],
      [46, 30, true],
      [30, 7, true],
      [30, 46, true],
      [4, 30, false],
      [49, 30, false],
      [30, 4, false],
      [30, 49, false],
      [4, 16, false],
    ] as const)
      expect(at(d, r, c), `pixel ${r},${c}`).toBe(want);
  });
});
