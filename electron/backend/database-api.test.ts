import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api.js';
import { encodeMgh } from '../../shared/formats/mgh.js';
import { surfaceGifti } from '../../shared/formats/testing/gifti-fixture.js';
import { makeNifti } from '../../shared/formats/testing/nifti-fixture.js';
import { SHARED, SHARED_DB, SKIP_REASON } from '../testing/shared-data.js';
import type { BackendContext, Dialogs } from './context.js';
import { createContext } from './create-context.js';
import { databaseApi } from './database-api.js';

async function code(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApiError);
  return (e as ApiError).code;
}

function context(db: string, home: string, dialogs?: Dialogs): BackendContext {
  return {
    database: { path: db, source: 'argument' },
    appDataDir: join(home, 'data'),
    cacheDir: join(home, 'cache'),
    chosenFiles: new Set(),
    ...(dialogs ? { dialogs } : {}),
  };
}

describe.skipIf(!SHARED)(
  `database API on the real database (${SHARED ? 'shared data' : SKIP_REASON})`,
  () => {
    it('loads an NSD-style template with labels, refuses another grid and paths outside', async () => {
      const home = await mkdtemp(join(tmpdir(), 'roi-studio-api-'));
      const api = databaseApi(context(SHARED_DB, home));
      const path = join(SHARED_DB, 'sub-hcp32k/templates/prf-visualrois.nii.gz');
      const v = await api.loadVolume('sub-hcp32k', 'func2mm', path);
      expect(v.dims).toEqual([80, 99, 75]);
      expect([v.min, v.max, v.integerValued]).toEqual([-1, 8, true]);
      expect(v.labels?.map((l) => l.name)).toEqual([
        'Unknown',
        'V1',
        'V2',
        'V3',
        'V4',
        'V3A',
        'V3B',
        'LO1',
        'LO2',
      ]);
      const relative = await api.loadVolume(
        'sub-hcp32k',
        'func2mm',
        'sub-hcp32k/templates/floc-faces.nii.gz',
      );
      expect(relative.max).toBe(3);
      const ref = await api.loadVolume('S1', 'fullhead', 'S1/transforms/fullhead/reference.nii.gz');
      expect(ref.integerValued).toBe(false);
      expect(ref.min).toBe(0);
      expect(ref.max).toBeCloseTo(2910.098, 2);
      const mismatch = api.loadVolume('S1', 'fullhead', path);
      await expect(mismatch).rejects.toThrow(/80×99×75.*100×100×31/);
      expect(await code(api.loadVolume('S1', 'fullhead', path))).toBe('SHAPE_MISMATCH');
      expect(await code(api.loadVolume('S1', 'fullhead', '/etc/passwd'))).toBe('FORBIDDEN');
      expect(await code(api.loadVolume('S1', 'nope', path))).toBe('NOT_FOUND');
      expect(await code(api.loadVolume('../S1', 'fullhead', path))).toBe('BAD_REQUEST');
      expect(await code(api.loadVolume('S2', 'fullhead', path))).toBe('NOT_FOUND');
      expect(await code(api.loadVolume('sub-hcp32k', 'func2mm', path, 1))).toBe('INVALID_FILE');
    });

    it('loads per-vertex npz data (surface-info) checked against the surfaces', async () => {
      const home = await mkdtemp(join(tmpdir(), 'roi-studio-api-'));
      const api = databaseApi(context(SHARED_DB, home));
      const d = await api.loadVertexData('sub-hcp32k', 'sub-hcp32k/surface-info/thickness.npz');
      expect(d.values.length).toBe(64984);
      expect(d.integerValued).toBe(false);
      expect(await code(api.loadVertexData('S1', 'sub-hcp32k/surface-info/thickness.npz'))).toBe(
        'SHAPE_MISMATCH',
      );
    });

    it('lists subjects of the opened database', async () => {
      const home = await mkdtemp(join(tmpdir(), 'roi-studio-api-'));
      const api = databaseApi(context(home, home));
      expect(await api.listSubjects()).toEqual([]);
      const info = await api.openDatabase(SHARED_DB);
      expect(info).toEqual({ path: SHARED_DB, source: 'opened', recent: [SHARED_DB] });
      expect((await api.listSubjects()).map((s) => s.name)).toEqual(['S1', 'sub-hcp32k']);
      expect(await code(api.openDatabase(join(home, 'missing')))).toBe('NOT_FOUND');
      expect((await api.getDatabase()).path).toBe(SHARED_DB);
    });
  },
);

