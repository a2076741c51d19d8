import { describe, expect, it } from 'vitest';
import { API_METHODS, API_TOKEN_HEADER, ApiError, type RoiStudioApi } from '../shared/api.js';
import { encodeFrame } from '../shared/api-codec.js';
import { createApiClient, createShellClient, type ClientEnvironment } from './api-client.js';

interface Sent {
  url: string;
  init: RequestInit;
}

function httpEnv(href: string, answer: (sent: Sent) => Response) {
  const sent: Sent[] = [];
  const replaced: string[] = [];
  const env: ClientEnvironment = {
    location: { href },
    history: { replaceState: (_d, _u, url) => void replaced.push(String(url)) },
    fetch: (async (url: URL, init: RequestInit) => {
      const s = { url: String(url), init };
      sent.push(s);
      return answer(s);
    }) as unknown as typeof fetch,
  };
  return { env, sent, replaced };
}

const frame = (v: unknown) => new Response(encodeFrame(v) as BodyInit, { status: 200 });

describe('api client over HTTP', () => {
  it('takes the token from the URL, hides it, and sends it with every call', async () => {
    const { env, sent, replaced } = httpEnv('http://127.0.0.1:8765/?token=abc123&x=1#top', () =>
      frame({ path: '/db', source: 'argument', recent: [] }),
    );
    const api = createApiClient(env);
    expect(replaced).toEqual(['/?x=1#top']);
    await expect(api.getDatabase()).resolves.toEqual({ path: '/db', source: 'argument', recent: [] });
    expect(sent[0].url).toBe('http://127.0.0.1:8765/api/getDatabase');
    expect(sent[0].init.method).toBe('POST');
    expect(sent[0].init.credentials).toBe('same-origin');
    expect(sent[0].init.headers).toEqual({
      'Content-Type': 'application/json',
      [API_TOKEN_HEADER]: 'abc123',
    });
  });

  it('without a token in the URL relies on the cookie and leaves the URL alone', async () => {
    const { env, sent, replaced } = httpEnv('http://127.0.0.1:8765/', () => frame(null));
    await createApiClient(env).chooseTemplateFile();
    expect(replaced).toEqual([]);
    expect(sent[0].init.headers).toEqual({ 'Content-Type': 'application/json' });
  });

  it('sends arguments as a JSON array without trailing undefined, decodes typed arrays', async () => {
    const { env, sent } = httpEnv('http://h/?token=t', () =>
      frame({ width: 2, height: 16, vertex: Int32Array.of(-1, 4) }),
    );
    const api = createApiClient(env);
    const map = await api.getVertexMap('demo', 16);
    expect(map.vertex).toBeInstanceOf(Int32Array);
    expect(Array.from(map.vertex)).toEqual([-1, 4]);
    await api.loadVolume('demo', 'xfm', '/db/demo/t.nii.gz', undefined);
    expect(sent.map((s) => s.init.body)).toEqual(['["demo",16]', '["demo","xfm","/db/demo/t.nii.gz"]']);
  });

  it('rejects with ApiError carrying code, message and file', async () => {
    const { env } = httpEnv('http://h/?token=t', () =>
      Response.json({ code: 'FORBIDDEN', message: 'outside', file: '/etc/passwd' }, { status: 403 }),
    );
    const err = await createApiClient(env)
      .loadVolume('demo', 'x', '/etc/passwd')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'FORBIDDEN', message: 'outside', file: '/etc/passwd' });
  });

  it('turns HTTP failures without an error body and network failures into ApiError', async () => {
    const bare = httpEnv('http://h/', () => new Response('gateway down', { status: 502 }));
    await expect(createApiClient(bare.env).listSubjects()).rejects.toMatchObject({
      code: 'INTERNAL',
      message: 'listSubjects: the server answered HTTP 502',
    });
    const down = httpEnv('http://h/', () => {
      throw new TypeError('fetch failed');
    });
    const err = await createApiClient(down.env)
      .listSubjects()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toContain('cannot reach');
  });
});

describe('api client over the Electron bridge', () => {
  it('forwards every method and turns plain error objects into ApiError', async () => {
    const calls: unknown[][] = [];
    const bridge = {} as Record<string, (...a: unknown[]) => Promise<unknown>>;
    for (const m of API_METHODS)
      bridge[m] = async (...a) => {
        calls.push([m, ...a]);
        if (m === 'saveOverlay') throw { code: 'STALE', message: 'changed', file: '/db/s/overlays.svg' };
        return m;
      };
    const api = createApiClient({
      bridge: bridge as unknown as RoiStudioApi,
      location: { href: 'file:///app/index.html' },
      fetch: (() => {
        throw new Error('no HTTP in the desktop app');
      }) as unknown as typeof fetch,
    });
    for (const m of API_METHODS)
      if (m !== 'saveOverlay') expect(await (api[m] as () => Promise<unknown>)()).toBe(m);
    const err = await api
      .saveOverlay({ subject: 's', baseRevision: 'r', edits: [] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'STALE', message: 'changed', file: '/db/s/overlays.svg' });
    expect(calls).toHaveLength(API_METHODS.length);
  });
});

describe('shell client in a browser', () => {
  it('asks before unloading only while dirty', () => {
    const listeners = new Set<unknown>();
    const target = {
      addEventListener: (_t: string, l: unknown) => void listeners.add(l),
      removeEventListener: (_t: string, l: unknown) => void listeners.delete(l),
    } as unknown as Window;
    const shell = createShellClient(undefined, target);
    shell.setDirty(true);
    shell.setDirty(true);
    expect(listeners.size).toBe(1);
    shell.setDirty(false);
    expect(listeners.size).toBe(0);
    expect(typeof shell.onMenuCommand(() => undefined)).toBe('function');
  });
});
