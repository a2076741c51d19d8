import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api.js';
import { coordMatrix, invertAffine, multiply4, parseXfm } from '../../../shared/formats/xfm.js';
import { makeNifti } from '../../../shared/formats/testing/nifti-fixture.js';
import { SHARED, SHARED_DB, SKIP_REASON, missingReference } from '../../testing/shared-data.js';
import { listTransformNames, readTransform } from './transforms.js';
import { checkVolumeShape, readVolumeFile } from './volumes.js';
import { readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';

const maxAbsDiff = (a: number[][], b: number[][]) =>
  Math.max(...a.flatMap((row, r) => row.map((v, c) => Math.abs(v - b[r][c]))));

describe(`transforms of the real subjects (${SHARED ? 'shared data' : SKIP_REASON})`, () => {
  it.skipIf(missingReference('data/db/S1'))(
    'S1 fullhead: reference 100×100×31, coord as stored, coord = A⁻¹·magnet',
    async () => {
      expect(await listTransformNames(SHARED_DB, 'S1')).toEqual(['fullhead', 'retinotopy']);
      const t = await readTransform(SHARED_DB, 'S1', 'fullhead');
      expect(t.shape).toEqual([100, 100, 31]);
      expect(t.coord[0][0]).toBeCloseTo(-0.44486981846094426, 15);
      expect(t.coord[1][3]).toBeCloseTo(60.165881316857195, 12);
      expect(t.affine[0][0]).toBeCloseTo(-2.24, 6);
      const text = await readFile(join(SHARED_DB, 'S1/transforms/fullhead/matrices.xfm'), 'utf8');
      const derived = coordMatrix({ magnet: parseXfm(text).magnet }, t.affine);
      const diff = maxAbsDiff(derived, t.coord);
      console.log(`S1 fullhead: max |A⁻¹·magnet − coord| = ${diff.toExponential(2)}`);
      expect(diff).toBeLessThan(1e-12);
    },
  );

  it.skipIf(missingReference('data/db/S1'))(
    'S1 retinotopy: reference 72×72×22 with an oblique affine',
    async () => {
      const t = await readTransform(SHARED_DB, 'S1', 'retinotopy');
      expect(t.shape).toEqual([72, 72, 22]);
      const text = await readFile(join(SHARED_DB, 'S1/transforms/retinotopy/matrices.xfm'), 'utf8');
      const magnet = parseXfm(text).magnet!;
      expect(maxAbsDiff(multiply4(t.affine, t.coord), magnet)).toBeLessThan(1e-9);
    },
  );

  it.skipIf(!SHARED)(
    'sub-hcp32k func2mm: 80×99×75 on a 2 mm grid, coord = inverse of the grid affine',
    async () => {
      const t = await readTransform(SHARED_DB, 'sub-hcp32k', 'func2mm');
      expect(t.shape).toEqual([80, 99, 75]);
      expect(t.affine.map((r) => r.slice(0, 3))).toEqual([
        [2, 0, 0],
        [0, 2, 0],
        [0, 0, 2],
        [0, 0, 0],
      ]);
      expect(maxAbsDiff(t.coord, invertAffine(t.affine))).toBeLessThan(1e-6);
    },
  );

  it.skipIf(!SHARED)('reads the NSD-style templates: int16 labels −1..N on the func2mm grid', async () => {
    const t = await readTransform(SHARED_DB, 'sub-hcp32k', 'func2mm');
    for (const [name, max] of [
      ['prf-visualrois', 8],
      ['floc-places', 4],
      ['floc-faces', 3],
    ] as const) {
      const v = await readVolumeFile(join(SHARED_DB, 'sub-hcp32k/templates', `${name}.nii.gz`));
      checkVolumeShape(name, v.dims, t);
      let min = Infinity;
      let hi = -Infinity;
      for (const x of v.data) {
        min = Math.min(min, x);
        hi = Math.max(hi, x);
      }
      expect([min, hi]).toEqual([-1, max]);
      expect(v.data.length).toBe(80 * 99 * 75);
    }
  });

  it.skipIf(!SHARED)('refuses a volume on another grid, naming both shapes', async () => {
    const t = await readTransform(SHARED_DB, 'S1', 'fullhead');
    const v = await readVolumeFile(join(SHARED_DB, 'sub-hcp32k/templates/prf-visualrois.nii.gz'));
    let err: unknown;
    try {
      checkVolumeShape('prf-visualrois.nii.gz', v.dims, t);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('SHAPE_MISMATCH');
    expect((err as ApiError).message).toContain('80×99×75');
    expect((err as ApiError).message).toContain('100×100×31');
  });
});

describe('transforms: broken files', () => {
  async function subjectWith(files: Record<string, string | Uint8Array>): Promise<string> {
    const db = await mkdtemp(join(tmpdir(), 'roi-studio-xfm-'));
    for (const [rel, content] of Object.entries(files)) {
      await mkdir(join(db, rel, '..'), { recursive: true });
      await writeFile(join(db, rel), content);
    }
    return db;
  }
  const ref = makeNifti({ dims: [2, 2, 2], values: new Array(8).fill(0), gzip: true });
  const xfm = JSON.stringify({
    coord: [
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ],
  });

  it('a transform read again follows its file when it changes on disk, and a broken file is not remembered', async () => {
    const db = await subjectWith({
      'S/transforms/t/matrices.xfm': xfm,
      'S/transforms/t/reference.nii.gz': ref,
    });
    const first = await readTransform(db, 'S', 't');
    expect(await readTransform(db, 'S', 't')).toBe(first);
    const file = join(db, 'S/transforms/t/matrices.xfm');
    await writeFile(file, xfm.replace('[1, 0, 0, 0]', '[2, 0, 0, 0.5]').replace('[1,0,0,0]', '[2,0,0,0.5]'));
    const changed = await readTransform(db, 'S', 't');
    expect(changed.coord[0]).toEqual([2, 0, 0, 0.5]);
    await writeFile(file, 'not json at all, and longer than before');
    await expect(readTransform(db, 'S', 't')).rejects.toThrow(/not valid JSON/);
    await writeFile(file, xfm);
    expect((await readTransform(db, 'S', 't')).coord[0]).toEqual([1, 0, 0, 0]);
  });

  it('a subject without transforms/ lists none', async () => {
    const db = await subjectWith({ 'S/surfaces/x': '' });
    expect(await listTransformNames(db, 'S')).toEqual([]);
  });

  const cases: [string, Record<string, string | Uint8Array>, string, RegExp][] = [
    [
      'non-JSON xfm',
      { 'S/transforms/t/matrices.xfm': 'coord: 1', 'S/transforms/t/reference.nii.gz': ref },
      'INVALID_FILE',
      /matrices\.xfm: not valid JSON/,
    ],
    [
      'missing reference',
      { 'S/transforms/t/matrices.xfm': xfm },
      'NOT_FOUND',
      /reference\.nii\.gz: file not found/,
    ],
    ['missing xfm', { 'S/transforms/t/reference.nii.gz': ref }, 'NOT_FOUND', /matrices\.xfm: file not found/],
    [
      'truncated gzip reference',
      { 'S/transforms/t/matrices.xfm': xfm, 'S/transforms/t/reference.nii.gz': ref.subarray(0, 40) },
      'INVALID_FILE',
      /reference\.nii\.gz: gzip data is corrupt or truncated/,
    ],
    [
      'reference not NIfTI',
      { 'S/transforms/t/matrices.xfm': xfm, 'S/transforms/t/reference.nii.gz': 'hello'.repeat(100) },
      'INVALID_FILE',
      /reference\.nii\.gz: not a NIfTI/,
    ],
  ];
  for (const [name, files, code, msg] of cases) {
    it(`${name}: ${code}`, async () => {
      const db = await subjectWith(files);
      const err = await readTransform(db, 'S', 't').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).code).toBe(code);
      expect((err as ApiError).message).toMatch(msg);
    });
  }

  it.skipIf(process.getuid?.() === 0)('unreadable matrices.xfm: permission denied', async () => {
    const db = await subjectWith({
      'S/transforms/t/matrices.xfm': xfm,
      'S/transforms/t/reference.nii.gz': ref,
    });
    await chmod(join(db, 'S/transforms/t/matrices.xfm'), 0o000);
    await expect(readTransform(db, 'S', 't')).rejects.toThrow(/matrices\.xfm: permission denied/);
  });
});
