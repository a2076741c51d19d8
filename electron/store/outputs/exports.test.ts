import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLabel } from '../../../shared/formats/freesurfer-label.js';
import { readNifti } from '../../../shared/formats/nifti.js';
import { readNpzFile } from '../../testing/flatmap-fixtures.js';
import { GOLDEN, SHARED, SHARED_DB } from '../../testing/shared-data.js';
import { exportRois } from './exports.js';
import { loadSubjectSurfaces } from '../database/subject-surfaces.js';
import { readTransform } from '../database/transforms.js';

const overlay = join(GOLDEN, 'S1', 'overlays-rois.svg');
const golden = async () =>
  JSON.parse(await readFile(join(GOLDEN, 'S1', 'rois.json'), 'utf8')) as Record<
    string,
    { lh: number[]; rh: number[] }
  >;
const tmp = () => mkdtemp(join(tmpdir(), 'roi-studio-export-'));

describe.skipIf(!SHARED)('exports of S1 ROIs (overlays-rois.svg)', () => {
  it('vertex lists as JSON equal pycortex get_roi_verts; CSV has a row per vertex', async () => {
    const out = await tmp();
    const [json] = await exportRois(SHARED_DB, {
      subject: 'S1',
      kind: 'json',
      out,
      overlay,
      rois: ['V1', 'FFA'],
    });
    expect(json).toBe(join(out, 'S1-rois.json'));
    const g = await golden();
    expect(JSON.parse(await readFile(json, 'utf8'))).toEqual({ V1: g.V1, FFA: g.FFA });
    const [csv] = await exportRois(SHARED_DB, {
      subject: 'S1',
      kind: 'csv',
      out: join(out, 'x.csv'),
      overlay,
      rois: ['FFA'],
    });
    const lines = (await readFile(csv, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('roi,hemisphere,vertex');
    expect(lines).toHaveLength(1 + g.FFA.lh.length + g.FFA.rh.length);
    expect(lines[1]).toBe(`FFA,lh,${g.FFA.lh[0]}`);
  }, 120_000);

  it('FreeSurfer .label files per hemisphere with (wm + pia)/2 coordinates', async () => {
    const out = await tmp();
    const files = await exportRois(SHARED_DB, { subject: 'S1', kind: 'label', out, overlay, rois: ['PPA'] });
    expect(files.map((f) => f.slice(out.length + 1)).sort()).toEqual(['lh.PPA.label', 'rh.PPA.label']);
    const g = await golden();
    const surfaces = await loadSubjectSurfaces(SHARED_DB, 'S1');
    for (const hemi of ['lh', 'rh'] as const) {
      const text = await readFile(join(out, `${hemi}.PPA.label`), 'utf8');
      expect(text.split('\n')[0]).toMatch(/^#!ascii label PPA from subject S1/);
      const label = parseLabel(text);
      expect(Array.from(label.vertices)).toEqual(g.PPA[hemi]);
      const wm = surfaces.wm![hemi].points;
      const pia = surfaces.pia![hemi].points;
      for (const i of [0, label.vertices.length - 1]) {
        const v = label.vertices[i];
        for (let a = 0; a < 3; a++)
          expect(label.coords[3 * i + a]).toBeCloseTo((wm[3 * v + a] + pia[3 * v + a]) / 2, 3);
      }
    }
    expect((await readdir(out)).some((f) => f.includes('.tmp-'))).toBe(false);
  }, 120_000);

  it('NIfTI masks agree with pycortex get_roi_masks(gm_sampler="cortical") voxel for voxel', async () => {
    const out = await tmp();
    await exportRois(SHARED_DB, {
      subject: 'S1',
      kind: 'nifti',
      out,
      overlay,
      transform: 'fullhead',
      rois: ['V1', 'FFA', 'PPA'],
    });
    const npz = await readNpzFile(join(GOLDEN, 'S1', 'roi_masks_fullhead.npz'));
    const xfm = await readTransform(SHARED_DB, 'S1', 'fullhead');
    for (const [name, count] of [
      ['V1', 640],
      ['FFA', 139],
      ['PPA', 258],
    ] as const) {
      const vol = readNifti(new Uint8Array(await readFile(join(out, `${name}.nii.gz`))));
      expect(vol.dims).toEqual([100, 100, 31]);
      expect(vol.header.datatype).toBe(2);
      for (let r = 0; r < 4; r++)
        for (let c = 0; c < 4; c++) expect(vol.affine[r][c]).toBeCloseTo(xfm.affine[r][c], 4);
      const g = npz[name];
      expect(g.shape).toEqual([100, 100, 31]);
      let ours = 0;
      let both = 0;
      let theirs = 0;
      for (let x = 0; x < 100; x++)
        for (let y = 0; y < 100; y++)
          for (let z = 0; z < 31; z++) {
            const a = g.data[(x * 100 + y) * 31 + z] ? 1 : 0;
            const b = vol.data[x + 100 * (y + 100 * z)] ? 1 : 0;
            theirs += a;
            ours += b;
            both += a & b;
          }
      console.log(`${name}: pycortex ${theirs} voxels, ours ${ours}, both ${both}`);
      expect([theirs, ours, both]).toEqual([count, count, count]);
    }
  }, 120_000);

  it('names a missing ROI and the overlay, writing nothing', async () => {
    const out = await tmp();
    await expect(
      exportRois(SHARED_DB, { subject: 'S1', kind: 'json', out, overlay, rois: ['Nope'] }),
    ).rejects.toThrow(/overlays-rois.svg: no ROI "Nope" \(ROIs: .*V1/);
    await expect(
      exportRois(SHARED_DB, { subject: 'S1', kind: 'nifti', out, overlay, rois: ['V1'] }),
    ).rejects.toThrow(/needs a transform/);
    expect(await readdir(out)).toEqual([]);
  }, 120_000);
});
