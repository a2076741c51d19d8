import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../shared/api.js';
import { callApi } from '../api-arguments.js';
import { GOLDEN, SHARED, SKIP_REASON } from '../testing/shared-data.js';
import type { BackendContext } from './context.js';
import { createBackend } from './index.js';

const temps: string[] = [];
afterAll(async () => {
  for (const d of temps) await rm(d, { recursive: true, force: true });
});

async function context(chosen: string[]): Promise<BackendContext> {
  const db = await mkdtemp(join(tmpdir(), 'roi-studio-xfm-api-'));
  temps.push(db);
  await cp(join(GOLDEN, 'fs-hcp32k', 'pycortex-import', 'surfaces'), join(db, 'fs-hcp32k', 'surfaces'), {
    recursive: true,
  });
  return {
    database: { path: db, source: 'argument' },
    appDataDir: db,
    cacheDir: db,
    chosenFiles: new Set(chosen),
  };
}

describe.skipIf(!SHARED)(`addTransform over the API (${SHARED ? 'shared data' : SKIP_REASON})`, () => {
  const subjects = SHARED ? join(SHARED, 'data', 'freesurfer') : '';
  const func = join(subjects, 'fs-hcp32k', 'func');
  const request = {
    subject: 'fs-hcp32k',
    name: 'regdat',
    reference: join(func, 'meanbeta.nii.gz'),
    registration: { kind: 'freesurfer', file: join(func, 'register.dat'), subjectsDir: subjects },
  };

  it('adds a transform from files in a folder the user chose; the subject then lists it', async () => {
    const ctx = await context([subjects]);
    const api = createBackend(ctx);
    const info = await callApi(ctx, api, 'addTransform', [request]);
    expect(info).toMatchObject({ name: 'regdat', shape: [81, 104, 83] });
    const [summary] = await api.listSubjects();
    expect(summary.transforms.map((t) => t.name)).toEqual(['regdat']);
  });

  it('refuses a registration the user did not choose, before anything is written', async () => {
    const ctx = await context([join(func, 'meanbeta.nii.gz')]);
    const api = createBackend(ctx);
    const err = (await callApi(ctx, api, 'addTransform', [request]).catch((e: unknown) => e)) as ApiError;
    expect([err.code, err.file]).toEqual(['FORBIDDEN', join(func, 'register.dat')]);
    expect((await api.listSubjects())[0].transforms).toEqual([]);
  });

  it('the desktop pickers: a registration file, or the subjects folder', async () => {
    const ctx = await context([]);
    const asked: unknown[] = [];
    ctx.dialogs = {
      chooseFolder: async (title) => (asked.push(title), '/subjects'),
      chooseFile: async (filters) => (asked.push(filters?.[0].extensions), '/reg.lta'),
    };
    const api = createBackend(ctx);
    expect(await api.chooseTransformInput('registration')).toBe('/reg.lta');
    expect(await api.chooseTransformInput('subjects-dir')).toBe('/subjects');
    expect(asked).toEqual([['dat', 'lta', 'mat'], 'Choose the FreeSurfer subjects folder (SUBJECTS_DIR)']);
    delete ctx.dialogs;
    expect(await api.chooseTransformInput('reference')).toBeNull();
  });
});
