import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api.js';
import { meanImage } from '../../../shared/flatmap/compose.js';
import { encodeMgh } from '../../../shared/formats/mgh.js';
import { makeNifti } from '../../../shared/formats/testing/nifti-fixture.js';
import { scannerVox2ras, type VolumeGeometry } from '../../../shared/formats/volume-geometry.js';
import { invertAffine, multiply4, parseXfm, type Matrix4 } from '../../../shared/formats/xfm.js';
import { goldenPath, imageAgreement, readNpzFile } from '../../testing/flatmap-fixtures.js';
import { GOLDEN, SHARED, SKIP_REASON } from '../../testing/shared-data.js';
import { addTransform, type AddTransformOptions } from './add-transform.js';
import { pixelMapFor } from '../flatmap/flatmap-engine.js';
import { listTransformNames, readTransform } from '../database/transforms.js';
import { readVolumeFile } from '../database/volumes.js';

const FS_DIR = SHARED ? join(SHARED, 'data', 'freesurfer') : '';
const FUNC = join(FS_DIR, 'fs-hcp32k', 'func');
const IMPORT = join(GOLDEN, 'fs-hcp32k', 'pycortex-import');
const S = 'fs-hcp32k';
const temps: string[] = [];

async function temp(prefix: string): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), prefix));
  temps.push(d);
  return d;
}

/** A database holding pycortex's import of fs-hcp32k without its transforms. */
async function importedSubject(): Promise<string> {
  const db = await temp('roi-studio-addxfm-');
  for (const part of ['surfaces', 'anatomicals'])
    await cp(join(IMPORT, part), join(db, S, part), { recursive: true });
  return db;
}

/** Every file under `dir` with its size and content hash: "unchanged" means this is equal. */
async function snapshot(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const p = join(e.parentPath, e.name);
    if (e.isDirectory()) out.push(`${p}/`);
    else
      out.push(
        `${p} ${createHash('sha1')
          .update(await readFile(p))
          .digest('hex')}`,
      );
  }
  return out.sort();
}

/** |Δ| relative to the golden entry (absolute below 1, where entries are rounding noise). */
const relativeDiff = (a: Matrix4, b: Matrix4) =>
  Math.max(
    ...a.flatMap((row, r) => row.map((v, c) => Math.abs(v - b[r][c]) / Math.max(1, Math.abs(b[r][c])))),
  );

afterAll(async () => {
  for (const d of temps) await rm(d, { recursive: true, force: true });
});

const base = (db: string, name: string): Omit<AddTransformOptions, 'registration'> => ({
  db,
  subject: S,
  name,
  reference: join(FUNC, 'meanbeta.nii.gz'),
});
const regdat = { kind: 'freesurfer', file: join(FUNC, 'register.dat'), subjectsDir: FS_DIR } as const;

