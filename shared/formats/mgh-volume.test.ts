import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED, SKIP_REASON } from '../../electron/testing/shared-data.js';
import { encodeMgh, MghError, readMgh, readMghVolume } from './mgh.js';
import { scannerVox2ras, tkrVox2ras } from './volume-geometry.js';

const FS = SHARED ? join(SHARED, 'data', 'freesurfer', 'fs-hcp32k') : '';
const design = () =>
  JSON.parse(readFileSync(join(SHARED!, 'golden', 'fs-hcp32k', 'design.json'), 'utf8')) as {
    vox2ras: number[][];
    tkr_vox2ras: number[][];
    label_counts: Record<string, Record<string, number>>;
  };

describe('readMghVolume', () => {
  const grid = {
    voxelSize: [2, 3, 0.5] as [number, number, number],
    directions: [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ] as [number[], number[], number[]],
    center: [10, -20, 30] as [number, number, number],
  };
  it('keeps the stored data type and the grid the header describes', () => {
    const values = [0, 1, 2, 3, 4, 5, 6, 120];
    const kinds = [
      [0, Uint8Array],
      [1, Int32Array],
      [3, Float32Array],
      [4, Int16Array],
    ] as const;
    for (const [type, kind] of kinds) {
      const { geometry, data } = readMghVolume(encodeMgh(values, type, [2, 2, 2], grid));
      expect(data).toBeInstanceOf(kind);
      expect(Array.from(data)).toEqual(values);
      expect(geometry).toEqual({ dims: [2, 2, 2], ...grid });
    }
    expect(
      scannerVox2ras(readMghVolume(encodeMgh(new Array(192).fill(0), 0, [4, 6, 8], grid)).geometry),
    ).toEqual([
      [2, 0, 0, 10 - 4],
      [0, 3, 0, -20 - 9],
      [0, 0, 0.5, 30 - 2],
      [0, 0, 0, 1],
    ]);
  });

  it('refuses a frame the file lacks and truncated data', () => {
    const bytes = encodeMgh([1, 2, 3, 4], 1, [2, 2, 1], grid);
    expect(() => readMghVolume(bytes, 1)).toThrow(/frame 1 does not exist: the file has 1 frame/);
    expect(() => readMghVolume(bytes.subarray(0, bytes.length - 2))).toThrow(MghError);
  });
});

describe.skipIf(!SHARED)(`fs-hcp32k volumes (${SHARED ? 'reference data' : SKIP_REASON})`, () => {
  it('T1.mgz: uchar 256³ with the vox2ras and tkr vox2ras of design.json', () => {
    const { geometry, data } = readMghVolume(readFileSync(join(FS, 'mri', 'T1.mgz')));
    expect([geometry.dims, data.constructor, data.length]).toEqual([[256, 256, 256], Uint8Array, 256 ** 3]);
    expect(scannerVox2ras(geometry)).toEqual(design().vox2ras);
    expect(tkrVox2ras(geometry.dims, geometry.voxelSize)).toEqual(design().tkr_vox2ras);
  });
  it('NSD-style label maps hold the label counts of design.json', () => {
    const names = ['Unknown', 'V1v', 'V1d', 'V2v', 'V2d', 'V3v', 'V3d', 'hV4'];
    for (const hemi of ['lh', 'rh']) {
      const { values } = readMgh(readFileSync(join(FS, 'label', `${hemi}.prf-visualrois.mgz`)));
      const counts: Record<string, number> = {};
      for (const v of values) counts[names[v]] = (counts[names[v]] ?? 0) + 1;
      expect(counts).toEqual(design().label_counts[hemi]);
    }
  });
});
