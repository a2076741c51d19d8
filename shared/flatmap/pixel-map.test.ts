import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readVolumeFile } from '../../electron/store/database/volumes.js';
import {
  goldenPath,
  imageAgreement,
  readNpzFile,
  subjectSamplingInput,
} from '../../electron/testing/flatmap-fixtures.js';
import { SHARED, SHARED_DB } from '../../electron/testing/shared-data.js';
import { labelImage, meanImage } from './compose.js';
import { buildPixelSampling, type PixelSampling } from './pixel-map.js';

async function sampling(subject: string, xfm: string, thick: number): Promise<PixelSampling> {
  return buildPixelSampling(await subjectSamplingInput(subject, xfm, thick));
}

async function compare(
  map: PixelSampling,
  volumePath: string,
  golden: string,
  label: string,
  render: 'mean' | 'label' = 'mean',
) {
  const volume = await readVolumeFile(volumePath);
  const img = render === 'mean' ? meanImage(map, volume.data) : labelImage(map, volume.data);
  const npz = await readNpzFile(golden);
  expect(npz.img.shape).toEqual([map.height, map.width]);
  const theirs = Float32Array.from(npz.img.data as Float32Array, (v) =>
    render === 'label' && v < 0 ? NaN : v,
  );
  const a = imageAgreement(img, theirs);
  console.log(
    `${label}: NaN masks agree on ${(100 * a.nanAgreement).toFixed(4)} % of pixels, values on ${(100 * a.valueAgreement).toFixed(4)} % of ${a.finiteBoth} pixels finite in both`,
  );
  expect(a.nanAgreement).toBeGreaterThanOrEqual(0.999);
  expect(a.valueAgreement).toBeGreaterThanOrEqual(0.999);
}

describe.skipIf(!SHARED)('volume flatmaps agree with pycortex', () => {
  it('S1 fullhead reference, thick 32', async () => {
    const map = await sampling('S1', 'fullhead', 32);
    await compare(
      map,
      join(SHARED_DB, 'S1', 'transforms', 'fullhead', 'reference.nii.gz'),
      goldenPath('S1', 'flatmap_fullhead_reference.npz'),
      'S1 fullhead reference (thick 32)',
    );
  });

  for (const thick of [32, 1]) {
    it(`sub-hcp32k func2mm templates, thick ${thick}`, async () => {
      const map = await sampling('sub-hcp32k', 'func2mm', thick);
      for (const t of ['prf-visualrois', 'floc-faces', 'floc-places']) {
        await compare(
          map,
          join(SHARED_DB, 'sub-hcp32k', 'templates', `${t}.nii.gz`),
          goldenPath('sub-hcp32k', `flatmap_func2mm_${t}${thick === 1 ? '_thick1' : ''}.npz`),
          `sub-hcp32k ${t} (thick ${thick})`,
        );
        // the crisp label rendering of the default map is pycortex's thick=1 image, −1 → NaN
        if (thick === 32)
          await compare(
            map,
            join(SHARED_DB, 'sub-hcp32k', 'templates', `${t}.nii.gz`),
            goldenPath('sub-hcp32k', `flatmap_func2mm_${t}_thick1.npz`),
            `sub-hcp32k ${t} crisp labels (mid-depth voxel of the thick 32 map)`,
            'label',
          );
      }
    });
  }
});
