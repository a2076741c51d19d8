import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED, SKIP_REASON } from '../../electron/testing/shared-data.js';
import {
  readFreeSurferPatch,
  readFreeSurferSurface,
  type FreeSurferPatch,
} from '../formats/freesurfer-surface.js';
import { parseGiftiSurface } from '../formats/gifti.js';
import { dropDisconnectedTriangles, flatFromPatch, PatchError } from './flat-from-patch.js';

/** Four vertices in a patch of a 6-vertex strip: triangles (0,1,2), (1,3,2), (2,3,4), (3,5,4). */
const STRIP = {
  points: Float32Array.from({ length: 18 }, (_, i) => i + 0.5),
  triangles: Uint32Array.from([0, 1, 2, 1, 3, 2, 2, 3, 4, 3, 5, 4]),
};
const patchOf = (vertices: number[]): FreeSurferPatch => ({
  vertices: Int32Array.from(vertices),
  border: new Uint8Array(vertices.length),
  coords: Float32Array.from(vertices.flatMap((v) => [v, 10 * v, 0])),
});

describe('flatFromPatch', () => {
  it('keeps triangles with all three vertices in the patch and turns (x, y) into (y, −x)', () => {
    const flat = flatFromPatch(STRIP, patchOf([0, 1, 2, 3]), 'pycortex', false);
    expect(Array.from(flat.triangles)).toEqual([0, 1, 2, 1, 3, 2]);
    expect(Array.from(flat.points.subarray(3, 6))).toEqual([10, -1, 0]);
    // vertices outside the patch keep rotated smoothwm coordinates without clean …
    expect(Array.from(flat.points.subarray(12, 15))).toEqual([13.5, -12.5, 14.5]);
    // … and go to 0 with it; "as-is" keeps the patch axes
    const asIs = flatFromPatch(STRIP, patchOf([0, 1, 2, 3]), 'as-is', true);
    expect(Array.from(asIs.points.subarray(3, 6))).toEqual([1, 10, 0]);
    expect(Array.from(asIs.points.subarray(12, 18))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('clean drops triangles whose first vertex is in a smaller piece, like pycortex', () => {
    const t = Uint32Array.from([0, 1, 2, 1, 3, 2, 5, 6, 7]);
    expect(Array.from(dropDisconnectedTriangles(t))).toEqual([0, 1, 2, 1, 3, 2]);
    // ties go to the piece with the smallest vertex
    expect(Array.from(dropDisconnectedTriangles(Uint32Array.from([4, 5, 6, 0, 1, 2])))).toEqual([0, 1, 2]);
  });

  it('refuses a patch that names a vertex the surface lacks, or keeps no triangle', () => {
    expect(() => flatFromPatch(STRIP, patchOf([0, 9]), 'pycortex', true)).toThrow(PatchError);
    expect(() => flatFromPatch(STRIP, patchOf([0, 9]), 'pycortex', true)).toThrow(
      /record 1 names vertex 9, but the surface has 6 vertices/,
    );
    expect(() => flatFromPatch(STRIP, patchOf([0, 5]), 'pycortex', true)).toThrow(/no surface triangle/);
  });
});

const FS = SHARED ? join(SHARED, 'data', 'freesurfer') : '';
const SUBJECTS = SHARED
  ? readdirSync(FS).filter((s) => existsSync(join(SHARED!, 'golden', s, 'flat-asis')))
  : ['fs-hcp32k'];

describe.skipIf(!SHARED).each(SUBJECTS)(
  `%s flat patches vs pycortex (${SHARED ? 'reference data' : SKIP_REASON})`,
  (subject) => {
    const fs = (f: string) => readFileSync(join(FS, subject, 'surf', f));
    const golden = (f: string) =>
      parseGiftiSurface(readFileSync(join(SHARED!, 'golden', subject, f), 'utf8'));
    for (const hemi of ['lh', 'rh'])
      it(`${hemi}: the "#488 as-is" flat equals golden flat-asis exactly`, () => {
        const flat = flatFromPatch(
          readFreeSurferSurface(fs(`${hemi}.smoothwm`)),
          readFreeSurferPatch(fs(`${hemi}.full.flat.patch.3d`)),
          'as-is',
          true,
        );
        const theirs = golden(`flat-asis/flat_${hemi}.gii`);
        let worst = 0;
        flat.points.forEach((x, i) => (worst = Math.max(worst, Math.abs(x - theirs.points[i]))));
        console.log(`${subject} flat-asis ${hemi}: max |Δ| ${worst}, ${flat.triangles.length / 3} triangles`);
        expect(flat.points.length).toBe(theirs.points.length);
        expect(worst).toBe(0);
        expect(flat.triangles.length).toBe(theirs.triangles.length);
        expect(flat.triangles.every((v, i) => v === theirs.triangles[i])).toBe(true);
      });
  },
);
