import {
  API_METHODS,
  API_TOKEN_HEADER,
  ApiError,
  isApiErrorShape,
  toApiError,
  type ApiMethod,
  type RoiStudioApi,
} from '../shared/api.js';
import { decodeFrame } from '../shared/api-codec.js';
import type { MenuCommand, ShellBridge } from '../shared/menu.js';

/**
 * The shared/api.ts interface for the UI, wherever it runs: over Electron's preload bridge
 * (`window.roiStudio`) in the desktop app, else over HTTP to `serve`. Either way a failure is an
 * {@link ApiError} carrying the back end's code, message and file.
 */

/** The parts of the browser the client needs; tests pass fakes. */
export interface ClientEnvironment {
  bridge?: RoiStudioApi;
  location: { href: string };
  history?: { replaceState(data: unknown, unused: string, url?: string): void };
  fetch: typeof fetch;
}

function browserEnvironment(): ClientEnvironment {
  return {
    bridge: window.roiStudio,
    location: window.location,
    history: window.history,
    fetch: window.fetch.bind(window),
  };
}

function overBridge(bridge: RoiStudioApi): RoiStudioApi {
  const client = {} as Record<ApiMethod, (...args: unknown[]) => Promise<unknown>>;
  for (const method of API_METHODS) {
    const fn = bridge[method] as (...args: unknown[]) => Promise<unknown>;
    client[method] = (...args) =>
      fn(...args).catch((e: unknown) => {
        throw toApiError(e);
      });
  }
  return client as unknown as RoiStudioApi;
}

/**
 * Take the session token from the page URL and drop it from the address bar (and so from
 * history and screenshots). After a reload the token is gone from the URL, but the HttpOnly
 * cookie `serve` set on the first load still authorises every request.
 */
function takeToken(env: ClientEnvironment): string | null {
  const url = new URL(env.location.href);
  const token = url.searchParams.get('token');
  if (token !== null) {
    url.searchParams.delete('token');
    env.history?.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return token;
}

function overHttp(env: ClientEnvironment): RoiStudioApi {
  const token = takeToken(env);
  const base = new URL('/api/', env.location.href);
  const client = {} as Record<ApiMethod, (...args: unknown[]) => Promise<unknown>>;
  for (const method of API_METHODS) {
    client[method] = async (...args) => {
      // A missing optional argument would travel as null in JSON; leave it out instead.
      while (args.length && args[args.length - 1] === undefined) args.pop();
      let res: Response;
      try {
        res = await env.fetch(new URL(method, base), {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', ...(token ? { [API_TOKEN_HEADER]: token } : {}) },
          body: JSON.stringify(args),
        });
      } catch (e) {
        throw new ApiError('INTERNAL', `cannot reach the ROI Studio server: ${(e as Error).message}`);
      }
      if (res.ok) {
        try {
          return decodeFrame(await res.arrayBuffer());
        } catch (e) {
          throw new ApiError('INTERNAL', `${method}: ${(e as Error).message}`);
        }
      }
      const body: unknown = await res.json().catch(() => null);
      throw isApiErrorShape(body)
        ? toApiError(body)
        : new ApiError('INTERNAL', `${method}: the server answered HTTP ${res.status}`);
    };
  }
  return client as unknown as RoiStudioApi;
}

/** The API for this page: IPC in the desktop app, HTTP in a browser. */
export function createApiClient(env: ClientEnvironment = browserEnvironment()): RoiStudioApi {
  return env.bridge ? overBridge(env.bridge) : overHttp(env);
}

/** Menu commands and the unsaved-changes flag: the desktop shell's, or the page's own in a browser. */
export function createShellClient(
  shell: ShellBridge | undefined = typeof window === 'undefined' ? undefined : window.roiStudioShell,
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> | undefined = typeof window === 'undefined'
    ? undefined
    : window,
): ShellBridge {
  if (shell) return shell;
  // In a browser, menus are the page's own buttons; closing the tab with unsaved work asks first.
  const warn = (e: BeforeUnloadEvent) => e.preventDefault();
  return {
    onMenuCommand: (_listener: (command: MenuCommand) => void) => () => undefined,
    setDirty(dirty) {
      target?.removeEventListener('beforeunload', warn);
      if (dirty) target?.addEventListener('beforeunload', warn);
    },
  };
}
