import { createHash } from 'node:crypto';
import {
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  readlink,
  rm,
  stat,
  symlink,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCtab } from '../../../shared/formats/ctab.js';
import {
  encodeFreeSurferCurv,
  encodeFreeSurferPatch,
  encodeFreeSurferSurface,
} from '../../../shared/formats/freesurfer-surface.js';
import { parseGiftiSurface } from '../../../shared/formats/gifti.js';
import { encodeMgh, readMgh } from '../../../shared/formats/mgh.js';
import { parseNpz } from '../../../shared/formats/npy.js';
import { parseOverlay } from '../../../shared/formats/overlay-svg.js';
import {
  DEFAULT_IMPORT_OPTIONS,
  IMPORT_STAGES,
  type FreeSurferImportOptions,
} from '../../../shared/freesurfer/import-subject.js';
import { freeSurferFixture, gridSheet } from '../../../shared/freesurfer/testing/freesurfer-fixture.js';
import { makeNifti } from '../../../shared/formats/testing/nifti-fixture.js';
import { addTransform } from './add-transform.js';
import { importFreeSurfer } from './freesurfer-import.js';
import { SIDECAR_FILE } from '../write/sidecar-file.js';

const temps: string[] = [];
afterAll(async () => {
  for (const d of temps) await rm(d, { recursive: true, force: true });
});

async function temp(prefix: string): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), prefix));
  temps.push(d);
  return d;
}

/** A FreeSurfer subjects folder holding the fixture subject `fs`, with some files replaced or removed. */
async function subjectsDir(change: Record<string, Uint8Array | null> = {}): Promise<string> {
  const dir = await temp('roi-studio-fs-');
  const files = { ...freeSurferFixture(), ...change };
  for (const [rel, bytes] of Object.entries(files)) {
    if (bytes === null) continue;
    await mkdir(dirname(join(dir, 'fs', rel)), { recursive: true });
    await writeFile(join(dir, 'fs', rel), bytes);
  }
  return dir;
}

