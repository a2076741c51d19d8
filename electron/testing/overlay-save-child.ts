/**
 * A separate process that saves an overlay over and over, for the writer's fault tests:
 * `mode=flip FILE A B`: print "ready", wait for a line "go", then alternately write the versions
 *   in files A and B until killed;
 * `mode=add DB SUBJECT TAG N`: add N ROIs named TAG0…, retrying on LOCKED/STALE (reload first);
 * `mode=race DB SUBJECT TAG`: on each line "go" from stdin, hold the lock of DB/counter to add 1
 *   to it (counting any time another holder was inside too), then add ROI TAG<round> to the
 *   overlay, and answer "done <overlaps>".
 */
import { createInterface } from 'node:readline';
import { open, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { overlayApi, cliContext } from '../backend/overlay-api.js';
import { withFileLock } from '../store/write/overlay-lock.js';
import { writeOverlayFile } from '../store/write/overlay-store.js';

const [mode, ...args] = process.argv.slice(2);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

if (mode === 'flip') {
  const [file, a, b] = args;
  const versions = [await readFile(a, 'utf8'), await readFile(b, 'utf8')];
  process.stdout.write('ready\n');
  for await (const line of createInterface({ input: process.stdin })) if (line === 'go') break;
  for (let i = 0; ; i++)
    await writeOverlayFile(file, { baseRevision: null, build: () => versions[i % 2] }).catch(() => undefined);
} else if (mode === 'add') {
  const [db, subject, tag, n] = args;
  let retries = 0;
  for (let i = 0; i < Number(n); i++) retries += await addRoi(db, subject, `${tag}${i}`, i);
  process.stdout.write(`${JSON.stringify({ retries })}\n`);
} else if (mode === 'race') {
  const [db, subject, tag] = args;
  let round = 0;
  for await (const line of createInterface({ input: process.stdin })) {
    if (line !== 'go') continue;
    const overlaps = await countUnderLock(db);
    await addRoi(db, subject, `${tag}${round}`, round);
    round++;
    process.stdout.write(`done ${overlaps}\n`);
  }
}

/** Add one ROI through the API, reloading and retrying while another writer is busy. */
async function addRoi(db: string, subject: string, name: string, i: number): Promise<number> {
  const api = overlayApi(cliContext(db));
  for (let retries = 0; ; retries++) {
    const snap = await api.loadOverlay(subject);
    try {
      await api.saveOverlay({
        subject,
        baseRevision: snap.revision,
        edits: [{ kind: 'add', name, paths: [`M ${i},0 L ${i + 1},0 L ${i + 1},1 Z`] }],
      });
      return retries;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code !== 'LOCKED' && code !== 'STALE') throw e;
      await sleep(2 + Math.random() * 10);
    }
  }
}

/** Read-increment-write DB/counter under its lock; 1 when another holder was inside too. */
async function countUnderLock(db: string): Promise<number> {
  const counter = join(db, 'counter');
  for (;;) {
    try {
      return await withFileLock(counter, async () => {
        let overlap = 0;
        const inside = await open(join(db, 'inside'), 'wx').catch(() => null);
        if (!inside) overlap = 1;
        const n = Number(await readFile(counter, 'utf8').catch(() => '0'));
        await sleep(2);
        await writeFile(counter, String(n + 1));
        if (inside) {
          await inside.close();
          await unlink(join(db, 'inside'));
        }
        return overlap;
      });
    } catch (e) {
      if ((e as { code?: string }).code !== 'LOCKED') throw e;
      await sleep(2 + Math.random() * 10);
    }
  }
}
