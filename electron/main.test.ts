import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { API_METHODS } from '../shared/api.js';

/**
 * main.ts wired to a fake Electron (the runtime cannot be downloaded everywhere): what the
 * desktop shell does at start-up, on close with unsaved changes, and on a second launch.
 */

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const on = (store: Map<string, Listener[]>) => (event: string, fn: Listener) => {
    store.set(event, [...(store.get(event) ?? []), fn]);
  };
  const emit = (store: Map<string, Listener[]>, event: string, ...args: unknown[]) => {
    for (const fn of store.get(event) ?? []) fn(...args);
  };
  const appEvents = new Map<string, Listener[]>();
  const windows: FakeWindow[] = [];
  const sent: unknown[][] = [];
  const handlers = new Map<string, Listener>();
  const ipcListeners = new Map<string, Listener[]>();
  const state = { menu: null as unknown, boxAnswers: [] as number[], boxes: 0, headerHook: null as unknown };

  class FakeWindow {
    events = new Map<string, Listener[]>();
    loaded: string[] = [];
    closed = false;
    webContents = { id: 1, send: (...a: unknown[]) => void sent.push(a) };
    constructor(public options: Record<string, unknown>) {
      windows.push(this);
    }
    on = on(this.events);
    once = on(this.events);
    async loadFile(p: string) {
      this.loaded.push(p);
    }
    async loadURL(u: string) {
      this.loaded.push(u);
    }
    maximize() {}
    show() {}
    focus() {}
    restore() {}
    isMinimized = () => false;
    isMaximized = () => false;
    getNormalBounds = () => ({ x: 1, y: 2, width: 900, height: 700 });
    close() {
      let prevented = false;
      emit(this.events, 'close', { preventDefault: () => (prevented = true) });
      if (!prevented) {
        this.closed = true;
        emit(this.events, 'closed');
      }
    }
  }

  const electron = {
    app: {
      isPackaged: false,
      enableSandbox: () => undefined,
      requestSingleInstanceLock: () => true,
      on: on(appEvents),
      whenReady: () => Promise.resolve(),
      quit: () => undefined,
      exit: () => undefined,
      getVersion: () => '0.1.0',
    },
    BrowserWindow: FakeWindow,
    dialog: {
      showMessageBox: async () => {
        state.boxes++;
        return { response: state.boxAnswers.shift() ?? 2 };
      },
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showErrorBox: (t: string, m: string) => {
        throw new Error(`unexpected error box: ${t}: ${m}`);
      },
    },
    ipcMain: {
      handle: (ch: string, fn: Listener) => void handlers.set(ch, fn),
      removeHandler: (ch: string) => void handlers.delete(ch),
      on: on(ipcListeners),
      removeListener: () => undefined,
    },
    Menu: {
      buildFromTemplate: (t: unknown) => t,
      setApplicationMenu: (m: unknown) => void (state.menu = m),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => undefined,
        setPermissionCheckHandler: () => undefined,
        webRequest: {
          onBeforeRequest: () => undefined,
          onHeadersReceived: (fn: unknown) => void (state.headerHook = fn),
        },
      },
    },
    shell: { openExternal: async () => undefined },
  };
  return { electron, appEvents, windows, sent, handlers, ipcListeners, state, emit };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const here = dirname(fileURLToPath(import.meta.url));
const settle = () => new Promise((r) => setTimeout(r, 10));
let db: string;

beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'roi-studio-main-'));
  db = join(root, 'db');
  await mkdir(db);
  process.env.ROI_STUDIO_HOME = join(root, 'home');
  process.argv = [process.execPath, '.', '--db', db];
  await import('./main.js');
  await vi.waitFor(() => expect(fake.windows[0]?.loaded.length).toBe(1), { timeout: 10_000 });
});

describe('main process (fake Electron)', () => {
  it('opens one sandboxed window on the built renderer', () => {
    expect(fake.windows).toHaveLength(1);
    const w = fake.windows[0];
    expect(w.loaded).toEqual([join(here, '..', 'renderer', 'index.html')]);
    expect(w.options.webPreferences).toMatchObject({
      preload: join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(w.options).toMatchObject({ width: 1400, height: 900, show: false });
  });

  it('binds one IPC channel per API method, hardens the session and sets the menu', () => {
    expect([...fake.handlers.keys()].sort()).toEqual(API_METHODS.map((m) => `roi-studio:api:${m}`).sort());
    expect(fake.state.headerHook).toBeTypeOf('function');
    expect((fake.state.menu as { label?: string }[]).map((m) => m.label)).toContain('&File');
    expect(fake.appEvents.get('web-contents-created')).toHaveLength(1);
  });

  it('the page can call the back end through its channel', async () => {
    const sender = {
      senderFrame: { url: pathToFileURL(join(here, '..', 'renderer', 'index.html')).href },
      sender: { id: 1 },
    };
    const reply = await fake.handlers.get('roi-studio:api:getDatabase')!(sender);
    expect(reply).toMatchObject({ ok: true, value: { path: db, source: 'argument' } });
    const foreign = await fake.handlers.get('roi-studio:api:getDatabase')!({
      ...sender,
      senderFrame: { url: 'https://evil.example/' },
    });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('opens a database named by a second launch in the running window', () => {
    fake.emit(fake.appEvents, 'second-instance', {}, [process.execPath, '.', '/data/other-db'], '/');
    expect(fake.sent.at(-1)).toEqual([
      'roi-studio:menu',
      { command: 'open-database', path: '/data/other-db' },
    ]);
  });

  it('asks before closing with unsaved changes; Cancel keeps the window, Don’t Save closes it', async () => {
    const w = fake.windows[0];
    const page = {
      senderFrame: { url: pathToFileURL(join(here, '..', 'renderer', 'index.html')).href },
      sender: { id: 1 },
    };
    fake.emit(fake.ipcListeners, 'roi-studio:dirty', page, true);
    fake.state.boxAnswers.push(2);
    w.close();
    await settle();
    expect(fake.state.boxes).toBe(1);
    expect(w.closed).toBe(false);
    fake.state.boxAnswers.push(1);
    w.close();
    await settle();
    expect(fake.state.boxes).toBe(2);
    expect(w.closed).toBe(true);
    // and the window's place is remembered for next time
    const saved = await readFile(join(process.env.ROI_STUDIO_HOME!, 'data', 'window-state.json'), 'utf8');
    expect(JSON.parse(saved)).toEqual({ x: 1, y: 2, width: 900, height: 700, maximized: false });
  });
});