describe.skipIf(!SHARED)(`add-transform on fs-hcp32k (${SHARED ? 'shared data' : SKIP_REASON})`, () => {
  let db: string;
  beforeAll(async () => {
    db = await importedSubject();
  });

  for (const [name, registration] of [
    ['regdat', regdat],
    ['fsl', { kind: 'fsl', file: join(FUNC, 'func2anat.mat') }],
    ['header', { kind: 'header' }],
  ] as const)
    it(`${name}: matrices.xfm and reference.nii.gz as pycortex saved them ('coord')`, async () => {
      const t = await addTransform({ ...base(db, name), registration });
      const golden = parseXfm(await readFile(join(IMPORT, 'transforms', name, 'matrices.xfm'), 'utf8'));
      const written = parseXfm(await readFile(join(db, S, 'transforms', name, 'matrices.xfm'), 'utf8'));
      const dc = relativeDiff(written.coord!, golden.coord!);
      const dm = relativeDiff(written.magnet!, golden.magnet!);
      console.log(`${name}: max relative |Δ| coord ${dc.toExponential(2)}, magnet ${dm.toExponential(2)}`);
      expect(dc).toBeLessThanOrEqual(1e-6);
      expect(dm).toBeLessThanOrEqual(1e-6);
      expect(t.coord).toEqual(written.coord);
      expect(t.shape).toEqual([81, 104, 83]);
      const ref = await readFile(join(db, S, 'transforms', name, 'reference.nii.gz'));
      expect(ref.equals(await readFile(join(IMPORT, 'transforms', name, 'reference.nii.gz')))).toBe(true);
      expect((await readTransform(db, S, name)).coord).toEqual(written.coord);
    });

  it('a flatmap through the new regdat transform agrees with pycortex’s golden flatmap', async () => {
    await addTransform({ ...base(db, 'flat'), registration: regdat });
    const cacheDir = await temp('roi-studio-addxfm-cache-');
    const { map } = await pixelMapFor(db, S, 'flat', { height: 1024, thick: 32, depth: 0.5 }, cacheDir);
    const volume = await readVolumeFile(join(FUNC, 'meanbeta.nii.gz'));
    const ours = meanImage(map, volume.data);
    const golden = await readNpzFile(goldenPath(S, 'flatmap_regdat.npz'));
    expect([map.height, map.width]).toEqual(golden.image.shape);
    const a = imageAgreement(ours, golden.image.data as Float32Array);
    console.log(
      `flatmap through the added regdat vs pycortex: NaN masks ${(100 * a.nanAgreement).toFixed(4)} %, values ${(100 * a.valueAgreement).toFixed(4)} %`,
    );
    expect(a.nanAgreement).toBeGreaterThanOrEqual(0.999);
    expect(a.valueAgreement).toBeGreaterThanOrEqual(0.999);
  });

  it('an .lta of the same registration gives the register.dat transform (RAS→RAS, voxel→voxel, inverted)', async () => {
    const dat = await addTransform({ ...base(db, 'lta-reference'), registration: regdat });
    const lta = await ltaFixtures();
    const dir = await temp('roi-studio-lta-');
    for (const [file, text] of Object.entries(lta)) {
      await writeFile(join(dir, file), text);
      const t = await addTransform({
        ...base(db, `lta-${file.replace('.lta', '')}`),
        registration: { ...regdat, file: join(dir, file) },
      });
      const d = relativeDiff(t.coord, dat.coord);
      console.log(`${file} vs register.dat: max relative |Δ| coord ${d.toExponential(2)}`);
      expect(d).toBeLessThan(1e-9);
    }
  });

  it('reads pycortex’s identity transform: the inverse of anatomicals/raw.nii.gz’s affine', async () => {
    expect((await listTransformNames(db, S)).slice(-2)).toEqual(['regdat', 'identity']);
    const t = await readTransform(db, S, 'identity');
    expect(t.shape).toEqual([256, 256, 256]);
    expect(multiply4(t.affine, t.coord).map((r) => r.map((v) => Math.round(v * 1e9) / 1e9))).toEqual([
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ]);
    // a voxel's scanner position maps back onto that voxel
    expect(t.coord[0][3]).toBeCloseTo(129.5, 9);
  });

  it('refuses to overwrite a transform unless asked; replacing keeps the old one as a backup', async () => {
    await addTransform({ ...base(db, 'twice'), registration: { kind: 'header' } });
    const before = await snapshot(db);
    const err = await addTransform({ ...base(db, 'twice'), registration: regdat }).catch((e: unknown) => e);
    expect((err as ApiError).message).toMatch(/transforms\/twice: transform "twice" already exists/);
    expect(await snapshot(db)).toEqual(before);
    const t = await addTransform({ ...base(db, 'twice'), registration: regdat, replace: true });
    expect(t.backup).toMatch(/transforms-backups\/twice\./);
    const old = parseXfm(await readFile(join(t.backup!, 'matrices.xfm'), 'utf8'));
    expect(old.coord).not.toEqual(t.coord);
    expect((await readTransform(db, S, 'twice')).coord).toEqual(t.coord);
    expect((await readdir(join(db, S))).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('refuses a transforms folder that links out of the database; the linked folder is untouched', async () => {
    const linked = await importedSubject();
    const outside = await temp('roi-studio-outside-');
    await writeFile(join(outside, 'keep.txt'), 'not a transform');
    await symlink(outside, join(linked, S, 'transforms'));
    const before = [await snapshot(outside), (await readdir(join(linked, S))).sort()];
    const err = await addTransform({ ...base(linked, 'escape'), registration: { kind: 'header' } }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('FORBIDDEN');
    expect((err as ApiError).message).toMatch(/transforms\/escape: leads to .* outside the database/);
    expect([await snapshot(outside), (await readdir(join(linked, S))).sort()]).toEqual(before);
  });
});

/** The fs-hcp32k registration as bbregister would have written it to an LTA (src = func, dst = orig.mgz). */
async function ltaFixtures(): Promise<Record<string, string>> {
  const design = JSON.parse(await readFile(join(GOLDEN, S, 'design.json'), 'utf8')) as Record<
    string,
    Matrix4
  >;
  const Af = design.func_affine;
  const Tf = design.func_tkr_vox2ras;
  const Va = design.vox2ras;
  const Ta = design.tkr_vox2ras;
  const D = design.register_dat_matrix;
  // D = Tf·Af⁻¹·R⁻¹·Va·Ta⁻¹  ⇒  R = Va·Ta⁻¹·D⁻¹·Tf·Af⁻¹ (func scanner RAS → anat scanner RAS)
  const R = [Va, invertAffine(Ta), invertAffine(D), Tf, invertAffine(Af)].reduce((a, b) => multiply4(a, b));
  const func = geometryOf(Af, [81, 104, 83]);
  const orig = geometryOf(Va, [256, 256, 256]);
  const vox = [invertAffine(scannerVox2ras(orig)), R, scannerVox2ras(func)].reduce((a, b) => multiply4(a, b));
  return {
    'ras2ras.lta': ltaText(1, R, func, orig),
    'vox2vox.lta': ltaText(0, vox, func, orig),
    'inverted.lta': ltaText(1, invertAffine(R), orig, func),
  };
}

function geometryOf(A: Matrix4, dims: [number, number, number]): VolumeGeometry {
  const voxelSize = [0, 1, 2].map((c) => Math.hypot(A[0][c], A[1][c], A[2][c])) as [number, number, number];
  const directions = [0, 1, 2].map((c) =>
    [0, 1, 2].map((r) => A[r][c] / voxelSize[c]),
  ) as VolumeGeometry['directions'];
  const center = [0, 1, 2].map((r) => A[r][3] + [0, 1, 2].reduce((s, c) => s + (A[r][c] * dims[c]) / 2, 0));
  return { dims, voxelSize, directions, center: center as [number, number, number] };
}

/** FreeSurfer's LTA layout (%.15e numbers, volume info blocks, subject line). */
function ltaText(type: 0 | 1, m: Matrix4, src: VolumeGeometry, dst: VolumeGeometry): string {
  const e = (xs: readonly number[]) => xs.map((x) => x.toExponential(15)).join(' ');
  const info = (g: VolumeGeometry, file: string) =>
    [
      'valid = 1  # volume info valid',
      `filename = ${file}`,
      `volume = ${g.dims.join(' ')}`,
      `voxelsize = ${e(g.voxelSize)}`,
      `xras   = ${e(g.directions[0])}`,
      `yras   = ${e(g.directions[1])}`,
      `zras   = ${e(g.directions[2])}`,
      `cras   = ${e(g.center)}`,
    ].join('\n');
  return [
    '# transform file register.lta',
    '# created by test',
    '',
    `type      = ${type} # ${type === 1 ? 'LINEAR_RAS_TO_RAS' : 'LINEAR_VOX_TO_VOX'}`,
    'nxforms   = 1',
    'mean      = 0.0000 0.0000 0.0000',
    'sigma     = 1.0000',
    '1 4 4',
    ...m.map(e),
    'src volume info',
    info(src, 'src.nii.gz'),
    'dst volume info',
    info(dst, 'orig.mgz'),
    'subject fs-hcp32k',
    'fscale 0.100000',
    '',
  ].join('\n');
}

describe.skipIf(!SHARED)(
  'add-transform: bad input is refused, naming the file, and the database is unchanged',
  () => {
    let db: string;
    let bad: string;
    const cases: [string, () => AddTransformOptions, RegExp, string][] = [];
    const file = (name: string) => join(bad, name);
    const add = (what: string, request: () => AddTransformOptions, message: RegExp, code = 'INVALID_FILE') =>
      cases.push([what, request, message, code]);
    const withDat = (name: string) => () => ({
      ...base(db, 'x'),
      registration: { ...regdat, file: file(name) },
    });

    beforeAll(async () => {
      db = await importedSubject();
      await mkdir(join(db, 'bare', 'surfaces'), { recursive: true });
      bad = await temp('roi-studio-addxfm-bad-');
      const dat = await readFile(join(FUNC, 'register.dat'), 'utf8');
      const lines = dat.split('\n');
      const mat = await readFile(join(FUNC, 'func2anat.mat'), 'utf8');
      const lta = (await ltaFixtures())['ras2ras.lta'];
      const beta = await readFile(join(FUNC, 'meanbeta.nii.gz'));
      const files: Record<string, string | Uint8Array> = {
        'other-subject.dat': dat.replace(/^fs-hcp32k/, 'bert'),
        'truncated.dat': lines.slice(0, 6).join('\n'),
        'other-voxels.dat': dat.replace('1.800000\n1.800000', '2.000000\n2.400000'),
        'singular.dat': lines.map((l, i) => (i === 5 ? '0 0 0 -9.8' : l)).join('\n'),
        'singular.mat': mat.replace(/^.*\n/, '0  0  0  57.19\n'),
        'truncated.mat': mat.split('\n').slice(0, 2).join('\n'),
        'truncated.lta': lta.split('\n').slice(0, 10).join('\n'),
        'other-volume.lta': lta.replace('volume = 81 104 83', 'volume = 64 64 30'),
        'frames.nii.gz': makeNifti({ dims: [2, 2, 2, 2], values: new Array(16).fill(1), gzip: true }),
        'flat.nii.gz': makeNifti({ dims: [4, 4], values: new Array(16).fill(1), gzip: true }),
        'truncated.nii.gz': beta.subarray(0, beta.length >> 1),
        'not-nifti.nii': 'hello '.repeat(100),
        'subjects/fs-hcp32k/mri/orig.mgz': encodeMgh(new Array(64).fill(0), 0, [4, 4, 4]),
        'broken/fs-hcp32k/mri/orig.mgz': (await readFile(join(FS_DIR, S, 'mri', 'orig.mgz'))).subarray(
          0,
          100,
        ),
      };
      for (const [name, content] of Object.entries(files)) {
        await mkdir(join(file(name), '..'), { recursive: true });
        await writeFile(file(name), content);
      }
    });

    add(
      'register.dat for another subject',
      withDat('other-subject.dat'),
      /other-subject\.dat: the registration is for FreeSurfer subject "bert", not "fs-hcp32k"/,
    );
    add(
      'register.dat of a volume with other voxels',
      withDat('other-voxels.dat'),
      /other-voxels\.dat: the registration was made for 2 mm voxels \(slices 2\.4 mm\), but .*meanbeta\.nii\.gz has 1\.8 × 1\.8 × 1\.8 mm voxels/,
    );
    add('truncated register.dat', withDat('truncated.dat'), /truncated\.dat: truncated: 6 line\(s\)/);
    add(
      'non-invertible register.dat',
      withDat('singular.dat'),
      /singular\.dat: the matrix .* is not invertible/,
    );
    add(
      'truncated LTA',
      withDat('truncated.lta'),
      /truncated\.lta: truncated: the 4×4 matrix starting at line 9 has only 2 row\(s\)/,
    );
    add(
      'LTA of other volumes',
      withDat('other-volume.lta'),
      /other-volume\.lta: the LTA registers a 64×64×30 volume to a 256×256×256 volume, but the reference is 81×104×83/,
    );
    add(
      'non-invertible FSL matrix',
      () => ({ ...base(db, 'x'), registration: { kind: 'fsl', file: file('singular.mat') } }),
      /singular\.mat: the matrix .* is not invertible/,
    );
    add(
      'truncated FSL matrix',
      () => ({ ...base(db, 'x'), registration: { kind: 'fsl', file: file('truncated.mat') } }),
      /truncated\.mat: truncated: the 4×4 matrix starting at line 1 has only 2 row\(s\)/,
    );
    add(
      'FSL matrix for a subject without anatomicals/raw.nii.gz',
      () => ({
        ...base(db, 'x'),
        subject: 'bare',
        registration: { kind: 'fsl', file: join(FUNC, 'func2anat.mat') },
      }),
      /bare\/anatomicals\/raw\.nii\.gz: file not found; an FSL registration maps to the subject's anatomy/,
      'NOT_FOUND',
    );
    add(
      'a 4-D reference',
      () => ({ ...base(db, 'x'), reference: file('frames.nii.gz'), registration: { kind: 'header' } }),
      /frames\.nii\.gz: the reference must be one 3-D volume, this one is 2×2×2×2/,
    );
    add(
      'a 2-D reference',
      () => ({ ...base(db, 'x'), reference: file('flat.nii.gz'), registration: { kind: 'header' } }),
      /flat\.nii\.gz: the reference must be one 3-D volume, this one is 4×4/,
    );
    add(
      'a truncated reference',
      () => ({ ...base(db, 'x'), reference: file('truncated.nii.gz'), registration: { kind: 'header' } }),
      /truncated\.nii\.gz: gzip data is/,
    );
    add(
      'a reference that is not NIfTI',
      () => ({ ...base(db, 'x'), reference: file('not-nifti.nii'), registration: { kind: 'header' } }),
      /not-nifti\.nii: not a NIfTI/,
    );
    add(
      'no orig.mgz in the subjects folder',
      () => ({ ...base(db, 'x'), registration: { ...regdat, subjectsDir: bad } }),
      /fs-hcp32k\/mri\/orig\.mgz: file not found/,
      'NOT_FOUND',
    );
    add(
      'orig.mgz of another anatomy',
      () => ({ ...base(db, 'x'), registration: { ...regdat, subjectsDir: file('subjects') } }),
      /orig\.mgz: this anatomy \(4×4×4\) is not the one subject "fs-hcp32k" was imported from/,
    );
    add(
      'a truncated orig.mgz',
      () => ({ ...base(db, 'x'), registration: { ...regdat, subjectsDir: file('broken') } }),
      /broken\/fs-hcp32k\/mri\/orig\.mgz: gzip data is/,
    );
    add(
      'a missing registration file',
      () => ({ ...base(db, 'x'), registration: { ...regdat, file: file('nope.dat') } }),
      /nope\.dat: file not found/,
      'NOT_FOUND',
    );
    add(
      'the name "identity"',
      () => ({ ...base(db, 'identity'), registration: { kind: 'header' } }),
      /"identity" is pycortex's built-in transform/,
      'BAD_REQUEST',
    );
    add(
      'a path as name',
      () => ({ ...base(db, '../x'), registration: { kind: 'header' } }),
      /bad transform name "\.\.\/x"/,
      'BAD_REQUEST',
    );

    it('has the cases the issue lists', () => expect(cases.length).toBeGreaterThanOrEqual(15));
    for (const [what, request, message, code] of cases)
      it(what, async () => {
        const before = await snapshot(db);
        const err = await addTransform(request()).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ApiError);
        expect([(err as ApiError).code, (err as ApiError).message]).toEqual([
          code,
          expect.stringMatching(message),
        ]);
        expect(await snapshot(db)).toEqual(before);
        expect(await stat(join(db, S, 'transforms')).catch(() => null)).toBeNull();
      });
  },
);

describe('add-transform without the reference data', () => {
  it('gzips an uncompressed reference and writes coord = A⁻¹, magnet = I for a header alignment', async () => {
    const db = await temp('roi-studio-addxfm-nii-');
    await mkdir(join(db, 'S', 'surfaces'), { recursive: true });
    const nii = makeNifti({
      dims: [3, 4, 5],
      values: Array.from({ length: 60 }, (_, i) => i),
      sformCode: 1,
      srow: [2, 0, 0, -10, 0, 2, 0, -20, 0, 0, 2, -30],
    });
    const reference = join(db, 'func.nii');
    await writeFile(reference, nii);
    const t = await addTransform({
      db,
      subject: 'S',
      name: 'func',
      reference,
      registration: { kind: 'header' },
    });
    const plain = (m: Matrix4) => m.map((row) => row.map((v) => v + 0)); // -0 → 0
    expect(plain(t.coord)).toEqual([
      [0.5, 0, 0, 5],
      [0, 0.5, 0, 10],
      [0, 0, 0.5, 15],
      [0, 0, 0, 1],
    ]);
    expect(plain(t.magnet)).toEqual([
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ]);
    const written = await readFile(join(db, 'S', 'transforms', 'func', 'reference.nii.gz'));
    expect(gunzipSync(written).equals(Buffer.from(nii))).toBe(true);
    expect((await readTransform(db, 'S', 'func')).shape).toEqual([3, 4, 5]);
  });

  it('--replace refuses a transforms-backups folder that links out of the database; nothing moves', async () => {
    const db = await temp('roi-studio-addxfm-backup-link-');
    await mkdir(join(db, 'S', 'surfaces'), { recursive: true });
    const reference = join(db, 'func.nii');
    await writeFile(reference, makeNifti({ dims: [3, 4, 5], values: new Array(60).fill(1), sformCode: 1 }));
    const request = { db, subject: 'S', name: 'func', reference, registration: { kind: 'header' } } as const;
    await addTransform(request);
    const outside = await temp('roi-studio-outside-');
    await symlink(outside, join(db, 'S', 'transforms-backups'));
    const state = async () => [await snapshot(join(db, 'S', 'transforms')), await readdir(join(db, 'S'))];
    const before = await state();
    const err = await addTransform({ ...request, replace: true }).catch((e: unknown) => e);
    expect((err as ApiError).code).toBe('FORBIDDEN');
    expect((err as ApiError).message).toMatch(/transforms-backups: leads to .* outside the database/);
    expect(await state()).toEqual(before);
    expect(await readdir(outside)).toEqual([]);
  });
});
