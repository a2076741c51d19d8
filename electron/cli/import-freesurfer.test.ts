import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { freeSurferFixture } from '../../shared/freesurfer/testing/freesurfer-fixture.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const home = await mkdtemp(join(tmpdir(), 'roi-studio-cli-fs-'));
afterAll(() => rm(home, { recursive: true, force: true }));

async function cli(args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      tsx,
      ['electron/cli.ts', 'import-freesurfer', ...args],
      {
        cwd: root,
        env: { ...process.env, ROI_STUDIO_HOME: home },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('roi-studio import-freesurfer (child process)', () => {
  it('imports, refuses a second import without --replace, and names a missing file', async () => {
    const fs = join(home, 'freesurfer');
    const db = join(home, 'db');
    await mkdir(db);
    for (const [rel, bytes] of Object.entries(freeSurferFixture())) {
      await mkdir(dirname(join(fs, 'subj01', rel)), { recursive: true });
      await writeFile(join(fs, 'subj01', rel), bytes);
    }
    const base = ['--subjects-dir', fs, '--subject', 'subj01', '--db', db];
    const ok = await cli([...base, '--as', 'S01', '--flat-orientation', 'as-is', '--labels', 'all']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(
      /^Imported S01 into .*S01 \(36 \+ 36 vertices, 24 files, templates: V1_exvivo, aparc, prf-visualrois\) in \d+\.\d s\n$/,
    );
    expect(ok.stderr).toBe('');
    const again = await cli([...base, '--as', 'S01']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^roi-studio: .*S01: the database already has a subject "S01"/);
    await unlink(join(fs, 'subj01', 'mri', 'wm.mgz'));
    const missing = await cli([...base, '--as', 'S02']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`roi-studio: ${join(fs, 'subj01', 'mri', 'wm.mgz')}: file not found\n`);
    expect(await readdir(db)).toEqual(['S01']);
  });

  it('refuses bad options with a usage error', async () => {
    const wm = await cli(['--subjects-dir', home, '--subject', 's', '--db', home, '--wm', 'pial']);
    expect([wm.code, wm.stderr]).toEqual([2, 'roi-studio: --wm must be smoothwm or white, got "pial"\n']);
    const db = await cli(['--subjects-dir', home, '--subject', 's']);
    expect([db.code, db.stderr]).toEqual([2, 'roi-studio: missing --db\n']);
  });
});
