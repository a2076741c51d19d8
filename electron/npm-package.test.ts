import { spawn } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeFrame } from '../shared/api-codec.js';
import { API_TOKEN_HEADER, type DatabaseInfo } from '../shared/api.js';
import { copyToTemp, missingReference } from './testing/shared-data.js';

/**
 * The package as a user gets it: `npm pack` (its prepack builds out/ from a copy of the sources,
 * so the checkout's own out/ is left alone), installed with npm into an empty folder, then
 * `npx roi-studio …` there. Needs the npm registry for the package's dependencies.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.electron.json',
  'vite.config.mts',
  'LICENSE',
  'README.md',
  'electron',
  'shared',
  'renderer',
];
const WINDOWS = process.platform === 'win32';
const temps: string[] = [];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `command args` in `cwd` to its end (npm and npx are .cmd scripts on Windows, hence the shell). */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, shell: WINDOWS });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

async function ok(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<string> {
  const r = await run(command, args, cwd, env);
  if (r.code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${r.code}:\n${r.stderr}`);
  return r.stdout;
}

async function temp(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** `serve` from the installed package: its printed URL, and a way to stop it. */
function startServe(cwd: string, env: NodeJS.ProcessEnv, db: string) {
  const child = spawn('npx', ['roi-studio', 'serve', '--db', db, '--port', '0'], {
    cwd,
    env: { ...process.env, ...env },
    shell: WINDOWS,
    // its own process group, so stopping it also stops the node that npx starts
    detached: !WINDOWS,
  });
  const url = new Promise<string>((done, fail) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Serving at (http:\/\/\S+)/.exec(out);
      if (m) done(m[1]);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => fail(new Error(`serve exited with ${code} before listening:\n${err}`)));
  });
  const stop = () =>
    new Promise<number | null>((done) => {
      if (child.exitCode !== null) return done(child.exitCode);
      child.once('close', (code) => done(code));
      if (WINDOWS) spawn('taskkill', ['/pid', String(child.pid), '/T', '/F']);
      else process.kill(-child.pid!, 'SIGTERM');
    });
  return { url, stop };
}

afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('packs, installs into an empty folder, and runs roi-studio subjects and serve', async () => {
    // The sources beside the checkout's node_modules: prepack cleans and builds out/ there.
    const src = await temp('roi-studio-pack-src-');
    for (const entry of SOURCES) await cp(join(ROOT, entry), join(src, entry), { recursive: true });
    await symlink(realpathSync(join(ROOT, 'node_modules')), join(src, 'node_modules'), 'junction');
    const packed = await temp('roi-studio-pack-');
    await ok('npm', ['pack', '--pack-destination', packed], src);
    const [tgz] = (await readdir(packed)).filter((f) => /^roi-studio-.*\.tgz$/.test(f));
    expect(tgz).toBeDefined();

    const app = await temp('roi-studio-installed-');
    await writeFile(join(app, 'package.json'), '{ "private": true }\n');
    await ok('npm', ['install', join(packed, tgz), '--no-audit', '--no-fund'], app);
    const installed = join(app, 'node_modules');
    // What the package ships, and what it must not pull in: the renderer is bundled into out/renderer.
    expect(existsSync(join(installed, 'roi-studio', 'out', 'renderer', 'index.html'))).toBe(true);
    expect(existsSync(join(installed, 'roi-studio', 'out', 'electron', 'testing'))).toBe(false);
    for (const name of ['electron', 'react', 'konva', 'typescript', 'tsx'])
      expect(existsSync(join(installed, name)), name).toBe(false);

    const home = await temp('roi-studio-home-');
    const env = { ROI_STUDIO_HOME: home, ROI_STUDIO_DB: '' };
    const demo = join(home, 'demo-db');
    await mkdir(demo);
    await ok('npx', ['roi-studio', 'demo', '--out', demo], app, env);
    expect(await ok('npx', ['roi-studio', 'subjects', '--db', demo], app, env)).toMatch(
      /^database .*demo-db \(argument\): 1 subject\(s\)\n\ndemo\b/,
    );
    // A figure: fonts and colour maps from the installed dependencies, the flatmap on worker threads.
    const figure = join(home, 'figure.png');
    await ok(
      'npx',
      [
        'roi-studio',
        'export',
        '--db',
        demo,
        '--subject',
        'demo',
        '--kind',
        'png',
        '--height',
        '256',
        '--out',
        figure,
      ],
      app,
      env,
    );
    const png = await readFile(figure);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBeGreaterThan(256); // width of a figure 256 px high: wider than tall

    if (!missingReference('data/db/S1')) {
      const db = await copyToTemp(['S1']);
      temps.push(db);
      const listed = await ok('npx', ['roi-studio', 'subjects', '--db', db], app, env);
      expect(listed).toContain('1 subject(s)');
      expect(listed).toMatch(
        /S1 {2}\(no overlays\.svg yet\)\n {2}surfaces: {3}flat, inflated, pia, wm\n {2}transforms: fullhead 100×100×31, retinotopy 72×72×22\n/,
      );
    }

    const serve = startServe(app, env, demo);
    try {
      const url = new URL(await serve.url);
      expect(url.hostname).toBe('127.0.0.1');
      const token = url.searchParams.get('token') ?? '';
      expect(token.length).toBeGreaterThanOrEqual(32);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(page.headers.get('set-cookie')).toContain(token);
      expect(await page.text()).toMatch(/<div id="root">/);
      const refused = await fetch(new URL('/', url));
      expect(refused.status).toBe(401);
      const database = await fetch(new URL('/api/getDatabase', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', [API_TOKEN_HEADER]: token },
        body: '[]',
      });
      expect(database.status).toBe(200);
      expect((decodeFrame(await database.arrayBuffer()) as DatabaseInfo).path).toBe(demo);
    } finally {
      await serve.stop();
    }
  }, 240_000);
});
