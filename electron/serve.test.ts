import { request, type ClientRequest } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TOKEN_HEADER, ApiError, type CurvatureImage, type RoiStudioApi } from '../shared/api.js';
import { decodeFrame, FRAME_CONTENT_TYPE } from '../shared/api-codec.js';
import { RENDERER_CSP } from './csp.js';
import { isLoopback, MAX_BODY_BYTES, startServer, type RunningServer } from './serve.js';
import {
  limitCalls,
  makeSandbox,
  outsideCalls,
  recordingBackend,
  type Sandbox,
} from './testing/api-fixtures.js';

let box: Sandbox;
let root: string;
let srv: RunningServer;
let backendCalls: [string, unknown[]][] = [];
const TOKEN = 'test-token-0123456789abcdef';

beforeAll(async () => {
  box = await makeSandbox();
  root = join(box.db, '..', 'renderer');
  await mkdir(join(root, 'assets', 'sub'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>ROI Studio</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  const { api, calls } = recordingBackend(box.db);
  backendCalls = calls;
  const full: RoiStudioApi = {
    ...api,
    getCurvature: async (_s, height) =>
      ({
        width: 3,
        height,
        value: Float32Array.from({ length: 3 * height }, (_, i) => [0.375, NaN, 0.625][i % 3]),
      }) satisfies CurvatureImage,
    loadOverlay: () =>
      Promise.reject(new ApiError('STALE', 'overlays.svg changed on disk', '/db/demo/overlays.svg')),
    listSubjects: () => Promise.reject(new Error('disk on fire')),
    // serve keeps what was exported for download
    exportRois: async () => ({ files: [] }),
  };
  srv = await startServer({ api: full, ctx: box.ctx, root, port: 0, token: TOKEN });
});
afterAll(async () => {
  await srv?.close();
});

const base = () => `http://127.0.0.1:${srv.port}`;
const call = (method: string, args: unknown[], headers: Record<string, string> = {}) =>
  fetch(`${base()}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [API_TOKEN_HEADER]: TOKEN, ...headers },
    body: JSON.stringify(args),
  });

/**
 * Send a raw path, unnormalised (fetch would resolve `..` before sending), with any headers
 * (fetch would not send a chosen Host); `body` makes it a POST, a function body streams chunks.
 */
function rawGet(
  path: string,
  headers: Record<string, string> = {},
  body?: string | ((req: ClientRequest) => void),
): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const method = body === undefined ? 'GET' : 'POST';
    const req = request({ host: '127.0.0.1', port: srv.port, path, headers, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    if (typeof body === 'function') body(req);
    else req.end(body);
  });
}

describe('serve: token', () => {
  it('prints the documented URL shape with a random 256-bit token by default', async () => {
    expect(srv.url).toBe(`http://127.0.0.1:${srv.port}/?token=${TOKEN}`);
    const other = await startServer({ api: recordingBackend(box.db).api, ctx: box.ctx, root, port: 0 });
    try {
      expect(other.url).toMatch(
        new RegExp(`^http://127\\.0\\.0\\.1:${other.port}/\\?token=[A-Za-z0-9_-]{43}$`),
      );
      expect(other.token).not.toBe(TOKEN);
    } finally {
      await other.close();
    }
  });

  it('refuses every request without the token with 401', async () => {
    for (const path of ['/', '/index.html', '/assets/app.js', '/nope']) {
      const res = await fetch(base() + path);
      expect(res.status, path).toBe(401);
      expect(((await res.json()) as ApiError).code).toBe('UNAUTHORIZED');
    }
    const api = await fetch(`${base()}/api/getDatabase`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[]',
    });
    expect(api.status).toBe(401);
  });

  it('refuses a wrong token with 401, in the query, the header and the cookie', async () => {
    expect((await fetch(`${base()}/?token=${TOKEN}x`)).status).toBe(401);
    expect((await fetch(`${base()}/?token=${TOKEN.slice(0, -1)}X`)).status).toBe(401);
    expect((await call('getDatabase', [], { [API_TOKEN_HEADER]: 'wrong' })).status).toBe(401);
    expect((await rawGet('/', { cookie: `roi-studio-token-${srv.port}=wrong` })).status).toBe(401);
    expect((await rawGet('/', { cookie: `roi-studio-token-1=${TOKEN}` })).status).toBe(401);
  });

  it('serves the page with ?token=, sets an HttpOnly SameSite cookie that then authorises assets', async () => {
    const page = await fetch(`${base()}/?token=${TOKEN}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>ROI Studio</title>');
    const cookie = page.headers.get('set-cookie') ?? '';
    expect(cookie).toBe(`roi-studio-token-${srv.port}=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`);
    const asset = await rawGet('/assets/app.js', { cookie: cookie.split(';')[0] });
    expect(asset).toEqual({ status: 200, body: 'console.log(1)' });
  });

  it('sends the strict CSP and hardening headers on every response, refusals included', async () => {
    for (const res of [
      await fetch(`${base()}/?token=${TOKEN}`),
      await fetch(`${base()}/`),
      await call('getDatabase', []),
    ]) {
      expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(RENDERER_CSP).not.toContain('unsafe');
  });
});

describe('serve: Host and Origin', () => {
  const page = `/?token=${TOKEN}`;

  it('answers only to its own names in Host, 403 otherwise (DNS rebinding)', async () => {
    // another port is an ssh -L tunnel's (the browser names the laptop's end)
    for (const host of [`127.0.0.1:${srv.port}`, `LOCALHOST:${srv.port}`, '127.0.0.1:9000', 'localhost'])
      expect((await rawGet(page, { host })).status, host).toBe(200);
    for (const host of [
      `evil.example:${srv.port}`,
      `127.0.0.1.evil.example:${srv.port}`,
      `127.0.0.2:${srv.port}`,
      `127.0.0.1:${srv.port}@evil.example`,
    ]) {
      const res = await rawGet(page, { host });
      expect(res.status, host).toBe(403);
      expect(JSON.parse(res.body)).toEqual({
        code: 'FORBIDDEN',
        message: `Host ${JSON.stringify(host)} is not this server`,
      });
    }
  });

  it("refuses API calls whose Origin is not this server's page, before the back end sees them", async () => {
    const headers = { 'content-type': 'application/json', [API_TOKEN_HEADER]: TOKEN };
    const before = backendCalls.length;
    for (const origin of [
      'http://evil.example',
      `http://localhost:${srv.port + 1}`,
      `http://localhost:${srv.port}`,
      'null',
      `https://127.0.0.1:${srv.port}`,
    ]) {
      const res = await rawGet('/api/getDatabase', { ...headers, origin }, '[]');
      expect(res.status, origin).toBe(403);
      expect(JSON.parse(res.body)).toEqual({
        code: 'FORBIDDEN',
        message: `requests from ${JSON.stringify(origin)} are not allowed`,
      });
    }
    expect(backendCalls.length).toBe(before);
    const own = await rawGet(
      '/api/getDatabase',
      { ...headers, origin: `http://127.0.0.1:${srv.port}` },
      '[]',
    );
    expect(own.status).toBe(200);
    const tunnel = { ...headers, host: '127.0.0.1:9000', origin: 'http://127.0.0.1:9000' };
    expect((await rawGet('/api/getDatabase', tunnel, '[]')).status).toBe(200);
    expect(backendCalls.length).toBe(before + 2);
  });
});

