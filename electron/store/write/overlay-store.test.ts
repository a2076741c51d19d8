import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api.js';
import { cliContext, overlayApi } from '../../backend/overlay-api.js';
import { BACKUP_DIR, backupsOf, KEEP_BACKUPS, revisionOf, writeOverlayFile } from './overlay-store.js';

const NS =
  'xmlns="http://www.w3.org/2000/svg" xmlns:svg="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"';
const layer = (name: string, inner = '') =>
  // (empty elements self-closed: the serializer writes <g></g> as <g/>, same XML)
  `  <g inkscape:label="${name}" id="${name}">\n    <g inkscape:label="shapes" id="${name}_shapes"${inner ? `>${inner}</g>` : '/>'}\n    <g inkscape:label="labels" id="${name}_labels"/>\n  </g>\n`;
/** A small valid overlay with the things a careless writer would lose. */
const GOOD = `<?xml version="1.0" encoding="UTF-8"?>
<!-- made by hand -->
<svg ${NS} xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" width="200.5" height="100.0" sodipodi:docname="x.svg">
  <metadata><foo:bar xmlns:foo="urn:x">keep &amp; me</foo:bar></metadata>
  <sodipodi:namedview id="nv" inkscape:zoom="1"/>
${layer('rois', '<g inkscape:label="A" id="A"><path d="M 1,1 L 5,1 L 5,5 Z"/></g>')}${layer('sulci')}${layer('cutouts')}${layer('display')}</svg>
`;

let dir = '';
let db = '';
const subject = 'subj';
let file = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roi-studio-store-'));
  db = join(dir, 'db');
  await mkdir(join(db, subject), { recursive: true });
  file = join(db, subject, 'overlays.svg');
  await writeFile(file, GOOD);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const api = () => overlayApi(cliContext(db));
const addB = (base: string) => ({
  subject,
  baseRevision: base,
  edits: [{ kind: 'add' as const, name: 'B', paths: ['M 10,10 L 20,10 L 20,20 Z'] }],
});

/** The folder holds only what it held before (no temp, lock or backup left behind). */
async function expectClean(folder: string): Promise<void> {
  expect((await readdir(folder)).sort()).toEqual(['overlays.svg']);
}

