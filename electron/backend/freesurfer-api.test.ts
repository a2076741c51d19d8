import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../shared/api.js';
import { freeSurferFixture } from '../../shared/freesurfer/testing/freesurfer-fixture.js';
import { callApi } from '../api-arguments.js';
import type { BackendContext } from './context.js';
import { createBackend } from './index.js';

const root = await mkdtemp(join(tmpdir(), 'roi-studio-fsapi-'));
afterAll(() => rm(root, { recursive: true, force: true }));

describe('importFreeSurfer through the API', () => {
  it('imports a FreeSurfer folder the user typed into the open database, reporting each stage', async () => {
    const db = join(root, 'db');
    const folder = join(root, 'freesurfer', 'subj01');
    await mkdir(db, { recursive: true });
    for (const [rel, bytes] of Object.entries(freeSurferFixture())) {
      await mkdir(dirname(join(folder, rel)), { recursive: true });
      await writeFile(join(folder, rel), bytes);
    }
    const ctx: BackendContext = {
      database: { path: db, source: 'argument' },
      appDataDir: join(root, 'app'),
      cacheDir: join(root, 'cache'),
      chosenFiles: new Set(),
    };
    const api = createBackend(ctx);
    const seen: (ImportProgress | null)[] = [];
    const running = callApi(ctx, api, 'importFreeSurfer', [{ folder, flatOrientation: 'as-is' }]);
    const poll = setInterval(() => void api.getImportProgress().then((p) => seen.push(p)), 1);
    await expect(callApi(ctx, api, 'importFreeSurfer', [{ folder, name: 'again' }])).rejects.toThrow(
      /an import is already running/,
    );
    const result = await running;
    clearInterval(poll);
    expect(result).toMatchObject({
      subject: 'subj01',
      path: join(db, 'subj01'),
      templates: ['aparc', 'prf-visualrois'],
    });
    expect(seen.some((p) => p !== null && p.steps === 7 && p.step >= 1)).toBe(true);
    expect(await api.getImportProgress()).toBeNull();
    expect((await api.listSubjects()).map((s) => s.name)).toEqual(['subj01']);
    expect(await readdir(db)).toEqual(['subj01']);
  });
});
