import { describe, expect, it } from 'vitest';
import { colormapLut, COLORMAPS, grayLut, labelLut, lutSize } from './colormaps.js';
import {
  colourise,
  colouriseLabels,
  drawOver,
  labelImage,
  meanImage,
  nanMeanImage,
  vertexImage,
} from './compose.js';

const hex = (lut: Uint8Array, i: number) =>
  '#' + [...lut.subarray(4 * i, 4 * i + 3)].map((b) => b.toString(16).padStart(2, '0')).join('');

describe('colour maps', () => {
  it("matplotlib's maps as pycortex ships them (within 1/255 of matplotlib's own)", () => {
    expect([hex(colormapLut('viridis'), 0), hex(colormapLut('viridis'), 255)]).toEqual([
      '#440154',
      '#fde724',
    ]);
    expect([hex(colormapLut('magma'), 0), hex(colormapLut('magma'), 255)]).toEqual(['#000003', '#fbfcbf']);
    expect([hex(colormapLut('inferno'), 0), hex(colormapLut('plasma'), 0)]).toEqual(['#000003', '#0c0786']);
    expect([hex(colormapLut('RdBu_r'), 0), hex(colormapLut('RdBu_r'), 255)]).toEqual(['#053061', '#67001f']);
    expect([hex(grayLut(), 96), hex(grayLut(), 160)]).toEqual(['#606060', '#a0a0a0']);
    expect([hex(colormapLut('jet'), 0), hex(colormapLut('jet'), 255)]).toEqual(['#00007f', '#7f0000']);
  });

  it("pycortex's images come first: J4 is pycortex's, not jet; 2-D maps and unknown names are refused", () => {
    expect([hex(colormapLut('J4'), 0), hex(colormapLut('J4'), 255)]).toEqual(['#161675', '#75117a']);
    expect(lutSize(colormapLut('BPROG'))).toBe(255);
    const ids = COLORMAPS.map((c) => c.id);
    expect(ids.length).toBe(168); // pycortex's 1-D images
    expect(ids).toEqual(expect.arrayContaining(['J4', 'magma', 'inferno', 'jet', 'Retinotopy_RYBCR']));
    expect(ids).not.toContain('RdBu_2D');
    expect(ids).not.toContain('hot_alpha'); // a 256×256 image: 2-D
    for (const { id } of COLORMAPS) expect(colormapLut(id).length % 4, id).toBe(0);
    expect(() => colormapLut('RdBu_2D')).toThrow(/"RdBu_2D" is one of pycortex's 2-D colour maps/);
    expect(() => colormapLut('nope')).toThrow(/unknown colour map "nope"/);
  });

  it('label colours: 0 transparent, neighbours distinct', () => {
    const lut = labelLut();
    expect(lut[3]).toBe(0);
    expect(hex(lut, 1)).not.toBe(hex(lut, 2));
    expect(lut[4 * 7 + 3]).toBe(255);
  });
});

describe('images from maps', () => {
  // 2×2 image: pixel 0 two voxels, pixel 1 off the brain, pixel 2 reads a NaN voxel, pixel 3 one voxel
  const map = {
    width: 2,
    height: 2,
    thick: 4,
    // length 1: pixels 2 and 3; length 2: pixel 0
    pixels: new Uint32Array([2, 3, 0]),
    lengths: new Uint32Array([0, 2, 1, 0, 0]),
    voxels: new Int32Array([2, 3, 0, 1]),
    samples: new Uint8Array([4, 4, 1, 3]),
    mid: new Int32Array([1, -1, 2, 4]),
  };
  const values = new Float32Array([4, 8, NaN, 5, -1]);

  it('mean image: weighted sum, NaN off the brain or when any sample is NaN', () => {
    expect([...meanImage(map, values)]).toEqual([7, NaN, NaN, 5]);
  });

  it("nanmean image: NaN samples left out of the mean, NaN only when all are (pycortex's nanmean=True)", () => {
    expect([...nanMeanImage(map, values)]).toEqual([7, NaN, NaN, 5]);
    const oneNaN = Float32Array.from(values, (v, i) => (i === 0 ? NaN : v));
    expect([...meanImage(map, oneNaN)]).toEqual([NaN, NaN, NaN, 5]);
    expect([...nanMeanImage(map, oneNaN)]).toEqual([8, NaN, NaN, 5]);
  });

  it('mean image equals the per-pixel weighted sum for every row length (1 to thick)', () => {
    const thick = 8;
    const pixels = 300;
    const values = Float32Array.from({ length: 50 }, (_, i) => Math.sin(i) * 10);
    // rows of pseudo-random length 0…8 and counts summing to thick
    const rows = Array.from({ length: pixels }, (_, p) => {
      const n = (p * 7) % 9;
      return Array.from({ length: n }, (_, j) => ({
        voxel: (p * 13 + j * 5) % 50,
        count: j < n - 1 ? 1 : thick - (n - 1),
      }));
    });
    const lengths = new Uint32Array(thick + 1);
    for (const r of rows) if (r.length) lengths[r.length]++;
    const order = rows.map((r, p) => ({ r, p })).filter(({ r }) => r.length);
    order.sort((a, b) => a.r.length - b.r.length || a.p - b.p);
    const map = {
      width: pixels,
      height: 1,
      thick,
      pixels: Uint32Array.from(order, ({ p }) => p),
      lengths,
      voxels: Int32Array.from(order.flatMap(({ r }) => r.map((e) => e.voxel))),
      samples: Uint8Array.from(order.flatMap(({ r }) => r.map((e) => e.count))),
      mid: new Int32Array(pixels),
    };
    const expected = rows.map((r) =>
      r.length ? Math.fround(r.reduce((s, e) => s + e.count * values[e.voxel], 0) / thick) : NaN,
    );
    const img = meanImage(map, values);
    for (let p = 0; p < pixels; p++) {
      if (Number.isNaN(expected[p])) expect(img[p], `pixel ${p}`).toBeNaN();
      else expect(img[p], `pixel ${p}`).toBeCloseTo(expected[p], 5);
    }
  });

  it('label image: the mid-depth voxel, NSD −1 → NaN', () => {
    expect([...labelImage(map, values)]).toEqual([8, NaN, NaN, NaN]);
  });

  it('vertex image', () => {
    expect([...vertexImage(new Int32Array([2, -1, 0]), [1, 2, 3])]).toEqual([3, NaN, 1]);
  });

  it('colourise: matplotlib LUT indexing, clamping, NaN transparent', () => {
    const gray = colormapLut('gray');
    const rgba = colourise(new Float32Array([0.375, 0.625, NaN, -3, 1, 0.999]), gray, 0, 1);
    expect([...rgba]).toEqual([
      96, 96, 96, 255, 160, 160, 160, 255, 0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    ]);
  });

  it('colourise labels and draw over a background', () => {
    const lut = labelLut();
    const labels = colouriseLabels(new Float32Array([0, 3, NaN]), lut);
    expect(labels[3]).toBe(0);
    expect([...labels.subarray(4, 8)]).toEqual([...lut.subarray(12, 16)]);
    expect(labels[11]).toBe(0);
    const under = new Uint8ClampedArray([96, 96, 96, 255, 96, 96, 96, 255, 0, 0, 0, 0]);
    drawOver(under, labels);
    expect([...under]).toEqual([96, 96, 96, 255, ...lut.subarray(12, 16), 0, 0, 0, 0]);
  });
});