describe('database API on a made-up subject', () => {
  async function subject(): Promise<{ db: string; home: string }> {
    const home = await mkdtemp(join(tmpdir(), 'roi-studio-api-'));
    const db = join(home, 'db');
    const gii = surfaceGifti();
    await mkdir(join(db, 'S', 'surfaces'), { recursive: true });
    await mkdir(join(db, 'S', 'templates'), { recursive: true });
    await writeFile(join(db, 'S', 'surfaces', 'flat_lh.gii'), gii);
    await writeFile(join(db, 'S', 'surfaces', 'flat_rh.gii'), gii);
    await writeFile(join(db, 'S', 'templates', 'lh.visual.mgz'), gzipSync(encodeMgh([0, 1, 2, 1], 4)));
    await writeFile(join(db, 'S', 'templates', 'rh.visual.mgz'), gzipSync(encodeMgh([2, 2, 0, 0], 4)));
    await writeFile(join(db, 'S', 'templates', 'visual.mgz.ctab'), '0 Unknown\n1 V1v\n2 V1d\n');
    await writeFile(join(db, 'S', 'templates', 'lh.short.mgz'), gzipSync(encodeMgh([0, 1, 2])));
    await writeFile(join(db, 'S', 'templates', 'rh.short.mgz'), gzipSync(encodeMgh([0, 1, 2, 3])));
    return { db, home };
  }

  it('loads an lh./rh. MGZ pair (either file) with its label table', async () => {
    const { db, home } = await subject();
    const api = databaseApi(context(db, home));
    for (const f of ['lh.visual.mgz', 'rh.visual.mgz']) {
      const d = await api.loadVertexData('S', join(db, 'S', 'templates', f));
      expect(Array.from(d.values)).toEqual([0, 1, 2, 1, 2, 2, 0, 0]);
      expect([d.min, d.max, d.integerValued]).toEqual([0, 2, true]);
      expect(d.labels?.map((l) => l.name)).toEqual(['Unknown', 'V1v', 'V1d']);
    }
    await expect(api.loadVertexData('S', 'S/templates/lh.short.mgz')).rejects.toThrow(
      /lh\.short\.mgz: 3 values for the left hemisphere, but the subject's surfaces have 4 vertices/,
    );
    expect(await code(api.loadVertexData('S', 'S/templates/visual.mgz.ctab'))).toBe('BAD_REQUEST');
  });

  it('files chosen in the dialog (and their other hemisphere) become readable; no dialogs → null', async () => {
    const { db, home } = await subject();
    const outside = join(home, 'elsewhere');
    await mkdir(outside);
    await writeFile(join(outside, 'lh.v.mgz'), encodeMgh([1, 1, 1, 1]));
    await writeFile(join(outside, 'rh.v.mgz'), encodeMgh([2, 2, 2, 2]));
    await writeFile(
      join(outside, 'vol.nii.gz'),
      makeNifti({
        dims: [2, 2, 2],
        values: [0, 1, 2, 3, 4, 5, 6, 7],
        gzip: true,
        datatype: 4,
        sclSlope: 0.5,
      }),
    );
    const headless = databaseApi(context(db, home));
    expect(await headless.chooseTemplateFile()).toBeNull();
    expect(await headless.chooseDatabaseFolder()).toBeNull();
    expect(await code(headless.loadVertexData('S', join(outside, 'lh.v.mgz')))).toBe('FORBIDDEN');

    let next = join(outside, 'lh.v.mgz');
    const dialogs: Dialogs = { chooseFolder: async () => outside, chooseFile: async () => next };
    const ctx = context(db, home, dialogs);
    const api = databaseApi(ctx);
    expect(await api.chooseDatabaseFolder()).toBe(outside);
    expect(await api.chooseTemplateFile()).toBe(next);
    const d = await api.loadVertexData('S', next);
    expect(Array.from(d.values)).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
    expect((await api.loadVertexData('S', join(outside, 'rh.v.mgz'))).values.length).toBe(8);
    next = join(outside, 'vol.nii.gz');
    await api.chooseTemplateFile();
    // S has no transforms: the volume is read but the transform is missing
    expect(await code(api.loadVolume('S', 'func', next))).toBe('NOT_FOUND');
  });
});

describe('createContext', () => {
  it('uses --db, remembers it, and puts app folders under ROI_STUDIO_HOME', async () => {
    const home = await mkdtemp(join(tmpdir(), 'roi-studio-ctx-'));
    const db = join(home, 'db');
    await mkdir(db);
    const ctx = await createContext({ db, env: { HOME: home, ROI_STUDIO_HOME: join(home, 'rs') } });
    expect(ctx.database).toEqual({ path: db, source: 'argument' });
    expect(ctx.appDataDir).toBe(join(home, 'rs', 'data'));
    expect(ctx.cacheDir).toBe(join(home, 'rs', 'cache'));
    expect((await databaseApi(ctx).getDatabase()).recent).toEqual([db]);
  });
});
