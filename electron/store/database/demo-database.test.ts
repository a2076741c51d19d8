import { mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_MARKER, DEMO_VERSION } from '../../../shared/demo/demo-database.js';
import { run } from '../../cli/demo.js';
import { demoVersionAt, ensureDemoDatabase, writeDemoDatabase } from './demo-database.js';
import { listSubjects } from './subjects.js';

const root = await mkdtemp(join(tmpdir(), 'roi-studio-demo-test-'));
afterAll(() => rm(root, { recursive: true, force: true }));

async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.map(String).sort();
}

describe('ensureDemoDatabase', () => {
  it('generates the filestore on first use, then reuses it untouched', async () => {
    const data = join(root, 'app-data');
    const db = await ensureDemoDatabase(data);
    expect(db).toBe(join(data, 'demo-db'));
    expect((await stat(join(db, 'demo', 'surfaces'))).isDirectory()).toBe(true);
    expect((await stat(join(db, 'demo', 'transforms'))).isDirectory()).toBe(true);
    expect((await stat(join(db, 'demo', 'overlays.svg'))).isFile()).toBe(true);
    expect(await demoVersionAt(db)).toBe(DEMO_VERSION);
    // no temporary folders left beside it
    expect(await readdir(data)).toEqual(['demo-db']);

    // a user's edit survives the next start (same version: nothing is rewritten)
    const overlay = join(db, 'demo', 'overlays.svg');
    await writeFile(overlay, 'edited');
    expect(await ensureDemoDatabase(data)).toBe(db);
    expect(await readFile(overlay, 'utf8')).toBe('edited');
  });

  it('regenerates when the version marker differs', async () => {
    const data = join(root, 'old-version');
    const db = await ensureDemoDatabase(data);
    await writeFile(join(db, DEMO_MARKER), JSON.stringify({ version: DEMO_VERSION - 1 }));
    await writeFile(join(db, 'demo', 'overlays.svg'), 'stale');
    await ensureDemoDatabase(data);
    expect(await demoVersionAt(db)).toBe(DEMO_VERSION);
    expect(await readFile(join(db, 'demo', 'overlays.svg'), 'utf8')).toMatch(/^<svg /);
    expect(await readdir(data)).toEqual(['demo-db']);
  });

  it('an upgrade keeps the user’s overlays.svg, sidecar and backups when the canvas is the same', async () => {
    const data = join(root, 'upgrade-same');
    const db = await ensureDemoDatabase(data);
    const subject = join(db, 'demo');
    const generated = await readFile(join(subject, 'overlays.svg'), 'utf8');
    const mine = generated.replace('</svg>', '<!-- my ROIs -->\n</svg>');
    await writeFile(join(subject, 'overlays.svg'), mine);
    await writeFile(join(subject, 'overlays.roi-studio.json'), '{"mine":1}');
    await mkdir(join(subject, 'overlays-backups'));
    await writeFile(join(subject, 'overlays-backups', 'overlays.20260101T000000-000Z.svg'), 'older');
    await writeFile(join(db, DEMO_MARKER), JSON.stringify({ version: DEMO_VERSION - 1 }));

    await ensureDemoDatabase(data);
    expect(await demoVersionAt(db)).toBe(DEMO_VERSION);
    expect(await readFile(join(subject, 'overlays.svg'), 'utf8')).toBe(mine);
    expect(await readFile(join(subject, 'overlays.roi-studio.json'), 'utf8')).toBe('{"mine":1}');
    expect(await readdir(join(subject, 'overlays-backups'))).toEqual(['overlays.20260101T000000-000Z.svg']);
    expect(await readdir(subject)).not.toContain('warning.txt');
    expect(await readdir(data)).toEqual(['demo-db']);
  });

  it('an upgrade keeps the user’s own subjects, added transforms and their backups', async () => {
    const data = join(root, 'upgrade-additions');
    const db = await ensureDemoDatabase(data);
    const generated = await readdir(join(db, 'demo', 'transforms'));
    const mine = join(db, 'demo', 'transforms', 'my-session');
    await mkdir(mine);
    await writeFile(join(mine, 'matrices.xfm'), 'mine');
    await mkdir(join(db, 'demo', 'transforms-backups', 'my-session.2026'), { recursive: true });
    await writeFile(join(db, 'demo', 'transforms-backups', 'my-session.2026', 'matrices.xfm'), 'older');
    await mkdir(join(db, 'my-subject', 'surfaces'), { recursive: true });
    await writeFile(join(db, 'my-subject', 'surfaces', 'flat_lh.gii'), 'my surface');
    await writeFile(join(db, DEMO_MARKER), JSON.stringify({ version: DEMO_VERSION - 1 }));

    await ensureDemoDatabase(data);
    expect(await demoVersionAt(db)).toBe(DEMO_VERSION);
    expect((await readdir(join(db, 'demo', 'transforms'))).sort()).toEqual(
      [...generated, 'my-session'].sort(),
    );
    expect(await readFile(join(mine, 'matrices.xfm'), 'utf8')).toBe('mine');
    expect(
      await readFile(join(db, 'demo', 'transforms-backups', 'my-session.2026', 'matrices.xfm'), 'utf8'),
    ).toBe('older');
    expect(await readFile(join(db, 'my-subject', 'surfaces', 'flat_lh.gii'), 'utf8')).toBe('my surface');
    expect(await readdir(data)).toEqual(['demo-db']);
  });

  it('an upgrade keeps the user’s files and linked subjects beside the subjects', async () => {
    const data = join(root, 'upgrade-root-files');
    const db = await ensureDemoDatabase(data);
    const elsewhere = join(root, 'linked-subject');
    await mkdir(join(elsewhere, 'surfaces'), { recursive: true });
    await symlink(elsewhere, join(db, 'linked'));
    await writeFile(join(db, 'notes.txt'), 'my notes');
    await writeFile(join(db, DEMO_MARKER), JSON.stringify({ version: DEMO_VERSION - 1 }));

    await ensureDemoDatabase(data);
    expect(await demoVersionAt(db)).toBe(DEMO_VERSION);
    expect(await readFile(join(db, 'notes.txt'), 'utf8')).toBe('my notes');
    expect(await readlink(join(db, 'linked'))).toBe(elsewhere);
    expect((await stat(join(elsewhere, 'surfaces'))).isDirectory()).toBe(true);
  });

  it('an upgrade to another canvas moves the user’s overlays.svg to overlays-backups/ and says so', async () => {
    const data = join(root, 'upgrade-other');
    const db = await ensureDemoDatabase(data);
    const subject = join(db, 'demo');
    const generated = await readFile(join(subject, 'overlays.svg'), 'utf8');
    const mine = generated.replace(/ width="[^"]*"/, ' width="123.5"');
    expect(mine).not.toBe(generated);
    await writeFile(join(subject, 'overlays.svg'), mine);
    await writeFile(join(db, DEMO_MARKER), JSON.stringify({ version: DEMO_VERSION - 1 }));

    await ensureDemoDatabase(data);
    const moved = join(subject, 'overlays-backups', `overlays-before-demo-v${DEMO_VERSION}.svg`);
    expect(await readFile(moved, 'utf8')).toBe(mine);
    expect(await readFile(join(subject, 'overlays.svg'), 'utf8')).toBe(generated);
    const [summary] = await listSubjects(db);
    expect(summary.warning).toContain(`your overlays.svg was moved to ${moved}`);
  });

  it('survives concurrent first runs (parallel test workers, two windows)', async () => {
    const data = join(root, 'concurrent');
    const [a, b] = await Promise.all([ensureDemoDatabase(data), ensureDemoDatabase(data)]);
    expect(a).toBe(b);
    expect(await demoVersionAt(a)).toBe(DEMO_VERSION);
    expect(await readdir(data)).toEqual(['demo-db']);
  });
});

