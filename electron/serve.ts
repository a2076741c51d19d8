import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { extname, join, resolve } from 'node:path';
import { API_TOKEN_HEADER, ApiError, type ApiErrorCode, type RoiStudioApi } from '../shared/api.js';
import { encodeFrameChunks, FRAME_CONTENT_TYPE } from '../shared/api-codec.js';
import { DOWNLOAD_PATH } from '../shared/download-url.js';
import { callApi, toErrorShape } from './api-arguments.js';
import type { BackendContext } from './backend/context.js';
import { SECURITY_HEADERS } from './csp.js';
import { GzipCache } from './gzip-cache.js';
import { ExportedFiles, handleDownload } from './serve-downloads.js';
import { isInside } from './store/write/path-guard.js';

/**
 * The same API as the desktop app, over HTTP, for a browser: the built renderer as static files
 * and `POST /api/<method>` (body: JSON array of arguments; reply: an api-codec frame, or JSON
 * `{code, message, file}` with an HTTP status). Every request needs the session token:
 *   - `?token=…` in the URL (the printed link; the page then drops it from the address bar),
 *   - the `X-ROI-Studio-Token` header (what renderer/api-client.ts sends), or
 *   - the HttpOnly, SameSite=Strict cookie set when a page is loaded with a valid `?token=`
 *     (so the page's own scripts and styles, later reloads and downloads are authorised).
 * Before the token, `Host` (and `Origin`, when sent) must name this server: a page on another
 * site, or one reaching us through a rebound DNS name, gets 403.
 * `GET /download?file=…` returns files this server exported (serve-downloads.ts).
 */

/**
 * Largest API request body (README, "Limits"): a save at the path command limit takes a few
 * megabytes; refusing more before reading it keeps one request from holding the server.
 */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

const STATUS: Record<ApiErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  STALE: 409,
  LOCKED: 423,
  INVALID_FILE: 422,
  SHAPE_MISMATCH: 422,
  IO: 500,
  INTERNAL: 500,
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface ServeOptions {
  api: RoiStudioApi;
  ctx: BackendContext;
  /** folder of the built renderer (index.html and assets) */
  root: string;
  host?: string;
  /** 0 = a free port chosen by the system */
  port?: number;
  /** fixed token (tests); random otherwise */
  token?: string;
}

export interface RunningServer {
  server: Server;
  host: string;
  port: number;
  token: string;
  /** what to open: `http://HOST:PORT/?token=…` */
  url: string;
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...extra,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendError(res: ServerResponse, e: unknown) {
  const shape = toErrorShape(e);
  sendJson(res, STATUS[shape.code] ?? 500, shape);
}

/** The body, refused as soon as its declared or received size passes {@link MAX_BODY_BYTES}. */
async function readBody(req: IncomingMessage, res: ServerResponse): Promise<string> {
  const tooLarge = () => {
    // the rest of the upload is not read: the connection closes after the answer
    res.setHeader('Connection', 'close');
    return new ApiError('BAD_REQUEST', `the request body is larger than the ${MAX_BODY_BYTES}-byte limit`);
  };
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Names a browser may use for this server in `Host` (lower case, IPv6 in brackets). */
function ownHostNames(host: string): Set<string> {
  const wildcard = host === '0.0.0.0' || host === '::';
  const hosts = wildcard
    ? Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address))
    : [host];
  if (wildcard || isLoopback(host)) hosts.push('localhost');
  return new Set(hosts.map((h) => (h.includes(':') ? `[${h}]` : h).toLowerCase()));
}

/**
 * 403 unless `Host` names this server and `Origin`, when present, is the page at that same
 * `Host`. The port in `Host` may differ from ours: `ssh -L 9000:127.0.0.1:8765` makes the
 * browser say 9000; a foreign name there is DNS rebinding, a foreign origin another site.
 */
