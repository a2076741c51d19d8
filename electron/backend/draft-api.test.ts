import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Draft } from '../../shared/api.js';
import type { BackendContext } from './context.js';
import { draftApi, draftFile } from './draft-api.js';

let ctx: BackendContext;
beforeEach(async () => {
  const root = await mkdtemp(join(tmpdir(), 'roi-studio-drafts-'));
  ctx = {
    database: { path: join(root, 'db'), source: 'argument' },
    appDataDir: join(root, 'app'),
    cacheDir: join(root, 'cache'),
    chosenFiles: new Set(),
  };
});

const draft = (over: Partial<Draft> = {}): Draft => ({
  subject: 'demo',
  database: '/data/db',
  savedAt: '2026-11-24T12:00:00.000Z',
  baseRevision: 'rev1',
  edits: [
    { kind: 'add', name: 'V1', paths: ['M 0 0 L 10 0 L 10 10 Z'], label: true },
    { kind: 'rename', from: 'V2', to: 'V2d' },
  ],
  ...over,
});

describe('draft api', () => {
  it('saves and loads a draft keyed by database and subject', async () => {
    const api = draftApi(ctx);
    await api.saveDraft(draft());
    await api.saveDraft(draft({ subject: 'other', baseRevision: 'rev9' }));
    expect(await api.loadDraft('/data/db', 'demo')).toEqual(draft());
    expect((await api.loadDraft('/data/db', 'other'))?.baseRevision).toBe('rev9');
    expect(await api.loadDraft('/data/db2', 'demo')).toBeNull();
    expect(await api.loadDraft('/data/db/', 'demo')).toEqual(draft()); // same folder, other spelling
  });

  it('replaces atomically and leaves no temporary files', async () => {
    const api = draftApi(ctx);
    await api.saveDraft(draft());
    await api.saveDraft(draft({ baseRevision: 'rev2' }));
    const files = await readdir(join(ctx.appDataDir, 'drafts'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{32}\.json$/);
    expect((await api.loadDraft('/data/db', 'demo'))?.baseRevision).toBe('rev2');
  });

  it('keeps hostile subject names from steering the file name', async () => {
    const api = draftApi(ctx);
    await api.saveDraft(draft({ subject: '../../escape' }));
    expect(dirname(draftFile(ctx, '/data/db', '../../escape'))).toBe(join(ctx.appDataDir, 'drafts'));
    expect(await readdir(ctx.appDataDir)).toEqual(['drafts']);
  });

  it('clears a draft, and clearing a missing one is fine', async () => {
    const api = draftApi(ctx);
    await api.saveDraft(draft());
    await api.clearDraft('/data/db', 'demo');
    expect(await api.loadDraft('/data/db', 'demo')).toBeNull();
    await expect(api.clearDraft('/data/db', 'demo')).resolves.toBeUndefined();
  });

  it('reports a corrupt draft as INVALID_FILE naming the file, without deleting it', async () => {
    const api = draftApi(ctx);
    const file = draftFile(ctx, '/data/db', 'demo');
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, '{"subject": "demo", trunc');
    await expect(api.loadDraft('/data/db', 'demo')).rejects.toMatchObject({ code: 'INVALID_FILE', file });
    await writeFile(file, '{"subject": "demo"}');
    await expect(api.loadDraft('/data/db', 'demo')).rejects.toMatchObject({ code: 'INVALID_FILE', file });
    expect(await readFile(file, 'utf8')).toBe('{"subject": "demo"}');
  });

  it('reports an unwritable app-data folder as IO naming the file', async () => {
    await mkdir(dirname(ctx.appDataDir), { recursive: true });
    await writeFile(ctx.appDataDir, 'a file where the folder should be');
    await expect(draftApi(ctx).saveDraft(draft())).rejects.toMatchObject({
      code: 'IO',
      file: draftFile(ctx, '/data/db', 'demo'),
    });
  });
});
