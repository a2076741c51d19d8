import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED } from '../../electron/testing/shared-data.js';
import { gridSheet } from '../freesurfer/testing/freesurfer-fixture.js';
import {
  FreeSurferFileError,
  encodeFreeSurferCurv,
  encodeFreeSurferPatch,
  encodeFreeSurferSurface,
  readFreeSurferCurv,
  readFreeSurferPatch,
  readFreeSurferSurface,
} from './freesurfer-surface.js';

const SURF = SHARED ? join(SHARED, 'data', 'freesurfer', 'fs-hcp32k', 'surf') : '';

describe('FreeSurfer triangle surfaces, patches and curv files', () => {
  const sheet = gridSheet(1.5);
  it('read back what FreeSurfer writes (comment + blank line, big-endian)', () => {
    const s = readFreeSurferSurface(encodeFreeSurferSurface(sheet, 'created by me on a day'));
    expect(s.points).toEqual(sheet.points);
    expect(s.triangles).toEqual(sheet.triangles);
    const patch = {
      vertices: Int32Array.from([0, 4, 9]),
      border: Uint8Array.from([0, 1, 0]),
      coords: Float32Array.from([1, 2, 0, -3.5, 4, 0, 5, 6, 0]),
    };
    const back = readFreeSurferPatch(encodeFreeSurferPatch(patch));
    expect(back).toEqual(patch);
    expect(Array.from(readFreeSurferCurv(encodeFreeSurferCurv([0.5, -1.25, 3])))).toEqual([0.5, -1.25, 3]);
  });

  it('a trailing volume-geometry block after the faces is ignored, as pycortex does', () => {
    const tail = new TextEncoder().encode('\0\0\0\x02\0\0\0\0\0\0\0\x14valid = 1  # volume info valid\n');
    const bytes = new Uint8Array([...encodeFreeSurferSurface(sheet), ...tail]);
    expect(readFreeSurferSurface(bytes).points).toEqual(sheet.points);
  });

  const surface = encodeFreeSurferSurface(sheet);
  const curv = encodeFreeSurferCurv([1, 2, 3]);
  const patch = encodeFreeSurferPatch({
    vertices: Int32Array.from([0, 1]),
    border: new Uint8Array(2),
    coords: new Float32Array(6),
  });
  const edit = (b: Uint8Array, at: number, v: number) => {
    const c = b.slice();
    new DataView(c.buffer).setInt32(at, v, false);
    return c;
  };
  const head = 3 + 'created by roi-studio\n\n'.length;
  const bad: [string, () => unknown, RegExp][] = [
    ['surface: wrong magic', () => readFreeSurferSurface(curv), /quadrangle or curv file magic/],
    [
      'surface: no comment end',
      () => readFreeSurferSurface(surface.subarray(0, 10)),
      /comment line has no end/,
    ],
    [
      'surface: truncated',
      () => readFreeSurferSurface(surface.subarray(0, surface.length - 1)),
      /file truncated: 36 vertices and 50 faces need/,
    ],
    [
      'surface: negative count',
      () => readFreeSurferSurface(edit(surface, head, -5)),
      /bad header: -5 vertices/,
    ],
    [
      'surface: face out of range',
      () => readFreeSurferSurface(edit(surface, head + 8 + 12 * 36, 40)),
      /face 0 refers to vertex 40, but there are 36 vertices/,
    ],
    [
      'surface: NaN coordinate',
      () => readFreeSurferSurface(edit(surface, head + 8, 0x7fc00000)),
      /vertex 0 has a non-finite coordinate/,
    ],
    [
      'patch: old format',
      () => readFreeSurferPatch(edit(patch, 0, 2)),
      /not a current-format patch \(first number 2/,
    ],
    [
      'patch: truncated',
      () => readFreeSurferPatch(patch.subarray(0, 30)),
      /file truncated: 2 patch records need 40 bytes/,
    ],
    [
      'patch: extra bytes',
      () => readFreeSurferPatch(new Uint8Array([...patch, 0, 0])),
      /2 bytes after the 2 patch records/,
    ],
    ['patch: vertex number 0', () => readFreeSurferPatch(edit(patch, 8, 0)), /record 0 has vertex number 0/],
    ['curv: wrong magic', () => readFreeSurferCurv(surface), /not a new-format curv file/],
    [
      'curv: truncated',
      () => readFreeSurferCurv(curv.subarray(0, 20)),
      /file truncated: 3 values need 27 bytes/,
    ],
    [
      'curv: several values per vertex',
      () => readFreeSurferCurv(edit(curv, 11, 3)),
      /3 values per vertex; only 1 is supported/,
    ],
  ];
  for (const [name, read, message] of bad)
    it(`${name}: one clear error`, () => {
      expect(read).toThrow(FreeSurferFileError);
      expect(read).toThrow(message);
    });
});

describe.skipIf(!SHARED)('the fs-hcp32k FreeSurfer files', () => {
  it('surfaces, curv files and the flat patch agree on the mesh (design.json patch statistics)', async () => {
    const wm = readFreeSurferSurface(await readFile(join(SURF, 'lh.smoothwm')));
    expect([wm.points.length / 3, wm.triangles.length / 3]).toEqual([32492, 64980]);
    expect(readFreeSurferCurv(await readFile(join(SURF, 'lh.thickness')))).toHaveLength(32492);
    const patch = readFreeSurferPatch(await readFile(join(SURF, 'lh.full.flat.patch.3d')));
    expect(patch.vertices).toHaveLength(29707);
    expect(patch.border.reduce((a, b) => a + b, 0)).toBe(733);
    expect(Math.max(...patch.vertices)).toBeLessThan(32492);
  });
});