describe('writeDemoDatabase and `demo --out`', () => {
  it('writes into a new folder and replaces an earlier demo output, keeping the user’s work in it', async () => {
    const out = join(root, 'cli-out');
    await run(['--out', out]);
    const first = await listTree(out);
    expect(first).toContain(join('demo', 'surfaces', 'flat_lh.gii'));
    const subject = join(out, 'demo');
    const generated = await readFile(join(subject, 'overlays.svg'), 'utf8');
    const mine = generated.replace('</svg>', '<!-- my ROIs -->\n</svg>');
    await writeFile(join(subject, 'overlays.svg'), mine);
    await writeFile(join(subject, 'templates', 'mine.nii.gz'), 'my template');
    await writeFile(join(subject, 'extra.txt'), 'x');
    await mkdir(join(subject, 'cache'), { recursive: true });
    await writeFile(join(subject, 'cache', 'old.npz'), 'derived');
    await writeDemoDatabase(out);
    expect(await listTree(out)).toEqual(
      [...first, join('demo', 'extra.txt'), join('demo', 'templates', 'mine.nii.gz')].sort(),
    );
    expect(await readFile(join(subject, 'overlays.svg'), 'utf8')).toBe(mine);
    expect(await readFile(join(subject, 'templates', 'mine.nii.gz'), 'utf8')).toBe('my template');
    expect(await readFile(join(subject, 'extra.txt'), 'utf8')).toBe('x');
  });

  it('refuses a non-empty folder that is not a demo database and changes nothing', async () => {
    const out = join(root, 'precious');
    await mkdir(out);
    await writeFile(join(out, 'thesis.tex'), 'do not touch');
    await expect(run(['--out', out])).rejects.toThrow(`${out}: is not empty and is not a demo database`);
    expect(await listTree(out)).toEqual(['thesis.tex']);
    expect((await readdir(root)).filter((n) => n.includes('precious.'))).toEqual([]);
  });

  it('refuses a path that is a file, and a missing --out', async () => {
    const file = join(root, 'a-file');
    await writeFile(file, 'x');
    await expect(writeDemoDatabase(file)).rejects.toThrow(`${file}: exists and is not a folder`);
    await expect(run([])).rejects.toThrow('missing --out');
  });
});