describe('overlay writer', () => {
  it('keeps every untouched byte, writes a backup and keeps only the last 10', async () => {
    let rev = (await api().loadOverlay(subject)).revision;
    const r = await api().saveOverlay(addB(rev));
    const text = await readFile(file, 'utf8');
    // the edit inserted one group; removing it gives the original bytes back
    const inserted = text.match(/(\n\s*)?<g id="B"[^]*?<\/g>/)![0];
    expect(text.replace(inserted, '')).toBe(GOOD);
    expect(await readFile(r.backup!, 'utf8')).toBe(GOOD);
    rev = r.snapshot.revision;
    for (let i = 0; i < 12; i++) {
      const s = await api().saveOverlay({
        subject,
        baseRevision: rev,
        edits: [{ kind: 'rename', from: i ? `B${i - 1}` : 'B', to: `B${i}` }],
      });
      rev = s.snapshot.revision;
    }
    const backups = await readdir(join(db, subject, BACKUP_DIR));
    expect(backups.length).toBe(KEEP_BACKUPS);
  });

  it('refuses a save made on an old revision (STALE), file untouched', async () => {
    const old = (await api().loadOverlay(subject)).revision;
    await writeFile(file, GOOD.replace('200.5', '201.5'));
    const changed = await readFile(file);
    await expect(api().saveOverlay(addB(old))).rejects.toMatchObject({ code: 'STALE', file });
    expect(await readFile(file)).toEqual(changed);
    await expectClean(join(db, subject));
  });

  it("notices the file changing underneath while saving (mtime + size), file keeps the other writer's content", async () => {
    const other = GOOD.replace('keep &amp; me', 'someone else wrote this');
    await expect(
      writeOverlayFile(file, {
        baseRevision: revisionOf(GOOD),
        build: () => {
          // another program saves between our read and our rename
          execFileSync(process.execPath, [
            '-e',
            `require('fs').writeFileSync(${JSON.stringify(file)}, ${JSON.stringify(other)})`,
          ]);
          return GOOD.replace('A', 'AA');
        },
      }),
    ).rejects.toMatchObject({ code: 'STALE' });
    expect(await readFile(file, 'utf8')).toBe(other);
    expect(
      (await readdir(join(db, subject))).filter((f) => f.endsWith('.tmp') || f.endsWith('.lock')),
    ).toEqual([]);
  });

  it("refuses with LOCKED while another live process holds the lock, and recovers a dead one's lock", async () => {
    const rev = revisionOf(GOOD);
    await writeFile(
      `${file}.lock`,
      JSON.stringify({ pid: process.ppid, host: (await import('node:os')).hostname(), time: Date.now() }),
    );
    await expect(api().saveOverlay(addB(rev))).rejects.toMatchObject({ code: 'LOCKED' });
    expect(await readFile(file, 'utf8')).toBe(GOOD);
    // a lock left by a process that no longer exists is taken over
    await writeFile(
      `${file}.lock`,
      JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), time: Date.now() }),
    );
    await api().saveOverlay(addB(rev));
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('a LOCKED error names the lock file; a lock that is a folder is named with what to do', async () => {
    const rev = revisionOf(GOOD);
    const lock = `${file}.lock`;
    await writeFile(lock, JSON.stringify({ pid: process.ppid, host: hostname(), time: Date.now() }));
    await expect(api().saveOverlay(addB(rev))).rejects.toMatchObject({
      code: 'LOCKED',
      message: expect.stringContaining(`lock file ${lock}`),
    });
    await rm(lock);
    await mkdir(lock);
    await expect(api().saveOverlay(addB(rev))).rejects.toMatchObject({
      code: 'IO',
      message: `${lock} is a folder, not a lock file ROI Studio made; remove it to save ${file}`,
    });
    expect(await readFile(file, 'utf8')).toBe(GOOD);
  });

  it('backups are pruned per file name: saves of overlays.v2.svg never push out overlays.svg backups', async () => {
    const v2 = join(db, subject, 'overlays.v2.svg');
    await writeFile(v2, GOOD);
    const first = await api().saveOverlay(addB(revisionOf(GOOD)));
    for (let i = 0; i < KEEP_BACKUPS + 1; i++)
      await writeOverlayFile(v2, { baseRevision: null, build: () => GOOD.replace('keep', `keep ${i}`) });
    const second = await api().saveOverlay({
      subject,
      baseRevision: revisionOf(await readFile(file)),
      edits: [{ kind: 'delete', name: 'B' }],
    });
    expect(await readFile(first.backup!, 'utf8')).toBe(GOOD);
    expect(existsSync(second.backup!)).toBe(true);
    const names = await readdir(join(db, subject, BACKUP_DIR));
    expect(backupsOf('overlays', names)).toEqual([basename(first.backup!), basename(second.backup!)]);
    expect(backupsOf('overlays.v2', names)).toHaveLength(KEEP_BACKUPS);
  });

  it('orders backups by time, then by the -k of ones made in the same millisecond', () => {
    const t = '20260101T000000-001Z';
    const names = [
      `o.${t}-10.svg`,
      `o.${t}-2.svg`,
      `o.${t}.svg`,
      'o.20251231T235959-999Z.svg',
      'o.x.svg',
      `o.v2.${t}.svg`,
    ];
    expect(backupsOf('o', names)).toEqual([
      'o.20251231T235959-999Z.svg',
      `o.${t}.svg`,
      `o.${t}-2.svg`,
      `o.${t}-10.svg`,
    ]);
  });

  it('two processes adding ROIs concurrently never interleave or lose an update', async () => {
    const child = (tag: string) =>
      new Promise<string>((resolve, reject) => {
        const p = spawn(process.execPath, [
          '--import',
          'tsx',
          'electron/testing/overlay-save-child.ts',
          'add',
          db,
          subject,
          tag,
          '8',
        ]);
        let out = '';
        let err = '';
        p.stdout.on('data', (d) => (out += d));
        p.stderr.on('data', (d) => (err += d));
        p.on('exit', (code) =>
          code === 0 ? resolve(out) : reject(new Error(`child ${tag}: ${code} ${err}`)),
        );
      });
    const outs = await Promise.all([child('X'), child('Y')]);
    console.log(`concurrent writers: retries ${outs.map((o) => o.trim()).join(' ')}`);
    const snap = await api().loadOverlay(subject);
    const names = snap.layers
      .find((l) => l.name === 'rois')!
      .shapes.map((s) => s.name)
      .sort();
    expect(names).toEqual(['A', ...[0, 1, 2, 3, 4, 5, 6, 7].flatMap((i) => [`X${i}`, `Y${i}`])].sort());
    expect(
      (await readdir(join(db, subject))).filter((f) => f.endsWith('.tmp') || f.endsWith('.lock')),
    ).toEqual([]);
  }, 120_000);

  it('creates overlays.svg only through the writer and refuses to overwrite one that appeared meanwhile', async () => {
    await rm(file);
    await writeFile(file, GOOD);
    await expect(api().saveOverlay(addB('missing'))).rejects.toMatchObject({ code: 'STALE' });
    expect(await readFile(file, 'utf8')).toBe(GOOD);
  });
});

