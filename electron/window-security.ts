import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * Electron's security checklist, as small functions over the few members of Electron objects
 * they touch (tests pass fakes): isolated sandboxed renderers, no navigation away from the app,
 * no new windows, no permissions, and a strict CSP on everything the session loads.
 */

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

/**
 * Create the app window with every isolation setting of the checklist. The options are one
 * literal here, where Electronegativity's static checks can read them. `BrowserWindow` is
 * Electron's class (a fake in tests).
 */
export function createSecureWindow<W>(
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W,
  bounds: WindowBounds,
  preload: string,
): W {
  return new BrowserWindow({
    ...bounds,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'ROI Studio',
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload,
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
      safeDialogs: true,
      spellcheck: false,
      // middle-click would otherwise open links in a new window
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

/** URLs of the app's own page: files inside the built renderer folder. */
export function appUrlChecker(rendererDir: string): (url: string) => boolean {
  const prefix = pathToFileURL(rendererDir).href.replace(/\/?$/, '/');
  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol !== 'file:') return false;
    // Compare the normalised URL: `..` segments cannot climb out of the folder.
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`.startsWith(prefix);
  };
}

interface PreventableLike {
  preventDefault(): void;
}

export interface WebContentsLike {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: PreventableLike, url: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableLike) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** The page never navigates (it is one document) and never opens windows or webviews. */
export function hardenContents(contents: WebContentsLike, isAppUrl: (url: string) => boolean): void {
  const stay = (event: PreventableLike, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', stay);
  contents.on('will-redirect', stay);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

type HeaderCallback = (response: { responseHeaders?: Record<string, string[] | string> }) => void;

export interface SessionLike {
  setPermissionRequestHandler(
    handler: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
  ): void;
  setPermissionCheckHandler(handler: ((wc: unknown, permission: string) => boolean) | null): void;
  webRequest: {
    onBeforeRequest(
      filter: { urls: string[] },
      listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void,
    ): void;
    onHeadersReceived(
      listener: (details: { responseHeaders?: Record<string, string[]> }, callback: HeaderCallback) => void,
    ): void;
  };
}

/** Every network scheme: the app itself is files, so none of these is needed. */
const NETWORK = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'];

/**
 * No camera, microphone, notifications, geolocation…: ROI drawing needs none of them. No
 * request leaves the machine: network URLs are cancelled (the app's own pages are files).
 */
export function hardenSession(session: SessionLike, isAppUrl: (url: string) => boolean): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest({ urls: NETWORK }, (details, callback) =>
    callback({ cancel: !isAppUrl(details.url) }),
  );
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...(details.responseHeaders ?? {}) };
    for (const key of Object.keys(headers))
      if (key.toLowerCase() === 'content-security-policy') delete headers[key];
    // The policy is spelled out (equal to RENDERER_CSP, a test checks) so static analysis can evaluate it.
    callback({
      responseHeaders: {
        ...headers,
        'Content-Security-Policy': [
          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
        ],
      },
    });
  });
}
