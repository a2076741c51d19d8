import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `roi-studio <args>` in a child process, as a user runs it: its own home and app folders (a
 * fresh temporary one unless `home` is given), no database from the environment.
 */
export async function runCli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; home?: string } = {},
): Promise<CliRun> {
  const home = options.home ?? (await mkdtemp(join(tmpdir(), 'roi-studio-cli-')));
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, ['electron/cli.ts', ...args], {
      cwd: root,
      env: { ...process.env, ROI_STUDIO_HOME: home, HOME: home, ROI_STUDIO_DB: '', ...options.env },
      timeout: 120_000,
      maxBuffer: 64 << 20, // `rois --json` of a real subject is megabytes
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** The stdout of a run that must succeed; a failure throws with its exit code and stderr. */
export async function cliOutput(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; home?: string } = {},
): Promise<string> {
  const r = await runCli(args, options);
  if (r.code !== 0) throw new Error(`roi-studio ${args.join(' ')} exited with ${r.code}: ${r.stderr}`);
  return r.stdout;
}
