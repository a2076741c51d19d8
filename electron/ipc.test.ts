import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../shared/api-limits.js';
import { API_METHODS, ApiError, type RoiStudioApi } from '../shared/api.js';
import { apiChannel, DIRTY_CHANNEL, type IpcReply } from '../shared/menu.js';
import { registerIpc, type IpcMainLike, type IpcSenderLike } from './ipc.js';
import {
  makeSandbox,
  limitCalls,
  malformedCalls,
  outsideCalls,
  recordingBackend,
  validCalls,
  type Sandbox,
} from './testing/api-fixtures.js';
import { appUrlChecker } from './window-security.js';

type Handler = (event: IpcSenderLike, ...args: unknown[]) => Promise<unknown>;
type Listener = (event: IpcSenderLike, ...args: unknown[]) => void;

/** An ipcMain stand-in that records handlers so the test can invoke channels like a renderer. */
function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, Listener[]>();
  const ipc: IpcMainLike = {
    handle: (channel, h) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, h);
    },
    removeHandler: (channel) => void handlers.delete(channel),
    on: (channel, l) => void listeners.set(channel, [...(listeners.get(channel) ?? []), l]),
    removeListener: (channel, l) =>
      void listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((x) => x !== l),
      ),
  };
  return { ipc, handlers, listeners };
}

const RENDERER = '/opt/roi-studio/out/renderer';
const APP_PAGE = `file://${RENDERER}/index.html`;
const from = (url: string | null, id = 1): IpcSenderLike => ({
  senderFrame: url === null ? null : { url },
  sender: { id },
});

let box: Sandbox;
beforeAll(async () => {
  box = await makeSandbox();
});

function setup(api?: RoiStudioApi) {
  const fake = fakeIpcMain();
  const backend = recordingBackend(box.db);
  const dirty: [number, boolean][] = [];
  const dispose = registerIpc(fake.ipc, {
    api: api ?? backend.api,
    ctx: box.ctx,
    isAppUrl: appUrlChecker(RENDERER),
    onDirty: (id, d) => void dirty.push([id, d]),
  });
  const invoke = (method: string, args: unknown[], sender = from(APP_PAGE)) => {
    const h = fake.handlers.get(`roi-studio:api:${method}`);
    if (!h) throw new Error(`no channel for ${method}`);
    return h(sender, ...args) as Promise<IpcReply>;
  };
  return { ...fake, ...backend, dirty, dispose, invoke };
}

