import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { draftFolder } from '../electron/backend/draft-api.js';
import { appPaths } from '../electron/store/files/app-paths.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Run `roi-studio <args>` from source (as `npm run cli` does) and wait for it. */
export function cli(args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`roi-studio ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** A fresh demo database in a temporary folder. */
export async function demoDatabase(): Promise<string> {
  const db = join(await mkdtemp(join(tmpdir(), 'roi-studio-e2e-')), 'db');
  cli(['demo', '--out', db]);
  return db;
}

export interface Served {
  url: string;
  port: number;
  token: string;
  child: ChildProcess;
  stderr: () => string;
  /** the drafts the server holds (file names in its app-data folder) */
  drafts(): string[];
  stop(): Promise<void>;
}

/**
 * Start `serve --port 0` on `db` (the built renderer in out/ must exist: `npm run test:e2e`
 * builds it) and resolve with the URL it prints.
 */
export async function startServe(db: string, extra: string[] = []): Promise<Served> {
  const home = await mkdtemp(join(tmpdir(), 'roi-studio-e2e-home-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/cli.ts', 'serve', '--db', db, '--port', '0', ...extra],
    { cwd: ROOT, env: { ...process.env, ROI_STUDIO_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve printed no URL in 60 s: ${err}`)), 60_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /^Serving at (http:\/\/\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`serve exited with ${code}: ${err}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token') ?? '',
    child,
    stderr: () => err,
    drafts: () => {
      try {
        return readdirSync(draftFolder(appPaths({ ROI_STUDIO_HOME: home }).data));
      } catch {
        return [];
      }
    },
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      }),
  };
}
