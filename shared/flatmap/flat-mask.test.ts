import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenPath, readNpzFile, subjectFrame } from '../../electron/testing/flatmap-fixtures.js';
import { SHARED, SHARED_DB } from '../../electron/testing/shared-data.js';
import { buildFlatMask, maskFromPycortex } from './flat-mask.js';
import { imageGrid } from './image-grid.js';
import { fillPolygon } from './polygon-fill.js';

describe('Pillow polygon fill', () => {
  it('fills a right triangle with Pillow inclusive spans', () => {
    const img = new Uint8Array(6 * 6);
    fillPolygon(img, 6, 6, [0, 0, 4, 0, 0, 4, 0, 0], 1);
    const rows = Array.from({ length: 6 }, (_, y) => [...img.subarray(y * 6, y * 6 + 6)].join(''));
    expect(rows).toEqual(['111110', '111100', '111000', '110000', '100000', '000000']);
  });

  it('truncates coordinates and clips to the image', () => {
    const img = new Uint8Array(4 * 4);
    fillPolygon(img, 4, 4, [-2.7, 1.9, 9.5, 1.2, 9.9, 2.8, -2.2, 2.1], 1);
    const rows = Array.from({ length: 4 }, (_, y) => [...img.subarray(y * 4, y * 4 + 4)].join(''));
    expect(rows).toEqual(['0000', '1111', '1111', '0000']);
  });
});

async function compareWithPycortex(subject: string, npzPath: string) {
  const frame = await subjectFrame(subject);
  const npz = await readNpzFile(npzPath);
  const [W, H] = npz.mask.shape;
  const ours = buildFlatMask(frame, 1024);
  expect([ours.width, ours.height]).toEqual([W, H]);
  expect(imageGrid(frame.extents, 1024).width).toBe(W);
  const theirs = maskFromPycortex(npz.mask.data as Uint8Array, W, H, npz.mask.fortranOrder);
  let diff = 0;
  let on = 0;
  for (let i = 0; i < theirs.length; i++) {
    if (theirs[i] !== ours.mask[i]) diff++;
    on += theirs[i];
  }
  console.log(`${subject} flat mask ${W}×${H}: ${on} pixels on the brain, ${diff} differ from pycortex`);
  expect(diff).toBe(0);
  return on;
}

describe.skipIf(!SHARED)('flat mask is bit-exact with pycortex', () => {
  it('sub-hcp32k (cache/flatmask_1024.npz)', async () => {
    const on = await compareWithPycortex(
      'sub-hcp32k',
      join(SHARED_DB, 'sub-hcp32k', 'cache', 'flatmask_1024.npz'),
    );
    expect(on).toBe(1462598);
  });

  it('S1 (golden flatmask_1024.npz)', async () => {
    await compareWithPycortex('S1', goldenPath('S1', 'flatmask_1024.npz'));
  });
});
