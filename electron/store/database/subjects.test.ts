import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api.js';
import { surfaceGifti } from '../../../shared/formats/testing/gifti-fixture.js';
import { makeNifti } from '../../../shared/formats/testing/nifti-fixture.js';
import { SHARED, SHARED_DB, SKIP_REASON } from '../../testing/shared-data.js';
import { listSubjects, templateName } from './subjects.js';

describe.skipIf(!SHARED)(
  `listSubjects on the real database (${SHARED ? 'shared data' : SKIP_REASON})`,
  () => {
    it('lists S1 and sub-hcp32k with surfaces, transforms, templates, overlay presence', async () => {
      const subjects = await listSubjects(SHARED_DB);
      expect(subjects.map((s) => s.name)).toEqual(['S1', 'sub-hcp32k']);
      const [s1, hcp] = subjects;
      expect(s1.surfaces).toEqual(['flat', 'inflated', 'pia', 'wm']);
      expect(s1.transforms.map((t) => [t.name, t.shape])).toEqual([
        ['fullhead', [100, 100, 31]],
        ['retinotopy', [72, 72, 22]],
      ]);
      expect(s1.hasOverlay).toBe(false);
      expect(s1.templates).toEqual([]);
      expect(s1.problem).toBeUndefined();
      expect(hcp.surfaces).toEqual(['flat', 'inflated', 'pia', 'very_inflated', 'wm']);
      expect(hcp.transforms[0].shape).toEqual([80, 99, 75]);
      expect(hcp.transforms[0].affine[0]).toEqual([2, 0, 0, expect.closeTo(-78.7386, 4)]);
      expect(hcp.hasOverlay).toBe(true);
      expect(hcp.templates.map((t) => [t.name, t.kind, t.labels?.length])).toEqual([
        ['floc-faces', 'volume', 4],
        ['floc-places', 'volume', 5],
        ['prf-visualrois', 'volume', 9],
      ]);
      expect(hcp.templates[2].labels?.slice(0, 3)).toEqual([
        { index: 0, name: 'Unknown' },
        { index: 1, name: 'V1' },
        { index: 2, name: 'V2' },
      ]);
    });
  },
);

describe('listSubjects on made-up databases', () => {
  const gii = surfaceGifti();
  const ref = makeNifti({ dims: [2, 3, 4], values: new Array(24).fill(0), gzip: true });
  const ident = JSON.stringify({
    coord: [
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ],
  });

  async function db(files: Record<string, string | Uint8Array>): Promise<string> {
    const root = await mkdtemp(join(tmpdir(), 'roi-studio-subjects-'));
    for (const [rel, content] of Object.entries(files)) {
      await mkdir(join(root, rel, '..'), { recursive: true });
      if (!rel.endsWith('/')) await writeFile(join(root, rel), content);
    }
    return root;
  }

  it('opens a subject without transforms/, lists broken ones with a problem, skips files', async () => {
    const root = await db({
      'good/surfaces/flat_lh.gii': gii,
      'good/surfaces/flat_rh.gii': gii,
      'good/warning.txt': 'surfaces were hand-edited\n',
      'good/templates/labels.nii.gz': ref,
      'good/templates/labels.ctab': '0 Unknown 0 0 0 0\n1 V1 255 0 0 0\n',
      'good/templates/lh.visual.mgz': 'x',
      'good/templates/rh.visual.mgz': 'x',
      'good/templates/visual.mgz.ctab': '0 Unknown\n1 V1v\n',
      'good/templates/lh.lonely.mgz': 'x',
      'good/overlays.svg': '<svg/>',
      'half/surfaces/flat_lh.gii': gii,
      'noflat/surfaces/wm_lh.gii': gii,
      'noflat/surfaces/wm_rh.gii': gii,
      'nosurf/anatomicals/raw.nii.gz': ref,
      'xfm/surfaces/flat_lh.gii': gii,
      'xfm/surfaces/flat_rh.gii': gii,
      'xfm/transforms/ok/matrices.xfm': ident,
      'xfm/transforms/ok/reference.nii.gz': ref,
      'xfm/transforms/broken/matrices.xfm': ident,
      'xfm/transforms/broken/reference.nii.gz': ref.subarray(0, 30),
      'xfm/templates/bad.nii': 'x',
      'xfm/templates/bad.ctab': 'one two\n',
      'README.txt': 'not a subject',
      '.hidden/surfaces/flat_lh.gii': gii,
    });
    const subjects = await listSubjects(root);
    expect(subjects.map((s) => s.name)).toEqual(['good', 'half', 'noflat', 'nosurf', 'xfm']);
    const by = Object.fromEntries(subjects.map((s) => [s.name, s]));
    expect(by.good.problem).toBeUndefined();
    expect(by.good.transforms).toEqual([]);
    expect(by.good.hasOverlay).toBe(true);
    expect(by.good.warning).toBe('surfaces were hand-edited');
    expect(by.good.templates.map((t) => [t.name, t.kind, t.labels?.map((l) => l.name)])).toEqual([
      ['labels', 'volume', ['Unknown', 'V1']],
      ['visual', 'vertex', ['Unknown', 'V1v']],
    ]);
    expect(by.good.templates[0].labels?.[1].rgba).toEqual([255, 0, 0, 255]);
    expect(by.half.problem).toMatch(/flat surface of one hemisphere only \(flat_lh\.gii\)/);
    expect(by.noflat.problem).toMatch(/no flat surface/);
    expect(by.noflat.surfaces).toEqual(['wm']);
    expect(by.nosurf.problem).toBe('no surfaces/ folder');
    expect(by.xfm.problem).toBeUndefined();
    expect(by.xfm.transforms.map((t) => [t.name, t.shape])).toEqual([['ok', [2, 3, 4]]]);
    expect(by.xfm.warning).toMatch(
      /transform broken is unusable: .*reference\.nii\.gz: gzip data is corrupt or truncated/,
    );
    expect(by.xfm.warning).toMatch(/bad\.ctab: line 1: label index "one" is not an integer/);
  });

  it('a missing database folder is NOT_FOUND', async () => {
    const err = await listSubjects('/no/such/db').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('NOT_FOUND');
  });

  it('templateName strips NIfTI and FreeSurfer naming', () => {
    expect(templateName('/a/prf-visualrois.nii.gz')).toBe('prf-visualrois');
    expect(templateName('/a/x.nii')).toBe('x');
    expect(templateName('/a/lh.floc-faces.mgz')).toBe('floc-faces');
    expect(templateName('/a/rh.floc-faces.mgh')).toBe('floc-faces');
    expect(templateName('/a/data.npz')).toBe('data');
  });
});
