import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { decodeFrame, encodeFrame } from '../../shared/api-codec.js';
import { API_TOKEN_HEADER, type OverlaySnapshot } from '../../shared/api.js';
import { MAX_EDIT_COMMANDS } from '../../shared/formats/overlay-edit.js';
import { polylinesToPath } from '../../shared/formats/path-writer.js';
import { createContext } from '../backend/create-context.js';
import { createBackend } from '../backend/index.js';
import { startServer } from '../serve.js';
import { SHARED, SHARED_DB, copyToTemp } from '../testing/shared-data.js';

/**
 * The browser mode's cost for the largest answer, a pixel map (S1 when the reference data is
 * present, else the demo subject): encoding the frame, and a whole HTTP call (serve → fetch →
 * decode) with and without gzip. Over an ssh tunnel the gzip size is what matters; serve
 * compresses an answer once and finds it by content when it is asked for again. Then how long a
 * save at the path command limit holds every other request (with the reference data).
 */
export async function run(): Promise<void> {
  const home = await mkdtemp(join(tmpdir(), 'roi-studio-bench-serve-'));
  const env = { ...process.env, ROI_STUDIO_HOME: home };
  const ctx = await createContext(SHARED ? { db: SHARED_DB, env } : { env });
  const [subject, transform] = SHARED ? ['S1', 'fullhead'] : ['demo', 'demo2mm'];
  const api = createBackend(ctx);
  const options = { height: 1024, thick: 1, depth: 0.5 };
  const map = await api.getPixelMap(subject, transform, options); // computed once, cached after

  let t = performance.now();
  const frame = encodeFrame(map);
  console.log(
    `${subject} pixel map frame: ${(frame.length / 1e6).toFixed(1)} MB, encode ${(performance.now() - t).toFixed(1)} ms`,
  );
  t = performance.now();
  decodeFrame(frame);
  console.log(`${subject} pixel map frame decode: ${(performance.now() - t).toFixed(2)} ms`);

  const server = await startServer({ api, ctx, root: home, port: 0, token: 'bench' });
  try {
    for (const encoding of ['identity', 'gzip']) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < 3; i++) {
        t = performance.now();
        const res = await fetch(`http://127.0.0.1:${server.port}/api/getPixelMap`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [API_TOKEN_HEADER]: 'bench',
            'accept-encoding': encoding,
          },
          body: JSON.stringify([subject, transform, options]),
        });
        const body = await res.arrayBuffer();
        decodeFrame(body);
        times.push(performance.now() - t);
        bytes = Number(res.headers.get('content-length') ?? 0);
      }
      const label = encoding === 'gzip' ? 'gzip' : `identity, ${(bytes / 1e6).toFixed(1)} MB`;
      // gzip: the first answer is compressed, the repeats (a reopened subject) are found by content
      const first = encoding === 'gzip' ? `, first ${times[0].toFixed(0)} ms (compressed now)` : '';
      const repeats = times.slice(1).sort((a, b) => a - b);
      console.log(
        `serve getPixelMap round trip (${label}): repeated ${repeats[0].toFixed(0)}–${repeats[1].toFixed(0)} ms${first}`,
      );
    }
  } finally {
    await server.close();
  }
  await saveAtTheLimit();
}

/**
 * The longest time a save at the path command limit keeps `serve` from answering anything else
 * (the event loop's longest stall while one `saveOverlay` runs), on a copy of sub-hcp32k.
 */
async function saveAtTheLimit(): Promise<void> {
  if (!SHARED) return;
  const db = await copyToTemp(['sub-hcp32k']);
  const home = await mkdtemp(join(tmpdir(), 'roi-studio-bench-save-'));
  const ctx = await createContext({ db, env: { ...process.env, ROI_STUDIO_HOME: home } });
  const api = createBackend(ctx);
  const server = await startServer({ api, ctx, root: home, port: 0, token: 'bench' });
  const call = async (method: string, args: unknown[]) => {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [API_TOKEN_HEADER]: 'bench' },
      body: JSON.stringify(args),
    });
    return { status: res.status, body: await res.arrayBuffer() };
  };
  try {
    const snapshot = decodeFrame((await call('loadOverlay', ['sub-hcp32k'])).body) as OverlaySnapshot;
    const PATHS = 10;
    const corners = MAX_EDIT_COMMANDS / PATHS - 2; // M + L… + Z per path, the whole save at the limit
    const circle = Array.from({ length: 2 * corners }, (_, i) => {
      const a = (Math.PI * 2 * Math.floor(i / 2)) / corners;
      return i % 2 ? 300 + 100 * Math.sin(a) : 300 + 100 * Math.cos(a);
    });
    const edits = Array.from({ length: PATHS }, (_, i) => ({
      kind: 'add',
      name: `Bench ${i + 1}`,
      paths: [polylinesToPath([circle], true)],
    }));
    const stalls = monitorEventLoopDelay({ resolution: 10 });
    stalls.enable();
    const t = performance.now();
    const { status } = await call('saveOverlay', [
      { subject: 'sub-hcp32k', baseRevision: snapshot.revision, edits },
    ]);
    const total = performance.now() - t;
    stalls.disable();
    console.log(
      `serve saveOverlay of ${MAX_EDIT_COMMANDS} path commands (the limit, sub-hcp32k): HTTP ${status} in ${total.toFixed(0)} ms, other requests held at most ${(stalls.max / 1e6).toFixed(0)} ms`,
    );
  } finally {
    await server.close();
    await rm(db, { recursive: true, force: true });
  }
}