function checkHostAndOrigin(req: IncomingMessage, names: Set<string>): void {
  const host = (req.headers.host ?? '').toLowerCase();
  const name = /^(\[[^\]]*\]|[^:]*)(:\d{1,5})?$/.exec(host)?.[1];
  if (name === undefined || !names.has(name))
    throw new ApiError('FORBIDDEN', `Host ${JSON.stringify(req.headers.host ?? '')} is not this server`);
  const origin = req.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host}`)
    throw new ApiError('FORBIDDEN', `requests from ${JSON.stringify(origin)} are not allowed`);
}

/** Frames and files worth compressing for a tunnel: a 25 MB pixel map gzips to ~4 MB in ~0.2 s. */
const GZIP_FROM = 16 * 1024;
const acceptsGzip = (req: IncomingMessage) => /\bgzip\b/i.test(String(req.headers['accept-encoding'] ?? ''));

/**
 * Large frames go gzipped to clients that accept it, compressed once per content (`zipped`);
 * others are written chunk by chunk, waiting for the socket to drain, never copied into one
 * buffer.
 */
async function sendFrame(req: IncomingMessage, res: ServerResponse, value: unknown, zipped: GzipCache) {
  const chunks = encodeFrameChunks(value);
  const size = chunks.reduce((n, c) => n + c.length, 0);
  const head = { ...SECURITY_HEADERS, 'Content-Type': FRAME_CONTENT_TYPE, Vary: 'Accept-Encoding' };
  if (size >= GZIP_FROM && acceptsGzip(req)) {
    const body = await zipped.gzip(chunks);
    res.writeHead(200, { ...head, 'Content-Encoding': 'gzip', 'Content-Length': body.length });
    res.end(body);
    return;
  }
  res.writeHead(200, { ...head, 'Content-Length': size });
  for (const chunk of chunks) {
    if (!res.write(chunk)) await once(res, 'drain');
  }
  res.end();
}

async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  api: RoiStudioApi,
  ctx: BackendContext,
  zipped: GzipCache,
) {
  if (req.method !== 'POST') {
    sendJson(res, 405, { code: 'BAD_REQUEST', message: 'API calls are POST requests' }, { Allow: 'POST' });
    return;
  }
  // JSON only: a cross-site form cannot send it without a CORS preflight, which is never granted.
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
    throw new ApiError('BAD_REQUEST', 'API calls must be sent as application/json');
  const body = await readBody(req, res);
  let args: unknown;
  try {
    args = body === '' ? [] : JSON.parse(body);
  } catch {
    throw new ApiError('BAD_REQUEST', `${method}: the body is not JSON`);
  }
  await sendFrame(req, res, await callApi(ctx, api, method, args), zipped);
}

async function handleStatic(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  root: string,
  extra: Record<string, string>,
) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(
      res,
      405,
      { code: 'BAD_REQUEST', message: 'only GET and HEAD serve files' },
      { Allow: 'GET, HEAD' },
    );
    return;
  }
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    throw new ApiError('BAD_REQUEST', 'malformed path');
  }
  if (rel.includes('\0')) throw new ApiError('BAD_REQUEST', 'malformed path');
  if (rel === '/' || rel === '') rel = '/index.html';
  const file = resolve(root, `.${rel}`);
  if (!isInside(root, file)) throw new ApiError('FORBIDDEN', 'outside the served folder');
  const info = await stat(file).catch(() => null);
  // No directory listings: only regular files are served.
  if (!info?.isFile()) throw new ApiError('NOT_FOUND', `not found: ${rel}`);
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const gzip = info.size >= GZIP_FROM && /^(text\/|application\/json)/.test(type) && acceptsGzip(req);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    ...extra,
    'Content-Type': type,
    Vary: 'Accept-Encoding',
    ...(gzip ? { 'Content-Encoding': 'gzip' } : { 'Content-Length': info.size }),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  if (gzip) await pipeline(createReadStream(file), createGzip({ level: 6 }), res);
  else await pipeline(createReadStream(file), res);
}

/** Start serving; resolves once the socket is bound. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const { ctx, root } = options;
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newToken();
  // No native dialogs in a browser: pickers resolve null and the UI asks for a path instead.
  const exported = new ExportedFiles();
  const api: RoiStudioApi = {
    ...options.api,
    chooseDatabaseFolder: async () => null,
    chooseTemplateFile: async () => null,
    chooseTransformInput: async () => null,
    // what was written on the server can be downloaded (serve-downloads.ts)
    exportRois: async (request) => {
      const result = await options.api.exportRois(request);
      exported.add(result.files);
      return result;
    },
  };
  let cookieName = 'roi-studio-token';
  let ownNames = new Set<string>();
  const zipped = new GzipCache();

  const server = createServer((req, res) => {
    void (async () => {
      checkHostAndOrigin(req, ownNames);
      const url = new URL(req.url ?? '/', 'http://localhost');
      const queryToken = url.searchParams.get('token') ?? undefined;
      const headerToken = req.headers[API_TOKEN_HEADER];
      const authorised =
        sameToken(queryToken, token) ||
        sameToken(typeof headerToken === 'string' ? headerToken : undefined, token) ||
        sameToken(cookieValue(req.headers.cookie, cookieName), token);
      if (!authorised)
        throw new ApiError('UNAUTHORIZED', 'missing or wrong token: open the URL serve printed');
      if (url.pathname.startsWith('/api/')) {
        await handleApi(req, res, url.pathname.slice('/api/'.length), api, ctx, zipped);
        return;
      }
      if (url.pathname === DOWNLOAD_PATH) {
        await handleDownload(req, res, url, exported);
        return;
      }
      const setCookie: Record<string, string> = sameToken(queryToken, token)
        ? { 'Set-Cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/` }
        : {};
      await handleStatic(req, res, url.pathname, root, setCookie);
    })().catch((e: unknown) => {
      if (res.headersSent) res.destroy();
      else sendError(res, e);
    });
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 8765, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const port = (server.address() as AddressInfo).port;
  // Cookies ignore ports; one name per port keeps two servers on one machine apart.
  cookieName = `roi-studio-token-${port}`;
  ownNames = ownHostNames(host);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    server,
    host,
    port,
    token,
    url: `http://${shownHost}:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** The renderer Vite builds: `out/renderer` beside the package.json above `fromDir` (source or out/). */
export function defaultRendererRoot(fromDir: string): string {
  for (let dir = resolve(fromDir); ; dir = resolve(dir, '..')) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'out', 'renderer');
    if (resolve(dir, '..') === dir) return resolve(fromDir, '..', 'out', 'renderer');
  }
}