describe('serve: limits', () => {
  const headers = { 'content-type': 'application/json', [API_TOKEN_HEADER]: TOKEN };
  const message = `the request body is larger than the ${MAX_BODY_BYTES}-byte limit`;

  it('refuses a body declared larger than the limit before reading it', async () => {
    const before = backendCalls.length;
    const res = await rawGet(
      '/api/getDatabase',
      { ...headers, 'content-length': String(MAX_BODY_BYTES + 1) },
      (req) => req.write('['),
    );
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ code: 'BAD_REQUEST', message });
    expect(backendCalls.length).toBe(before);
  });

  it('refuses a streamed body once it passes the limit', async () => {
    const before = backendCalls.length;
    const chunk = ' '.repeat(1 << 20);
    const res = await rawGet('/api/getDatabase', headers, (req) => {
      req.write('[');
      // one chunk past the limit, without a Content-Length
      for (let i = 0; i <= MAX_BODY_BYTES / chunk.length; i++) req.write(chunk);
      req.end(']');
    }).catch((e: NodeJS.ErrnoException) => ({ status: -1, body: e.code ?? '' }));
    // the server may close the socket while the last chunks are still being sent
    if (res.status !== -1) {
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toEqual({ code: 'BAD_REQUEST', message });
    }
    expect(backendCalls.length).toBe(before);
    // a body just under the limit is read and answered
    const fits = await rawGet('/api/getDatabase', headers, `[${' '.repeat(MAX_BODY_BYTES - 2)}]`);
    expect(fits.status).toBe(200);
  });
});

describe('serve: files', () => {
  it('never serves anything outside the renderer folder', async () => {
    await writeFile(join(root, '..', 'secret.txt'), 'SECRET');
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%2fsecret.txt',
    ]) {
      const res = await rawGet(`${path}${path.includes('?') ? '&' : '?'}token=${TOKEN}`);
      expect([403, 404], path).toContain(res.status);
      expect(res.body).not.toContain('SECRET');
    }
  });

  it('lists no directories and answers 404 for missing files', async () => {
    expect((await rawGet(`/assets/?token=${TOKEN}`)).status).toBe(404);
    expect((await rawGet(`/assets/sub?token=${TOKEN}`)).status).toBe(404);
    expect((await rawGet(`/missing.js?token=${TOKEN}`)).status).toBe(404);
    expect((await rawGet(`/a%00b?token=${TOKEN}`)).status).toBe(400);
  });
});

