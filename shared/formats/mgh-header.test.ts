import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED, SKIP_REASON } from '../../electron/testing/shared-data.js';
import { encodeMgh, mghVox2ras, readMgh, readMghVolume, tkrVox2ras } from './mgh.js';

const FS = SHARED ? join(SHARED, 'data', 'freesurfer', 'fs-hcp32k') : '';
const design = () =>
  JSON.parse(readFileSync(join(SHARED!, 'golden', 'fs-hcp32k', 'design.json'), 'utf8')) as {
    vox2ras: number[][];
    tkr_vox2ras: number[][];
    label_counts: Record<string, Record<string, number>>;
  };

describe('MGH header geometry', () => {
  it('vox2ras puts the centre at voxel N/2; tkr is LIA at centre 0 whatever the axes', () => {
    const bytes = encodeMgh(new Uint8Array(4 * 6 * 8), 0, [4, 6, 8], {
      voxelSize: [2, 3, 0.5],
      axes: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
      centre: [10, -20, 30],
    });
    const { header, data } = readMghVolume(bytes);
    expect(data).toBeInstanceOf(Uint8Array);
    expect(mghVox2ras(header)).toEqual([
      [2, 0, 0, 10 - 4],
      [0, 3, 0, -20 - 9],
      [0, 0, 0.5, 30 - 2],
      [0, 0, 0, 1],
    ]);
    expect(tkrVox2ras(header.dims, header.voxelSize)).toEqual([
      [-2, 0, 0, 4],
      [0, 0, 0.5, -2],
      [0, -3, 0, 9],
      [0, 0, 0, 1],
    ]);
  });

  it('a header without valid RAS uses FreeSurfer’s coronal default', () => {
    const { header } = readMghVolume(encodeMgh([1, 2], 1, [2, 1, 1]));
    expect(header.axes).toEqual([
      [-1, 0, 0],
      [0, 0, -1],
      [0, 1, 0],
    ]);
    expect(header.centre).toEqual([0, 0, 0]);
  });
});

describe.skipIf(!SHARED)(`fs-hcp32k volumes (${SHARED ? 'reference data' : SKIP_REASON})`, () => {
  it('T1.mgz: uchar 256³ with the vox2ras and tkr vox2ras of design.json', () => {
    const { header, data } = readMghVolume(readFileSync(join(FS, 'mri', 'T1.mgz')));
    expect([header.dims, header.type, data.length]).toEqual([[256, 256, 256], 0, 256 ** 3]);
    expect(mghVox2ras(header)).toEqual(design().vox2ras);
    expect(tkrVox2ras(header.dims, header.voxelSize)).toEqual(design().tkr_vox2ras);
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
