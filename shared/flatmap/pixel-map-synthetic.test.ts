import { describe, expect, it } from 'vitest';
import type { HemiPair, Surface } from '../subject.js';
import { buildFlatDelaunay } from './flat-delaunay.js';
import { buildFlatFrame } from './flat-frame.js';
import { imageGrid } from './image-grid.js';
import { mergedPoints } from './merge-surfaces.js';
import { buildPixelSampling } from './pixel-map.js';

/**
 * A two-square "brain": each hemisphere a 2×2 square of two triangles plus one cut vertex
 * outside it, so part of the image lies outside the Delaunay hull (pycortex's origin quirk, B5).
 */
const surface = (pts: number[], tris: number[]): Surface => ({
  points: new Float32Array(pts),
  triangles: new Uint32Array(tris),
});
const square = (cut: [number, number]) =>
  surface([0, 0, 0, 2, 0, 0, 2, 2, 0, 0, 2, 0, cut[0], cut[1], 0], [0, 1, 2, 0, 2, 3]);
// rh's cut vertex at x −1 shifts its square to flat x 1…3 (the nudge counts cut vertices), so
// the hemispheres share no point
const flat: HemiPair<Surface> = { lh: square([-1, 3]), rh: square([-1, 3]) };
// 3-D surfaces: lh sits at x 0…2 mm, rh at x −12…−10 mm (outside the grid); pia 1 mm above wm
const lift = (s: Surface, dx: number, z: number) =>
  surface(
    Array.from(s.points, (v, i) => (i % 3 === 0 ? v + dx : i % 3 === 2 ? z : v)),
    Array.from(s.triangles),
  );
const wm = { lh: lift(flat.lh, 0, 0), rh: lift(flat.rh, -12, 0) };
const pia = { lh: lift(flat.lh, 0, 1), rh: lift(flat.rh, -12, 1) };
// voxel = mm + (5, 5, 0.2): the surface origin falls in voxel (5, 5, 0)
const coord = [
  [1, 0, 0, 5],
  [0, 1, 0, 5],
  [0, 0, 1, 0.2],
  [0, 0, 0, 1],
];
const shape: [number, number, number] = [10, 10, 3];

function build(thick: number, depth: number) {
  const frame = buildFlatFrame(flat);
  const grid = imageGrid(frame.extents, 16);
  const mask = {
    width: grid.width,
    height: grid.height,
    mask: new Uint8Array(grid.width * grid.height).fill(1),
  };
  const map = buildPixelSampling({
    delaunay: buildFlatDelaunay(frame),
    mask,
    grid,
    pia: mergedPoints(pia),
    wm: mergedPoints(wm),
    coord,
    shape,
    thick,
    depth,
  });
  return { frame, grid, map };
}

/** Pixel p's (voxel, weight) entries, found by walking the length groups. */
function entries(map: ReturnType<typeof build>['map'], p: number) {
  let i = 0;
  let k = 0;
  for (let n = 1; n < map.lengths.length; n++) {
    for (const end = i + map.lengths[n]; i < end; i++, k += n)
      if (map.pixels[i] === p)
        return Array.from({ length: n }, (_, j) => [map.voxels[k + j], map.samples[k + j] / map.thick]);
  }
  return [];
}

describe('pixel map on a synthetic mesh', () => {
  const { grid, map } = build(32, 0.5);
  const pixelAt = (x: number, y: number) => {
    let c = 0;
    while (grid.xs[c] < x) c++;
    let r = 0;
    while (grid.ys[r] > y) r++;
    return r * grid.width + c;
  };

  it('samples pia–wm segments inside the left square, weights summing to 1', () => {
    // flat (−1, 1) is un-nudged (1, 1): wm voxel (6, 6, 0.2), pia (6, 6, 1.2) → k = 0 then 1
    const p = pixelAt(-1, 1);
    const e = entries(map, p);
    expect(e.map(([v]) => v)).toEqual([6 + 10 * 6, 6 + 10 * 6 + 100]);
    expect(e.reduce((s, [, w]) => s + w, 0)).toBeCloseTo(1, 6);
    expect(map.mid[p]).toBe(6 + 10 * 6 + 100); // depth 0.5 → z 0.7 → k = 1
  });

  it('drops pixels whose surface points fall outside the grid (right square at x −12…−10 mm)', () => {
    const p = pixelAt(2, 1);
    expect(entries(map, p)).toEqual([]);
    expect(map.mid[p]).toBe(-1);
  });

  it('pixels outside the Delaunay hull sample the voxel under the surface origin (B5)', () => {
    const p = pixelAt(-2.9, 2.95);
    expect(entries(map, p)).toEqual([[5 + 10 * 5, 1]]);
    expect(map.mid[p]).toBe(55);
  });

  it('thick = 1 samples one point at `depth` (0 = white matter, 1 = pial)', () => {
    const p = pixelAt(-1, 1);
    expect(entries(build(1, 0).map, p)).toEqual([[66, 1]]);
    expect(entries(build(1, 1).map, p)).toEqual([[166, 1]]);
  });
});