// --------------------------------------------------------------------------------------------
// Read-only folders and full disks, on a real tmpfs where the platform lets us mount one

function canMount(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = join(tmpdir(), `roi-studio-mount-probe-${process.pid}`);
  try {
    execFileSync('mkdir', ['-p', probe]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe]);
    return true;
  } catch {
    return false;
  } finally {
    execFileSync('rm', ['-rf', probe]);
  }
}
const mounted: string[] = [];
afterAll(() => {
  for (const m of mounted) execFileSync('umount', [m], { stdio: 'ignore' });
});
const root = process.getuid?.() === 0;
const mountable = canMount();

// Windows has no read-only folder permission to flip; Linux as root needs a mount to make one
describe.skipIf(process.platform === 'win32' || (root && !mountable))(
  'overlay writer on a disk that refuses',
  () => {
    async function smallDisk(sizeKb: number): Promise<string> {
      const m = await mkdtemp(join(tmpdir(), 'roi-studio-fs-'));
      if (mountable) {
        execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', m]);
        mounted.push(m);
      }
      const sdir = join(m, subject);
      await mkdir(sdir);
      return m;
    }

    it('read-only folder: IO error naming the file, original intact', async () => {
      const m = await smallDisk(1024);
      const f = join(m, subject, 'overlays.svg');
      await writeFile(f, GOOD);
      if (mountable) execFileSync('mount', ['-o', 'remount,ro', m]);
      else execFileSync('chmod', ['555', join(m, subject)]);
      const err = await overlayApi(cliContext(m))
        .saveOverlay(addB(revisionOf(GOOD)))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({ code: 'IO', file: f });
      console.log(`read-only: ${(err as Error).message}`);
      expect(await readFile(f, 'utf8')).toBe(GOOD);
      if (!mountable) execFileSync('chmod', ['755', join(m, subject)]);
    });

    it.skipIf(!mountable)('full disk: IO error, original intact, no partial temp file left', async () => {
      const m = await smallDisk(256);
      const f = join(m, subject, 'overlays.svg');
      // a 150 kB file on a 256 kB disk: the temp copy cannot fit
      const big = GOOD.replace('<!-- made by hand -->', `<!-- ${'y'.repeat(150_000)} -->`);
      await writeFile(f, big);
      const err = await overlayApi(cliContext(m))
        .saveOverlay(addB(revisionOf(big)))
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'IO', file: f });
      console.log(`full disk: ${(err as Error).message}`);
      expect(await readFile(f, 'utf8')).toBe(big);
      const left = await readdir(join(m, subject));
      expect(left.filter((x) => x !== BACKUP_DIR)).toEqual(['overlays.svg']);
      expect((await stat(f)).size).toBe(Buffer.byteLength(big));
    });
  },
);

// --------------------------------------------------------------------------------------------
// Malformed files and bad requests: a clear error naming the file, nothing written

