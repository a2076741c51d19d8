import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeFrame, encodeFrame } from '../../shared/api-codec.js';
import { createContext } from '../backend/create-context.js';
import { createBackend } from '../backend/index.js';
import { startServer } from '../serve.js';
import { SHARED, SHARED_DB } from '../testing/shared-data.js';

/**
 * The browser mode's cost for the largest answer, a pixel map (S1 when the reference data is
 * present, else the demo subject): encoding the frame, and a whole HTTP call (serve → fetch →
 * decode) with and without gzip. Over an ssh tunnel the gzip size is what matters; serve
 * compresses an answer once and finds it by content when it is asked for again.
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
            'x-roi-studio-token': 'bench',
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
}
