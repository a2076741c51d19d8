import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseXfm } from '../../shared/formats/xfm.js';
import { runCli } from '../testing/cli-process.js';
import { GOLDEN, SHARED } from '../testing/shared-data.js';

const temps: string[] = [];

const cli = (args: string[]) => runCli(['add-transform', ...args], { env: { SUBJECTS_DIR: '' } });

afterAll(async () => {
  for (const d of temps) await rm(d, { recursive: true, force: true });
});

describe.skipIf(!SHARED)('roi-studio add-transform (child process)', () => {
  const fs = SHARED ? join(SHARED, 'data', 'freesurfer') : '';
  const func = join(fs, 'fs-hcp32k', 'func');

  it('writes the register.dat transform pycortex saved, then refuses to overwrite it; bad usage exits 2', async () => {
    const db = await mkdtemp(join(tmpdir(), 'roi-studio-cli-db-'));
    temps.push(db);
    await cp(join(GOLDEN, 'fs-hcp32k', 'pycortex-import', 'surfaces'), join(db, 'fs-hcp32k', 'surfaces'), {
      recursive: true,
    });
    const args = [
      '--db',
      db,
      '--subject',
      'fs-hcp32k',
      '--name',
      'regdat',
      '--reference',
      join(func, 'meanbeta.nii.gz'),
    ];
    const ok = await cli([...args, '--register', join(func, 'register.dat'), '--subjects-dir', fs]);
    expect([ok.code, ok.stderr]).toEqual([0, '']);
    expect(ok.stdout).toMatch(
      /added transform "regdat" to fs-hcp32k: .*transforms\/regdat \(reference 81×104×83\)/,
    );
    const dir = join(db, 'fs-hcp32k', 'transforms', 'regdat');
    expect((await readdir(dir)).sort()).toEqual(['matrices.xfm', 'reference.nii.gz']);
    const golden = parseXfm(
      await readFile(
        join(GOLDEN, 'fs-hcp32k', 'pycortex-import', 'transforms', 'regdat', 'matrices.xfm'),
        'utf8',
      ),
    );
    const coord = parseXfm(await readFile(join(dir, 'matrices.xfm'), 'utf8')).coord!;
    coord.forEach((row, r) => row.forEach((v, c) => expect(v).toBeCloseTo(golden.coord![r][c], 9)));

    const again = await cli([...args, '--header']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/transforms\/regdat: transform "regdat" already exists/);
    expect(parseXfm(await readFile(join(dir, 'matrices.xfm'), 'utf8')).coord).toEqual(coord);

    const usage = await cli([...args, '--header', '--fsl', join(func, 'func2anat.mat')]);
    expect([usage.code, usage.stderr.trim()]).toEqual([2, 'roi-studio: give only one of --header, --fsl']);
    const noDir = await cli([...args, '--register', join(func, 'register.dat')]);
    expect([noDir.code, noDir.stderr.trim()]).toEqual([
      2,
      'roi-studio: --register needs --subjects-dir DIR (or $SUBJECTS_DIR)',
    ]);
  });
});
