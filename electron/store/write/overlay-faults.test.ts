import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOverlay } from '../../../shared/formats/overlay-svg.js';
import { cliContext, overlayApi } from '../../backend/overlay-api.js';
import { bundleChild } from '../../testing/child-bundle.js';
import { BACKUP_DIR, KEEP_BACKUPS, revisionOf } from './overlay-store.js';

/**
 * The overlay writer under the faults the issue reproduced: many processes taking over a dead
 * process's lock at the same moment, and saves killed at random moments. Children run from a
 * bundle made once, so dozens of processes start in seconds.
 */

const NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"';
const GOOD = `<svg ${NS} width="200" height="100">
  <g inkscape:label="rois" id="rois"><g inkscape:label="shapes" id="rois_shapes"><g inkscape:label="A" id="A"><path d="M 1,1 L 5,1 L 5,5 Z"/></g></g><g inkscape:label="labels" id="rois_labels"/></g>
</svg>
`;
/** A process id above Linux's largest, so never alive: the owner of a stale lock. */
const DEAD_PID = 2 ** 22 + 12345;
const subject = 'subj';

let dir = '';
let child = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roi-studio-faults-'));
  child = await bundleChild('electron/testing/overlay-save-child.ts', dir);
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function freshDb(name: string): Promise<{ db: string; file: string }> {
  const db = join(dir, name);
  await mkdir(join(db, subject), { recursive: true });
  const file = join(db, subject, 'overlays.svg');
  await writeFile(file, GOOD);
  return { db, file };
}

/** Lines a child prints, one promise each, in order. */
function lines(p: ChildProcessWithoutNullStreams): () => Promise<string> {
  const queue: string[] = [];

  const waiting: ((l: string) => void)[] = [];
  createInterface({ input: p.stdout }).on('line', (l) => {
    const w = waiting.shift();
    if (w) w(l);
    else queue.push(l);
  });
  return () => (queue.length ? Promise.resolve(queue.shift()!) : new Promise((r) => waiting.push(r)));
}

const staleLock = () => JSON.stringify({ pid: DEAD_PID, host: hostname(), time: Date.now() });

describe('overlay writer under faults', () => {
  it('8 processes saving at once over a dead process’s lock: never two holders, no lost update (40 rounds)', async () => {
    const { db, file } = await freshDb('race');
    const ROUNDS = 40;
    const procs = Array.from({ length: 8 }, (_, k) =>
      spawn(process.execPath, [child, 'race', db, subject, `P${k}_`]),
    );
    const next = procs.map(lines);
    let overlaps = 0;
    try {
      for (let round = 0; round < ROUNDS; round++) {
        await writeFile(`${file}.lock`, staleLock());
        await writeFile(join(db, 'counter.lock'), staleLock());
        for (const p of procs) p.stdin.write('go\n');
        const done = await Promise.all(next.map((n) => n()));
        for (const d of done) {
          expect(d).toMatch(/^done \d+$/);
          overlaps += Number(d.split(' ')[1]);
        }
      }
    } finally {
      for (const p of procs) p.stdin.end();
    }
    await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode === null ? p.once('exit', r) : r(0)))));
    expect(overlaps).toBe(0);
    expect(Number(await readFile(join(db, 'counter'), 'utf8'))).toBe(8 * ROUNDS);
    const snap = await overlayApi(cliContext(db)).loadOverlay(subject);
    const names = snap.layers.find((l) => l.name === 'rois')!.shapes.map((s) => s.name);
    const expected = [
      'A',
      ...procs.flatMap((_, k) => Array.from({ length: ROUNDS }, (_, r) => `P${k}_${r}`)),
    ];
    expect(names.sort()).toEqual(expected.sort());
    expect(
      (await readdir(join(db, subject))).filter((f) => f !== BACKUP_DIR && f !== 'overlays.svg'),
    ).toEqual([]);
  }, 120_000);

  it('a save killed at 50 random moments leaves overlays.svg old or new and every kept backup whole', async () => {
    const { db, file } = await freshDb('kill');
    const big = `<!-- ${'x'.repeat(1 << 20)} -->`;
    const va = GOOD.replace('<svg', `${big}\n<svg`);
    const vb = GOOD.replace('M 1,1', 'M 2,2').replace('<svg', `${big}\n<svg`);
    const [a, b] = [join(dir, 'a.svg'), join(dir, 'b.svg')];
    await writeFile(a, va);
    await writeFile(b, vb);
    const versions = [GOOD, va, vb];
    for (const v of versions) parseOverlay(v); // so a backup equal to one of them is parseable
    const backups = join(db, subject, BACKUP_DIR);
    const start = () => {
      const p = spawn(process.execPath, [child, 'flip', file, a, b]);
      return { p, ready: lines(p)() };
    };
    let next = start();
    for (let round = 0; round < 50; round++) {
      const { p, ready } = next;
      await ready;
      p.stdin.write('go\n');
      next = start(); // starts while this one saves
      await new Promise((r) => setTimeout(r, 30 + Math.random() * 370)); // a save takes 0.1–0.3 s
      p.kill('SIGKILL');
      await new Promise((r) => (p.exitCode === null && p.signalCode === null ? p.once('exit', r) : r(0)));
      expect(versions.includes(await readFile(file, 'utf8'))).toBe(true);
      for (const f of (await readdir(backups).catch(() => [])).filter((n) => !n.startsWith('.'))) {
        const text = await readFile(join(backups, f), 'utf8');
        expect(versions.includes(text), `${f}: ${text.length} characters`).toBe(true);
      }
    }
    next.ready.catch(() => undefined); // the spare child is not needed
    next.p.kill('SIGKILL');
    // a save killed between writing its backup and pruning leaves one more, pruned by the next save
    const kept = (await readdir(backups)).filter((n) => !n.startsWith('.'));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThanOrEqual(KEEP_BACKUPS + 1);
    // the dead writers' locks and temp files neither block the next save nor linger after it
    await overlayApi(cliContext(db)).saveOverlay({
      subject,
      baseRevision: revisionOf(await readFile(file)),
      edits: [{ kind: 'add', name: 'B', paths: ['M 10,10 L 20,10 L 20,20 Z'] }],
    });
    expect((await readdir(join(db, subject))).sort()).toEqual([BACKUP_DIR, 'overlays.svg']);
    const after = await readdir(backups);
    expect(after.filter((n) => n.startsWith('.'))).toEqual([]);
    expect(after.length).toBe(Math.min(KEEP_BACKUPS, kept.length + 1));
    for (const f of after) expect(versions.includes(await readFile(join(backups, f), 'utf8'))).toBe(true);
  }, 120_000);
});