const HEAD = `<svg ${NS} width="10" height="10">`;
const MALFORMED: Record<string, string | Buffer> = {
  empty: '',
  'not XML': 'hello, I am not an SVG',
  'truncated XML': GOOD.slice(0, GOOD.length / 2),
  'mismatched tags': `${HEAD}<g></svg>`,
  'unclosed attribute quote': `<svg ${NS} width="10 height="10"></svg>`,
  'duplicate attribute': `<svg ${NS} width="10" width="11" height="10"></svg>`,
  'undeclared prefix': `${HEAD}<foo:g/></svg>`,
  'root is not svg': `<html ${NS} width="10" height="10"/>`,
  'svg without the SVG namespace': '<svg width="10" height="10"></svg>',
  'missing width': `<svg ${NS} height="10"></svg>`,
  'width with units (pycortex cannot float() it)': `<svg ${NS} width="100mm" height="10"></svg>`,
  'zero height': `<svg ${NS} width="10" height="0"></svg>`,
  'height not a number': `<svg ${NS} width="10" height="abc"></svg>`,
  'binary garbage': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0xff, 0xfe]),
  'not UTF-8': Buffer.concat([
    Buffer.from(`${HEAD}<!-- caf`),
    Buffer.from([0xe9]),
    Buffer.from(' --></svg>'),
  ]),
  'two roots': `${HEAD}</svg><svg/>`,
  'text after the root': `${HEAD}</svg>junk`,
  'entity bomb': `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>${HEAD}&b;&c;</svg>`,
  'huge unterminated file': `${HEAD}<!-- ${'z'.repeat(30 << 20)}`,
  'only whitespace': '   \n\t  ',
};

describe('malformed overlays', () => {
  it(`has at least 20 cases (${Object.keys(MALFORMED).length})`, () => {
    expect(Object.keys(MALFORMED).length).toBeGreaterThanOrEqual(20);
  });
  for (const [name, content] of Object.entries(MALFORMED))
    it(`${name}: INVALID_FILE naming the file, nothing written`, async () => {
      await writeFile(file, content);
      const bytes = await readFile(file);
      await expect(api().loadOverlay(subject)).rejects.toMatchObject({ code: 'INVALID_FILE', file });
      const err = (await api()
        .saveOverlay(addB(revisionOf(bytes)))
        .catch((e: unknown) => e)) as ApiError;
      expect(err).toBeInstanceOf(ApiError);
      expect(err.code).toBe('INVALID_FILE');
      expect(err.message.startsWith(file)).toBe(true);
      if (
        name === 'binary garbage' ||
        name === 'not UTF-8' ||
        name === 'width with units (pycortex cannot float() it)'
      )
        console.log(`${name}: ${err.message}`);
      expect((await readFile(file)).equals(bytes)).toBe(true);
      await expectClean(join(db, subject));
    }, 60_000);

  const BAD_EDITS: Record<string, object[]> = {
    'add an existing name': [{ kind: 'add', name: 'A', paths: ['M 1,1 L 2,2 L 2,1 Z'] }],
    'bad path data': [{ kind: 'add', name: 'C', paths: ['M 1,1 L 2'] }],
    'a path that draws nothing': [{ kind: 'add', name: 'C', paths: ['M 1,1'] }],
    'rename onto an existing name': [
      { kind: 'add', name: 'C', paths: ['M 1,1 L 2,2 L 2,1 Z'] },
      { kind: 'rename', from: 'C', to: 'A' },
    ],
    'delete a missing ROI': [{ kind: 'delete', name: 'nope' }],
    'empty name': [{ kind: 'add', name: '', paths: ['M 1,1 L 2,2 L 2,1 Z'] }],
    'unknown edit': [{ kind: 'explode', name: 'A' }],
  };
  for (const [name, edits] of Object.entries(BAD_EDITS))
    it(`bad request (${name}): BAD_REQUEST, nothing written (even the edits before it)`, async () => {
      const bytes = await readFile(file);
      await expect(
        api().saveOverlay({ subject, baseRevision: revisionOf(bytes), edits: edits as never }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST', file });
      expect((await readFile(file)).equals(bytes)).toBe(true);
      await expectClean(join(db, subject));
    });

  it('a path pycortex cannot read is a clear error for membership but the file still loads', async () => {
    await writeFile(file, GOOD.replace('M 1,1 L 5,1 L 5,5 Z', 'M 1,1 Q 5,1 5,5 Z'));
    const snap = await api().loadOverlay(subject);
    expect(snap.layers[0].shapes[0].issues.map((i) => i.code)).toContain('UNSUPPORTED_COMMAND');
  });

  it('missing layers are created pycortex-style on save, not an error', async () => {
    await writeFile(file, `<svg ${NS} width="10" height="10">\n</svg>\n`);
    const rev = revisionOf(await readFile(file));
    const r = await api().saveOverlay(addB(rev));
    expect(r.snapshot.layers.map((l) => l.name)).toEqual(['rois', 'sulci', 'cutouts', 'display']);
    expect(r.snapshot.issues).toEqual([]);
    expect(r.snapshot.layers[0].shapes.map((s) => s.name)).toEqual(['B']);
  });
});
