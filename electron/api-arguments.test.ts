import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, ApiError } from '../shared/api.js';
import { callApi, checkArguments, toErrorShape } from './api-arguments.js';
import {
  makeSandbox,
  malformedCalls,
  outsideCalls,
  recordingBackend,
  validCalls,
  type Sandbox,
} from './testing/api-fixtures.js';

let box: Sandbox;
beforeAll(async () => {
  box = await makeSandbox();
});

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as ApiError,
  );

describe('checkArguments', () => {
  it('accepts a well-formed call for every method and passes it on', async () => {
    const { api, calls } = recordingBackend(box.db);
    const valid = validCalls(box.db);
    for (const m of API_METHODS) {
      calls.length = 0;
      await expect(callApi(box.ctx, api, m, valid[m])).resolves.toEqual(
        m === 'getDatabase' ? expect.anything() : { method: m },
      );
      expect(calls.at(-1)).toEqual([m, valid[m]]);
    }
  });

  it('refuses unknown methods and non-array arguments', async () => {
    const { api } = recordingBackend(box.db);
    for (const m of ['constructor', '__proto__', 'toString', 'deleteEverything', 7])
      expect((await rejection(checkArguments(box.ctx, api, m, [])))?.code).toBe('BAD_REQUEST');
    expect((await rejection(checkArguments(box.ctx, api, 'getDatabase', { length: 0 })))?.code).toBe(
      'BAD_REQUEST',
    );
  });

  it('refuses every malformed call with BAD_REQUEST before it reaches the back end', async () => {
    const { api, calls } = recordingBackend(box.db);
    const cases = malformedCalls(box.db);
    expect(cases.length).toBeGreaterThan(API_METHODS.length * 2);
    for (const [m, args] of cases) {
      const err = await rejection(callApi(box.ctx, api, m, args));
      expect(err, `${m} ${JSON.stringify(args)}`).toBeInstanceOf(ApiError);
      expect(err?.code).toBe('BAD_REQUEST');
      expect(err?.message).toContain(m);
    }
    expect(calls.filter(([m]) => m !== 'getDatabase')).toEqual([]);
  });

  it('refuses paths outside the database with FORBIDDEN naming the path', async () => {
    const { api, calls } = recordingBackend(box.db);
    for (const [m, args] of outsideCalls(box.db, box.outside)) {
      const err = await rejection(callApi(box.ctx, api, m, args));
      expect(err?.code, `${m} ${JSON.stringify(args)}`).toBe('FORBIDDEN');
      expect(err?.file).toContain('outside');
    }
    expect(calls.filter(([m]) => m !== 'getDatabase')).toEqual([]);
  });

  it('lets through a file or database the user chose, and a recent database', async () => {
    const { api } = recordingBackend(box.db);
    const secret = join(box.outside, 'secret.nii.gz');
    const ctx = { ...box.ctx, chosenFiles: new Set([secret]) };
    await expect(callApi(ctx, api, 'loadVolume', ['demo', 'xfm', secret])).resolves.toEqual({
      method: 'loadVolume',
    });
    const withRecent = {
      ...api,
      getDatabase: async () => ({ path: box.db, source: 'argument' as const, recent: [box.outside] }),
    };
    await expect(callApi(box.ctx, withRecent, 'openDatabase', [box.outside])).resolves.toEqual({
      method: 'openDatabase',
    });
  });

  it('opens a typed path when it is a pycortex filestore, or passes a missing one on for NOT_FOUND', async () => {
    const { api } = recordingBackend(box.db);
    const other = join(box.outside, 'other-db');
    await mkdir(join(other, 'S1', 'surfaces'), { recursive: true });
    await expect(callApi(box.ctx, api, 'openDatabase', [other])).resolves.toEqual({ method: 'openDatabase' });
    const missing = join(box.outside, 'nothing-here');
    await expect(callApi(box.ctx, api, 'openDatabase', [missing])).resolves.toEqual({
      method: 'openDatabase',
    });
    const err = await rejection(callApi(box.ctx, api, 'openDatabase', [box.outside]));
    expect(err?.code).toBe('FORBIDDEN');
    expect(err?.message).toContain('not a pycortex database');
    expect((await rejection(callApi(box.ctx, api, 'openDatabase', ['relative/db'])))?.code).toBe(
      'BAD_REQUEST',
    );
  });

  it('words a refusal for the mode: Browse… on the desktop, the path field and --db in a browser', async () => {
    const { api } = recordingBackend(box.db);
    const subject = join(box.outside, 'lab-db', 'S2');
    await mkdir(join(subject, 'surfaces'), { recursive: true });
    const asSubject = await rejection(callApi(box.ctx, api, 'openDatabase', [subject]));
    expect(asSubject?.message).toBe(
      `${subject} is a subject folder, not a database: open the folder that holds it, ${join(box.outside, 'lab-db')}`,
    );
    const desktop = {
      ...box.ctx,
      dialogs: { chooseFolder: async () => null, chooseFile: async () => null },
    };
    const plain = join(box.outside, 'plain');
    await mkdir(plain, { recursive: true });
    const inBrowser = await rejection(callApi(box.ctx, api, 'openDatabase', [plain]));
    expect(inBrowser?.message).toMatch(
      /type the folder that holds the subject folders, or restart serve with --db/,
    );
    expect(inBrowser?.message).not.toMatch(/Browse|picker|chosen by the user/);
    const onDesktop = await rejection(callApi(desktop, api, 'openDatabase', [plain]));
    expect(onDesktop?.message).toMatch(/choose it with Browse… to open it anyway$/);

    const secret = join(box.outside, 'secret.nii.gz');
    const browserFile = await rejection(callApi(box.ctx, api, 'loadVolume', ['demo', 'xfm', secret]));
    expect(browserFile?.message).toBe(
      `${secret} is outside the open database; copy it into the database (${box.db}), or restart serve with --db on a database that holds it`,
    );
    const desktopFile = await rejection(callApi(desktop, api, 'loadVolume', ['demo', 'xfm', secret]));
    expect(desktopFile?.message).toBe(
      `${secret} is outside the open database; choose it with Browse… to use it`,
    );
  });

  it('makes relative paths absolute inside the database and drops trailing undefined', async () => {
    const { api, calls } = recordingBackend(box.db);
    await callApi(box.ctx, api, 'loadVolume', ['demo', 'xfm', 'demo/template.nii.gz', undefined]);
    expect(calls[0]).toEqual(['loadVolume', ['demo', 'xfm', join(box.db, 'demo', 'template.nii.gz')]]);
  });
});

describe('toErrorShape', () => {
  it('passes ApiError fields through faithfully', () => {
    expect(toErrorShape(new ApiError('STALE', 'changed on disk', '/db/demo/overlays.svg'))).toEqual({
      code: 'STALE',
      message: 'changed on disk',
      file: '/db/demo/overlays.svg',
    });
    expect(toErrorShape({ code: 'LOCKED', message: 'busy' })).toEqual({ code: 'LOCKED', message: 'busy' });
  });
  it('turns anything else into INTERNAL with its message', () => {
    const enoent = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
    expect(toErrorShape(enoent)).toEqual({ code: 'INTERNAL', message: 'ENOENT: no such file' });
    expect(toErrorShape('boom')).toEqual({ code: 'INTERNAL', message: 'boom' });
  });
});