describe('serve: API', () => {
  it('round-trips typed arrays through a real call', async () => {
    const res = await call('getCurvature', ['demo', 16]);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(FRAME_CONTENT_TYPE);
    const value = decodeFrame(await res.arrayBuffer()) as CurvatureImage;
    expect(value.width).toBe(3);
    expect(value.height).toBe(16);
    expect(value.value).toBeInstanceOf(Float32Array);
    expect(Array.from(value.value).slice(0, 6)).toEqual([0.375, NaN, 0.625, 0.375, NaN, 0.625]);
    expect(value.value.length).toBe(3 * 16);
  });

  it('gzips large frames for clients that accept it, and only those', async () => {
    const post = (encoding?: string) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((ok, fail) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: srv.port,
            path: '/api/getCurvature',
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              [API_TOKEN_HEADER]: TOKEN,
              ...(encoding ? { 'accept-encoding': encoding } : {}),
            },
          },
          (res) => {
            const parts: Buffer[] = [];
            res.on('data', (c: Buffer) => parts.push(c));
            res.on('end', () => ok({ headers: res.headers, body: Buffer.concat(parts) }));
          },
        );
        req.on('error', fail);
        req.end(JSON.stringify(['demo', 4096]));
      });
    const plain = await post();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe(plain.body.length);
    const zipped = await post('gzip, deflate, br');
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.body.length).toBeLessThan(plain.body.length / 4);
    const value = decodeFrame(gunzipSync(zipped.body)) as CurvatureImage;
    expect(value.height).toBe(4096);
    expect(value.value.length).toBe(3 * 4096);
    expect(value.value[3 * 4096 - 1]).toBe(0.625);
  });

  it('passes ApiError code, message and file through with the matching status', async () => {
    const res = await call('loadOverlay', ['demo']);
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      code: 'STALE',
      message: 'overlays.svg changed on disk',
      file: '/db/demo/overlays.svg',
    });
    const internal = await call('listSubjects', []);
    expect(internal.status).toBe(500);
    expect(await internal.json()).toEqual({ code: 'INTERNAL', message: 'disk on fire' });
  });

  it('refuses paths outside the database with 403', async () => {
    for (const [m, args] of outsideCalls(box.db, box.outside)) {
      const res = await call(m, args);
      expect(res.status, m).toBe(403);
      expect(((await res.json()) as ApiError).code).toBe('FORBIDDEN');
    }
  });

  it('takes every limited argument at its bounds and refuses it just past them, as IPC does', async () => {
    const { within, beyond } = limitCalls(box.db);
    for (const [what, m, args] of within) expect((await call(m, args)).status, what).toBe(200);
    for (const [what, m, args] of beyond) {
      const res = await call(m, args);
      expect([res.status, ((await res.json()) as ApiError).code], what).toEqual([400, 'BAD_REQUEST']);
    }
  });

  it('refuses malformed calls with 400 and odd requests clearly', async () => {
    expect((await call('getCurvature', ['demo', 'tall'])).status).toBe(400);
    expect((await call('noSuchMethod', [])).status).toBe(400);
    expect((await call('__proto__', [])).status).toBe(400);
    const notJson = await fetch(`${base()}/api/getDatabase`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [API_TOKEN_HEADER]: TOKEN },
      body: '[oops',
    });
    expect(notJson.status).toBe(400);
    const form = await fetch(`${base()}/api/getDatabase`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', [API_TOKEN_HEADER]: TOKEN },
      body: 'a=1',
    });
    expect(form.status).toBe(400);
    expect((await fetch(`${base()}/api/getDatabase?token=${TOKEN}`)).status).toBe(405);
  });

  it('answers null for the native dialogs', async () => {
    for (const m of ['chooseDatabaseFolder', 'chooseTemplateFile']) {
      const res = await call(m, []);
      expect(decodeFrame(await res.arrayBuffer())).toBeNull();
    }
  });
});

describe('serve: binding', () => {
  it('listens on loopback only by default', async () => {
    const s = await startServer({ api: recordingBackend(box.db).api, ctx: box.ctx, root, port: 0 });
    try {
      expect(s.server.address()).toMatchObject({ address: '127.0.0.1', port: s.port });
      const external = Object.values(networkInterfaces())
        .flat()
        .find((i) => i && i.family === 'IPv4' && !i.internal);
      if (external) {
        const reached = await fetch(`http://${external.address}:${s.port}/`).then(
          () => true,
          () => false,
        );
        expect(reached, `reachable on ${external.address}`).toBe(false);
      }
    } finally {
      await s.close();
    }
  });

  it('knows which hosts are loopback', () => {
    expect(['127.0.0.1', 'localhost', '::1', '127.1.2.3'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '::', '192.168.1.4', 'example.org'].some(isLoopback)).toBe(false);
  });
});
