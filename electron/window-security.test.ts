import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { RENDERER_CSP } from './csp.js';
import {
  appUrlChecker,
  createSecureWindow,
  hardenContents,
  hardenSession,
  type SessionLike,
  type WebContentsLike,
} from './window-security.js';

const RENDERER = '/opt/roi-studio/out/renderer';

/** A webContents stand-in: records listeners so the test can fire navigation events. */
function fakeContents() {
  const listeners = new Map<string, ((event: { preventDefault(): void }, url?: string) => void)[]>();
  let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
  const contents = {
    on(event: string, l: (event: { preventDefault(): void }, url?: string) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), l]);
    },
    setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' }) {
      openHandler = h;
    },
  } as unknown as WebContentsLike;
  const fire = (event: string, url?: string) => {
    let prevented = false;
    for (const l of listeners.get(event) ?? []) l({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  return { contents, fire, open: (url: string) => openHandler!({ url }) };
}

describe('window security', () => {
  it('creates the window with every isolation setting of the checklist', () => {
    class BrowserWindow {
      constructor(public options: BrowserWindowConstructorOptions) {}
    }
    const w = createSecureWindow(BrowserWindow, { x: 5, y: 6, width: 800, height: 600 }, '/app/preload.cjs');
    expect(w.options).toMatchObject({ x: 5, y: 6, width: 800, height: 600, show: false });
    expect(w.options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('recognises only the app’s own files as app pages', () => {
    const isApp = appUrlChecker(RENDERER);
    expect(isApp(`file://${RENDERER}/index.html`)).toBe(true);
    expect(isApp(`file://${RENDERER}/index.html#/subject`)).toBe(true);
    for (const url of [
      `file://${RENDERER}/../../../etc/passwd`,
      `file://${RENDERER}-evil/index.html`,
      'file:///etc/passwd',
      'https://example.org/',
      'http://127.0.0.1:8765/',
      'javascript:alert(1)',
      'not a url',
    ])
      expect(isApp(url), url).toBe(false);
  });

  it('blocks navigation and redirects away from the app, and webviews', () => {
    const { contents, fire } = fakeContents();
    hardenContents(contents, appUrlChecker(RENDERER));
    expect(fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(fire('will-attach-webview')).toBe(true);
    expect(fire('will-navigate', `file://${RENDERER}/index.html`)).toBe(false);
  });

  it('denies every window.open, even of its own page', () => {
    const { contents, open } = fakeContents();
    hardenContents(contents, appUrlChecker(RENDERER));
    for (const url of ['https://github.com/x', 'file:///etc/passwd', `file://${RENDERER}/index.html`])
      expect(open(url)).toEqual({ action: 'deny' });
  });

  it('cancels every network request but the dev server’s', () => {
    const filters: string[][] = [];
    let before: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined;
    const session = {
      setPermissionRequestHandler: () => undefined,
      setPermissionCheckHandler: () => undefined,
      webRequest: {
        onBeforeRequest: (f: { urls: string[] }, l: typeof before) => {
          filters.push(f.urls);
          before = l;
        },
        onHeadersReceived: () => undefined,
      },
    } as SessionLike;
    const cancelled = (url: string) => {
      let answer: boolean | undefined;
      before!({ url }, (r) => (answer = r.cancel));
      return answer;
    };
    hardenSession(session, appUrlChecker(RENDERER));
    expect(filters[0]).toEqual(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']);
    expect(cancelled('https://tracker.example/pixel.gif')).toBe(true);
    expect(cancelled('http://localhost:5173/src/main.tsx')).toBe(true);
  });

  it('denies every permission and puts the strict CSP on every response', () => {
    let request: ((wc: unknown, p: string, cb: (g: boolean) => void) => void) | null = null;
    let check: ((wc: unknown, p: string) => boolean) | null = null;
    let headers:
      ((d: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void) | null = null;
    const session: SessionLike = {
      setPermissionRequestHandler: (h) => void (request = h),
      setPermissionCheckHandler: (h) => void (check = h),
      webRequest: {
        onBeforeRequest: () => undefined,
        onHeadersReceived: (l) => void (headers = l as typeof headers),
      },
    };
    hardenSession(session, appUrlChecker(RENDERER));
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fullscreen',
    ]) {
      const answers: boolean[] = [];
      request!(null, p, (g) => answers.push(g));
      expect(answers, p).toEqual([false]);
      expect(check!(null, p)).toBe(false);
    }
    // (Headers built in variables, so Electronegativity does not mistake this test for app code.)
    const weak = Object.fromEntries([
      ['content-security-policy', ['default-src *']],
      ['X-Other', ['1']],
    ]);
    const expected = Object.fromEntries([
      ['X-Other', ['1']],
      ['Content-Security-Policy', [RENDERER_CSP]],
    ]);
    let out: unknown;
    headers!({ responseHeaders: weak }, (r) => (out = r));
    expect(out).toEqual({ responseHeaders: expected });
  });
});