describe('ipc', () => {
  it('registers exactly one channel per API method and removes them again', () => {
    const s = setup();
    expect([...s.handlers.keys()].sort()).toEqual(API_METHODS.map(apiChannel).sort());
    expect(s.listeners.get(DIRTY_CHANNEL)).toHaveLength(1);
    s.dispose();
    expect(s.handlers.size).toBe(0);
    expect(s.listeners.get(DIRTY_CHANNEL)).toHaveLength(0);
  });

  it('passes a well-formed call from the app page to the back end', async () => {
    const s = setup();
    const valid = validCalls(box.db);
    for (const m of API_METHODS) {
      const reply = await s.invoke(m, valid[m]);
      expect(reply.ok, m).toBe(true);
    }
    expect(new Set(s.calls.map(([m]) => m))).toEqual(new Set(API_METHODS));
  });

  it('every channel rejects malformed arguments with BAD_REQUEST', async () => {
    const s = setup();
    for (const [m, args] of malformedCalls(box.db)) {
      const reply = await s.invoke(m, args);
      expect(reply, `${m} ${JSON.stringify(args)}`).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    }
    expect(s.calls.filter(([m]) => m !== 'getDatabase')).toEqual([]);
  });

  it('takes every limited argument at its bounds and refuses it just past them with BAD_REQUEST', async () => {
    const s = setup();
    const { within, beyond, covered } = limitCalls(box.db);
    // every limit the API carries; the trace raster height is the CLI's alone
    expect([...covered].sort()).toEqual(
      Object.keys(LIMITS)
        .filter((l) => l !== 'traceHeight')
        .sort(),
    );
    for (const [what, m, args] of within) expect((await s.invoke(m, args)).ok, what).toBe(true);
    for (const [what, m, args] of beyond)
      expect(await s.invoke(m, args), what).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(s.calls.filter(([m]) => m !== 'getDatabase')).toHaveLength(within.length);
  });

  it('every path-taking channel rejects paths outside the database with FORBIDDEN', async () => {
    const s = setup();
    const cases = outsideCalls(box.db, box.outside);
    expect(new Set(cases.map(([m]) => m))).toEqual(
      new Set([
        'openDatabase',
        'loadVolume',
        'loadVertexData',
        'getRoiVertices',
        'saveOverlay',
        'traceLabels',
        'exportRois',
        'addTransform',
        'importFreeSurfer',
      ]),
    );
    for (const [m, args] of cases) {
      const reply = await s.invoke(m, args);
      expect(reply, m).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(s.calls.filter(([m]) => m !== 'getDatabase')).toEqual([]);
  });

  it('refuses calls from any page but the app’s own', async () => {
    const s = setup();
    for (const sender of [
      from('https://evil.example/'),
      from('file:///tmp/other.html'),
      from(`file://${RENDERER}/../../../tmp/x.html`),
      from('devtools://devtools/bundled/inspector.html'),
      from(null),
    ]) {
      const reply = await s.invoke('listSubjects', [], sender);
      expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(s.calls).toEqual([]);
  });

  it('replies with the back end’s ApiError fields intact', async () => {
    const s = setup({
      ...recordingBackend(box.db).api,
      loadOverlay: () =>
        Promise.reject(new ApiError('LOCKED', 'held by pid 42', '/db/demo/overlays.svg.lock')),
      listSubjects: () => Promise.reject(new TypeError('boom')),
    });
    expect(await s.invoke('loadOverlay', ['demo'])).toEqual({
      ok: false,
      error: { code: 'LOCKED', message: 'held by pid 42', file: '/db/demo/overlays.svg.lock' },
    });
    expect(await s.invoke('listSubjects', [])).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'boom' },
    });
  });

  it('keeps typed arrays as typed arrays (IPC clones them natively)', async () => {
    const vertex = Int32Array.of(-1, 3);
    const s = setup({
      ...recordingBackend(box.db).api,
      getVertexMap: async () => ({ width: 2, height: 1, vertex }),
    });
    const reply = await s.invoke('getVertexMap', ['demo', 16]);
    expect(reply).toEqual({ ok: true, value: { width: 2, height: 1, vertex } });
  });

  it('takes dirty reports only as booleans from the app page', () => {
    const s = setup();
    const report = s.listeners.get(DIRTY_CHANNEL)![0];
    report(from(APP_PAGE, 7), true);
    report(from(APP_PAGE, 7), 'yes');
    report(from('https://evil.example/', 7), false);
    report(from(APP_PAGE, 7), false);
    expect(s.dirty).toEqual([
      [7, true],
      [7, false],
    ]);
  });
});

describe('preload', () => {
  const source = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'preload.cts'), 'utf8');

  it('loads nothing but electron at run time (a sandboxed preload cannot)', () => {
    const runtimeImports = [...source.matchAll(/^import\s+(?!type\b)(.*)$/gm)].map((m) => m[1]);
    expect(runtimeImports).toEqual(["electron = require('electron');"]);
    expect(source).not.toMatch(/\brequire\((?!'electron'\))/);
  });

  it('lists exactly the API methods and exposes exactly two objects', () => {
    const listed = [
      ...source.slice(source.indexOf('const METHODS'), source.indexOf('] as const')).matchAll(/'(\w+)'/g),
    ].map((m) => m[1]);
    expect(listed).toEqual([...API_METHODS]);
    expect([...source.matchAll(/exposeInMainWorld\('(\w+)'/g)].map((m) => m[1])).toEqual([
      'roiStudio',
      'roiStudioShell',
    ]);
    expect(source).toContain("'roi-studio:menu'");
    expect(source).toContain("'roi-studio:dirty'");
  });
});