/** Every file under `dir` with a hash of its bytes, so a test can tell that nothing changed. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const full = join(e.parentPath, e.name);
    out[full.slice(dir.length)] = e.isFile()
      ? createHash('sha1')
          .update(await readFile(full))
          .digest('hex')
      : 'dir';
  }
  return out;
}

async function databaseWithOther(): Promise<string> {
  const db = await temp('roi-studio-db-');
  await mkdir(join(db, 'other', 'surfaces'), { recursive: true });
  await writeFile(join(db, 'other', 'overlays.svg'), '<svg/>');
  return db;
}

const run = (fs: string, db: string, options: Partial<FreeSurferImportOptions> = {}, extra = {}) =>
  importFreeSurfer({
    subjectsDir: fs,
    subject: 'fs',
    db,
    options: { ...DEFAULT_IMPORT_OPTIONS, ...options },
    ...extra,
  });

describe('importFreeSurfer on a small synthetic subject', () => {
  it('refuses a subject name that links out of the database, even with replace; the linked folder is untouched', async () => {
    const fs = await subjectsDir();
    const db = await databaseWithOther();
    const outside = await temp('roi-studio-outside-');
    await writeFile(join(outside, 'keep.txt'), 'someone else’s data');
    await symlink(outside, join(db, 'fs'));
    const before = [await tree(outside), await tree(db)];
    const err = await run(fs, db, {}, { replace: true }).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('FORBIDDEN');
    expect((err as Error).message).toMatch(/fs: leads to .* outside the database/);
    expect([await tree(outside), await tree(db)]).toEqual(before);
  });

  it('writes the pycortex subject folder, templates and overlay, naming each stage', async () => {
    const fs = await subjectsDir();
    const db = await databaseWithOther();
    const before = await tree(fs);
    const stages: string[] = [];
    const r = await run(fs, db, {}, { name: 'S2', progress: (s: string) => stages.push(s) });
    expect(stages).toEqual([...IMPORT_STAGES]);
    expect(r.subject).toBe('S2');
    expect(r.vertices).toEqual({ lh: 36, rh: 36 });
    expect(r.templates).toEqual(['aparc', 'prf-visualrois']);
    const dir = join(db, 'S2');
    expect((await readdir(dir)).sort()).toEqual(
      [
        'anatomicals',
        'cache',
        'overlays.svg',
        'surface-info',
        'surfaces',
        'templates',
        'transforms',
        'views',
      ].sort(),
    );
    expect((await readdir(join(dir, 'surfaces'))).sort()).toEqual(
      ['flat', 'inflated', 'pia', 'wm'].flatMap((s) => [`${s}_lh.gii`, `${s}_rh.gii`]).sort(),
    );
    // 8³ volumes: pycortex's surfmove is t − sign(t)·128 of raw_wm's translation (quirk §2.4)
    expect(r.surfmove).toEqual([5.5 - 128, -21.25 + 128, 15.75 - 128]);
    const pia = parseGiftiSurface(await readFile(join(dir, 'surfaces', 'pia_rh.gii'), 'utf8'));
    const src = gridSheet(2, 5);
    for (let i = 0; i < pia.points.length; i++)
      expect(pia.points[i]).toBe(Math.fround(src.points[i] + r.surfmove[i % 3]));
    const flat = parseGiftiSurface(await readFile(join(dir, 'surfaces', 'flat_lh.gii'), 'utf8'));
    // patch (x, y) = (v mod 6, 2·row) becomes (y, −x)
    expect(Array.from(flat.points.subarray(3 * 7, 3 * 8))).toEqual([2, -1, 0]);
    const thickness = parseNpz(await readFile(join(dir, 'surface-info', 'thickness.npz')));
    expect(thickness.left.data[0]).toBeCloseTo(-2, 6);
    const annot = readMgh(await readFile(join(dir, 'templates', 'lh.aparc.mgz')));
    expect(Array.from(annot.values.subarray(16, 20))).toEqual([1, 1, 2, 2]);
    expect(parseCtab(await readFile(join(dir, 'templates', 'aparc.mgz.ctab'), 'utf8'))[1]).toEqual({
      index: 1,
      name: 'cuneus',
      rgba: [220, 180, 140, 255],
    });
    const overlay = parseOverlay(await readFile(join(dir, 'overlays.svg'), 'utf8'));
    expect(overlay.height).toBe(1024);
    expect(await tree(fs)).toEqual(before);
    expect((await readdir(db)).sort()).toEqual(['S2', 'other']);
  });

  it('--wm white imports the white surface as wm; smoothwm stays the flat patch’s mesh', async () => {
    const fs = await subjectsDir();
    const db = await databaseWithOther();
    const r = await run(fs, db, { wm: 'white', labels: 'none' });
    const wm = parseGiftiSurface(await readFile(join(db, 'fs', 'surfaces', 'wm_lh.gii'), 'utf8'));
    expect(wm.points[2]).toBe(Math.fround(-0.5 + r.surfmove[2]));
    const smoothwm = (await run(fs, db, { labels: 'none' }, { name: 'smooth' })).surfmove;
    const wmSmooth = parseGiftiSurface(await readFile(join(db, 'smooth', 'surfaces', 'wm_lh.gii'), 'utf8'));
    expect(wmSmooth.points[2]).toBe(Math.fround(smoothwm[2]));
  });

  it('--labels all adds .label files; a list picks by name', async () => {
    const fs = await subjectsDir();
    const db = await databaseWithOther();
    expect((await run(fs, db, { labels: 'all' })).templates).toEqual([
      'V1_exvivo',
      'aparc',
      'prf-visualrois',
    ]);
    const v1 = readMgh(await readFile(join(db, 'fs', 'templates', 'lh.V1_exvivo.mgz')));
    expect([...v1.values.keys()].filter((v) => v1.values[v] === 1)).toEqual([3, 7]);
    const rh = readMgh(await readFile(join(db, 'fs', 'templates', 'rh.V1_exvivo.mgz')));
    expect(rh.values.every((x) => x === 0)).toBe(true);
    expect((await run(fs, db, { labels: ['aparc'] }, { name: 'only' })).templates).toEqual(['aparc']);
    expect((await run(fs, db, { labels: 'none' }, { name: 'none' })).templates).toEqual([]);
  });

  it('refuses an existing subject; --replace keeps its overlays.svg and sidecar', async () => {
    const fs = await subjectsDir();
    const db = await databaseWithOther();
    await run(fs, db);
    await writeFile(join(db, 'fs', 'overlays.svg'), '<svg>my ROIs</svg>');
    await writeFile(join(db, 'fs', SIDECAR_FILE), '{"rois":[]}');
    const before = await tree(db);
    await expect(run(fs, db)).rejects.toThrow(/fs: the database already has a subject "fs"/);
    expect(await tree(db)).toEqual(before);
    const r = await run(fs, db, {}, { replace: true });
    const backups = await readdir(join(db, 'fs', 'overlays-backups'));
    expect(backups).toHaveLength(2);
    const svg = backups.find((f) => f.endsWith('.svg'))!;
    expect(await readFile(join(db, 'fs', 'overlays-backups', svg), 'utf8')).toBe('<svg>my ROIs</svg>');
    expect(await readFile(join(db, 'fs', SIDECAR_FILE), 'utf8')).toBe('{"rois":[]}');
    expect(r.kept).toContain(SIDECAR_FILE);
    expect(r.replaced).toEqual(['overlays.svg']);
    expect(await readFile(join(db, 'fs', 'overlays.svg'), 'utf8')).toMatch(/id="edgeclip"/);
    expect((await readdir(db)).sort()).toEqual(['.subjects-backups', 'fs', 'other']);
  });

  it('--replace carries over a transform, templates and files of the user byte for byte; the old subject is backed up whole', async () => {
    const fs = await subjectsDir();
    const db = await databaseWithOther();
    await run(fs, db);
    const subject = join(db, 'fs');
    const reference = join(await temp('roi-studio-func-'), 'func.nii');
    await writeFile(reference, makeNifti({ dims: [3, 4, 5], values: new Array(60).fill(1), sformCode: 1 }));
    await addTransform({ db, subject: 'fs', name: 'fmri', reference, registration: { kind: 'header' } });
    await writeFile(join(subject, 'templates', 'mine.nii.gz'), 'my template');
    await mkdir(join(subject, 'views'), { recursive: true });
    await writeFile(join(subject, 'views', 'lateral.json'), '{"azimuth":90}');
    await writeFile(join(subject, 'notes.txt'), 'scanned twice');
    await symlink('transforms/fmri', join(subject, 'fmri-link'));
    // a hand-edited file the import also writes: the import's wins, the edit stays in the backup
    const imported = await readFile(join(subject, 'templates', 'lh.aparc.mgz'));
    await writeFile(join(subject, 'templates', 'lh.aparc.mgz'), 'edited by hand');
    // a file where the import puts a folder
    await rm(join(subject, 'anatomicals'), { recursive: true });
    await writeFile(join(subject, 'anatomicals'), 'not a folder');
    await writeFile(join(subject, 'cache', 'flatmask_1024.npz'), 'derived from the old surfaces');
    const old = await tree(subject);

    const r = await run(fs, db, {}, { replace: true });

    expect(r.kept).toEqual([
      'fmri-link',
      'notes.txt',
      'templates/mine.nii.gz',
      'transforms/fmri/',
      'views/lateral.json',
      expect.stringMatching(/^overlays-backups\/overlays\.\d{8}T\d{6}-\d{3}Z\.replaced\.svg$/),
    ]);
    expect(r.replaced).toEqual(['anatomicals', 'templates/lh.aparc.mgz']);
    const now = await tree(subject);
    for (const path of [
      '/transforms/fmri/matrices.xfm',
      '/transforms/fmri/reference.nii.gz',
      '/templates/mine.nii.gz',
      '/views/lateral.json',
      '/notes.txt',
    ])
      expect(now[path]).toBe(old[path]);
    expect(await readlink(join(subject, 'fmri-link'))).toBe('transforms/fmri');
    expect(await readFile(join(subject, 'templates', 'lh.aparc.mgz'))).toEqual(imported);
    expect(await readdir(join(subject, 'cache'))).toEqual([]);
    expect((await stat(join(subject, 'anatomicals'))).isDirectory()).toBe(true);
    // the replaced subject, every byte of it, in the database's subject backups
    expect(r.backup).toMatch(/\.subjects-backups\/fs\.\d{8}T\d{6}-\d{3}Z$/);
    expect(dirname(r.backup!)).toBe(join(db, '.subjects-backups'));
    expect(await tree(r.backup!)).toEqual(old);
    expect((await readdir(db)).sort()).toEqual(['.subjects-backups', 'fs', 'other']);
  });

  it('--replace refuses a subject backup folder that links out of the database; nothing changes', async () => {
    const fs = await subjectsDir();
    const db = await databaseWithOther();
    await run(fs, db);
    const outside = await temp('roi-studio-outside-');
    await symlink(outside, join(db, '.subjects-backups'));
    const before = await tree(db);
    const err = await run(fs, db, {}, { replace: true }).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('FORBIDDEN');
    expect((err as Error).message).toMatch(/\.subjects-backups: leads to .* outside the database/);
    expect(await tree(db)).toEqual(before);
    expect(await readdir(outside)).toEqual([]);
  });

  const truncate = (rel: string, keep: number) => freeSurferFixture()[rel].subarray(0, keep);
  const patch = (vertexShift: number) => {
    const vertices = Int32Array.from({ length: 36 }, (_, v) => v + vertexShift);
    return encodeFreeSurferPatch({ vertices, border: new Uint8Array(36), coords: new Float32Array(108) });
  };
  const oldPatch = () => {
    const b = patch(0).slice();
    new DataView(b.buffer).setInt32(0, 36, false);
    return b;
  };
  const smaller = (() => {
    const g = gridSheet(2);
    return encodeFreeSurferSurface({
      points: g.points.subarray(0, 33 * 3),
      triangles: g.triangles.subarray(0, 3 * 30),
    });
  })();
  const badFace = (() => {
    const g = gridSheet(0);
    const t = Uint32Array.from(g.triangles);
    t[4] = 99;
    return encodeFreeSurferSurface({ points: g.points, triangles: t });
  })();
  const reversed = (() => {
    const g = gridSheet(10);
    return encodeFreeSurferSurface({ points: g.points, triangles: g.triangles.slice().reverse() });
  })();
  const bad: [string, Record<string, Uint8Array | null>, RegExp, Partial<FreeSurferImportOptions>?][] = [
    [
      'truncated surface',
      { 'surf/lh.pial': truncate('surf/lh.pial', 300) },
      /surf\/lh\.pial: file truncated: 36 vertices and 50 faces need/,
    ],
    [
      'not a surface',
      { 'surf/rh.inflated': new Uint8Array(64) },
      /surf\/rh\.inflated: not a FreeSurfer triangle surface/,
    ],
    [
      'face index out of range',
      { 'surf/lh.smoothwm': badFace },
      /surf\/lh\.smoothwm: face 1 refers to vertex 99, but there are 36/,
    ],
    [
      'surfaces with different vertex counts',
      { 'surf/rh.pial': smaller },
      /surf\/rh\.pial: 33 vertices, but surf\/rh\.smoothwm has 36/,
    ],
    [
      'surfaces with other triangles',
      { 'surf/lh.inflated': reversed },
      /surf\/lh\.inflated: its triangles differ from those of surf\/lh\.smoothwm/,
    ],
    [
      'curv with the wrong count',
      { 'surf/lh.thickness': encodeFreeSurferCurv(new Float32Array(35)) },
      /surf\/lh\.thickness: 35 values, but surf\/lh\.smoothwm has 36 vertices/,
    ],
    ['truncated curv', { 'surf/rh.sulc': truncate('surf/rh.sulc', 40) }, /surf\/rh\.sulc: file truncated/],
    ['missing curv', { 'surf/lh.curv': null }, /surf\/lh\.curv: file not found/],
    [
      'patch indices out of range',
      { 'surf/lh.full.flat.patch.3d': patch(10) },
      /lh\.full\.flat\.patch\.3d: record 26 names vertex 36, but the surface has 36 vertices/,
    ],
    [
      'truncated patch',
      { 'surf/rh.full.flat.patch.3d': truncate('surf/rh.full.flat.patch.3d', 100) },
      /rh\.full\.flat\.patch\.3d: file truncated: 36 patch records need/,
    ],
    [
      'old-format patch',
      { 'surf/lh.full.flat.patch.3d': oldPatch() },
      /lh\.full\.flat\.patch\.3d: not a current-format patch/,
    ],
    [
      'missing patch',
      { 'surf/rh.full.flat.patch.3d': null },
      /surf\/rh\.full\.flat\.patch\.3d: file not found/,
    ],
    ['patch of another name', {}, /surf\/lh\.other\.flat\.patch\.3d: file not found/, { patch: 'other' }],
    ['missing T1.mgz', { 'mri/T1.mgz': null }, /mri\/T1\.mgz: file not found/],
    [
      'truncated aseg.mgz',
      { 'mri/aseg.mgz': truncate('mri/aseg.mgz', freeSurferFixture()['mri/aseg.mgz'].length - 12) },
      /mri\/aseg\.mgz: gzip data is corrupt or truncated/,
    ],
    ['wm.mgz that is no MGH', { 'mri/wm.mgz': new Uint8Array(300).fill(7) }, /mri\/wm\.mgz: not an MGH file/],
    [
      'label map of another mesh',
      { 'label/rh.prf-visualrois.mgz': encodeMgh(new Float32Array(10)) },
      /label\/rh\.prf-visualrois\.mgz: 10 vertices, but the hemisphere's surfaces have 36/,
    ],
    [
      'truncated .annot',
      { 'label/lh.aparc.annot': truncate('label/lh.aparc.annot', 120) },
      /label\/lh\.aparc\.annot: file truncated/,
    ],
    [
      'malformed table',
      { 'label/prf-visualrois.mgz.ctab': new TextEncoder().encode('0 Unknown\nV1 1\n') },
      /prf-visualrois\.mgz\.ctab: line 2: label index "V1" is not an integer/,
    ],
    [
      'unknown label set',
      {},
      /label: no label set "nope" \(has: V1_exvivo, aparc, prf-visualrois\)/,
      { labels: ['nope'] },
    ],
  ];
  for (const [name, change, message, options] of bad)
    it(`${name}: one error naming the file, database and FreeSurfer folder unchanged`, async () => {
      const fs = await subjectsDir(change);
      const db = await databaseWithOther();
      const [dbBefore, fsBefore] = [await tree(db), await tree(fs)];
      const error = await run(fs, db, options).then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.message).toMatch(message);
      expect(error?.message.startsWith(join(fs, 'fs'))).toBe(true);
      expect(await tree(db)).toEqual(dbBefore);
      expect(await tree(fs)).toEqual(fsBefore);
    });

  it('a missing database or FreeSurfer subject is named and nothing is created', async () => {
    const fs = await subjectsDir();
    const db = await databaseWithOther();
    await expect(run(fs, join(db, 'nope'))).rejects.toThrow(/nope: no such database folder/);
    await expect(
      importFreeSurfer({ subjectsDir: fs, subject: 'subj09', db, options: DEFAULT_IMPORT_OPTIONS }),
    ).rejects.toThrow(/subj09: no such FreeSurfer subject folder/);
    await expect(run(fs, db, {}, { name: '../x' })).rejects.toThrow(/not a valid subject name/);
    const inside = join(fs, 'fs', 'pycortex-db');
    await mkdir(inside);
    await expect(run(fs, inside)).rejects.toThrow(
      /pycortex-db: the database is inside the FreeSurfer folder/,
    );
    expect(await readdir(inside)).toEqual([]);
    expect((await readdir(db)).sort()).toEqual(['other']);
    expect(await stat(join(db, 'nope')).catch(() => null)).toBeNull();
    await unlink(join(db, 'other', 'overlays.svg'));
  });
});
