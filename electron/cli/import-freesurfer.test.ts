import { mkdir, mkdtemp, readFile, readdir, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeNifti } from '../../shared/formats/testing/nifti-fixture.js';
import { freeSurferFixture } from '../../shared/freesurfer/testing/freesurfer-fixture.js';
import { runCli } from '../testing/cli-process.js';

const home = await mkdtemp(join(tmpdir(), 'roi-studio-cli-fs-'));
afterAll(() => rm(home, { recursive: true, force: true }));

const cli = (args: string[]) => runCli(['import-freesurfer', ...args], { home });

describe('roi-studio import-freesurfer (child process)', () => {
  it('imports, refuses a second import without --replace, replaces keeping the user’s transform and template, names a missing file', async () => {
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

    // --replace keeps what the user added: a transform from add-transform, a template of their own
    const reference = join(home, 'func.nii');
    await writeFile(reference, makeNifti({ dims: [3, 4, 5], values: new Array(60).fill(1), sformCode: 1 }));
    const xfm = await runCli(
      [
        'add-transform',
        '--db',
        db,
        '--subject',
        'S01',
        '--name',
        'fmri',
        '--reference',
        reference,
        '--header',
      ],
      { home },
    );
    expect(xfm.code).toBe(0);
    await writeFile(join(db, 'S01', 'templates', 'mine.nii.gz'), 'my template');
    await writeFile(join(db, 'S01', 'templates', 'lh.aparc.mgz'), 'edited by hand');
    const mine = [
      'transforms/fmri/matrices.xfm',
      'transforms/fmri/reference.nii.gz',
      'templates/mine.nii.gz',
    ];
    const before = await Promise.all(mine.map((f) => readFile(join(db, 'S01', f))));
    const replaced = await cli([
      ...base,
      '--as',
      'S01',
      '--flat-orientation',
      'as-is',
      '--labels',
      'all',
      '--replace',
    ]);
    expect(replaced.code).toBe(0);
    const backup = join(db, '.subjects-backups', (await readdir(join(db, '.subjects-backups')))[0]);
    expect(replaced.stdout.split('\n').slice(1)).toEqual([
      expect.stringMatching(
        /^Kept from the replaced subject: templates\/mine\.nii\.gz, transforms\/fmri\/, overlays-backups\/overlays\.\S+\.replaced\.svg\.$/,
      ),
      'Written anew by the import (the old versions are in the backup): templates/lh.aparc.mgz.',
      `The replaced subject is kept whole in ${backup} (its cache/ is not carried over: pycortex rebuilds it); delete that folder when you no longer need it.`,
      '',
    ]);
    expect(await Promise.all(mine.map((f) => readFile(join(db, 'S01', f))))).toEqual(before);
    expect(await readFile(join(backup, 'templates', 'lh.aparc.mgz'), 'utf8')).toBe('edited by hand');
    expect(await readFile(join(db, 'S01', 'templates', 'lh.aparc.mgz'), 'utf8')).not.toBe('edited by hand');
    await unlink(join(fs, 'subj01', 'mri', 'wm.mgz'));
    const missing = await cli([...base, '--as', 'S02']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`roi-studio: ${join(fs, 'subj01', 'mri', 'wm.mgz')}: file not found\n`);
    expect((await readdir(db)).sort()).toEqual(['.subjects-backups', 'S01']);
  });

  it('refuses bad options with a usage error', async () => {
    const wm = await cli(['--subjects-dir', home, '--subject', 's', '--db', home, '--wm', 'pial']);
    expect([wm.code, wm.stderr]).toEqual([2, 'roi-studio: --wm must be smoothwm or white, got "pial"\n']);
    const db = await cli(['--subjects-dir', home, '--subject', 's']);
    expect([db.code, db.stderr]).toEqual([2, 'roi-studio: missing --db\n']);
  });
});
