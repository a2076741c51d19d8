import { describe, expect, it } from 'vitest';
import { loadSubjectSurfaces } from '../../electron/store/database/subject-surfaces.js';
import { SHARED, SHARED_DB, missingReference } from '../../electron/testing/shared-data.js';
import { boundaryEdges, traceBoundaryLoops, twoLongestLoops } from './boundary.js';
import { buildFlatFrame } from './flat-frame.js';

describe('boundary loops on a small mesh', () => {
  // two squares of two triangles each, second square uses higher indices; plus a lone triangle
  const tris = new Uint32Array([0, 1, 2, 1, 3, 2, 4, 5, 6, 5, 7, 6, 8, 9, 10]);

  it('keeps edges used once, in order of first appearance, smaller index first', () => {
    expect([...boundaryEdges(new Uint32Array([0, 1, 2, 1, 3, 2]))]).toEqual([0, 1, 0, 2, 2, 3, 1, 3]);
  });

  it('traces closed loops from the smallest vertex, repeating the start', () => {
    const loops = traceBoundaryLoops(tris);
    expect(loops).toEqual([
      [0, 1, 3, 2, 0],
      [4, 5, 7, 6, 4],
      [8, 9, 10, 8],
    ]);
    const [a, b] = twoLongestLoops(loops);
    // equal lengths: the later loop comes first, as numpy's argsort taken from the end
    expect(a[0]).toBe(4);
    expect(b[0]).toBe(0);
  });

  it('refuses a mesh with a single loop', () => {
    expect(() => twoLongestLoops(traceBoundaryLoops(new Uint32Array([0, 1, 2])))).toThrow(/1 boundary loop/);
  });
});

describe('boundary loops on real subjects (Appendix A)', () => {
  it.skipIf(!SHARED)(
    'sub-hcp32k: 739 and 728 vertices, clip path starts where pycortex writes it',
    async () => {
      const surfaces = await loadSubjectSurfaces(SHARED_DB, 'sub-hcp32k');
      const frame = buildFlatFrame(surfaces.flat);
      const loops = traceBoundaryLoops(frame.triangles);
      expect(loops.map((l) => l.length)).toEqual(expect.arrayContaining([739, 728]));
      const [first, second] = twoLongestLoops(loops);
      expect([first.length, second.length]).toEqual([739, 728]);
      expect(first[0]).toBe(first[first.length - 1]);
      // overlays.svg's clip path scales uniformly by float32(1024 / yrange), y flipped
      const [xmin, , ymin, ymax] = frame.extents;
      const f = Math.fround;
      const s = f(1024 / f(ymax - ymin));
      const svgPoint = (v: number) =>
        `${f(f(frame.xy[2 * v] - xmin) * s).toFixed(6)} ${f(1024 - f(f(frame.xy[2 * v + 1] - ymin) * s)).toFixed(6)}`;
      expect(svgPoint(first[0])).toBe('1603.960938 103.178955');
      expect(svgPoint(first[1])).toBe('1601.890259 107.685364');
      expect(svgPoint(second[0])).toBe('995.588379 28.743042');
    },
  );

  it.skipIf(missingReference('data/db/S1'))('S1: loops of 1627, 1568, 5 and 4 vertices', async () => {
    const surfaces = await loadSubjectSurfaces(SHARED_DB, 'S1');
    const loops = traceBoundaryLoops(buildFlatFrame(surfaces.flat).triangles);
    expect(loops.map((l) => l.length).sort((a, b) => b - a)).toEqual([1627, 1568, 5, 4]);
    const [first, second] = twoLongestLoops(loops);
    expect([first.length, second.length]).toEqual([1627, 1568]);
  });
});
