/**
 * A separate process that saves an overlay over and over, for the writer's fault tests:
 * `mode=flip FILE`: alternately write two complete versions until killed;
 * `mode=add DB SUBJECT TAG N`: add N ROIs named TAG0…, retrying on LOCKED/STALE (reload first).
 */
import { readFile } from 'node:fs/promises';
import { overlayApi, cliContext } from '../backend/overlay-api.js';
import { writeOverlayFile } from '../store/overlay-store.js';

const [mode, ...args] = process.argv.slice(2);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

if (mode === 'flip') {
  const [file, a, b] = args;
  const versions = [await readFile(a, 'utf8'), await readFile(b, 'utf8')];
  process.stdout.write('ready\n');
  for (let i = 0; ; i++)
    await writeOverlayFile(file, { baseRevision: null, build: () => versions[i % 2] }).catch(() => undefined);
} else if (mode === 'add') {
  const [db, subject, tag, n] = args;
  const api = overlayApi(cliContext(db));
  let retries = 0;
  for (let i = 0; i < Number(n); i++) {
    for (;;) {
      const snap = await api.loadOverlay(subject);
      try {
        await api.saveOverlay({
          subject,
          baseRevision: snap.revision,
          edits: [{ kind: 'add', name: `${tag}${i}`, paths: [`M ${i},0 L ${i + 1},0 L ${i + 1},1 Z`] }],
        });
        break;
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code !== 'LOCKED' && code !== 'STALE') throw e;
        retries++;
        await sleep(5 + Math.random() * 20);
      }
    }
  }
  process.stdout.write(`${JSON.stringify({ retries })}\n`);
}
