import { mkdtempSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { GOLDEN, SHARED, SHARED_DB } from '../testing/shared-data.js';
import { run } from './export.js';

const overlay = join(GOLDEN, 'sub-hcp32k', 'overlays-rois.svg');

process.env.ROI_STUDIO_HOME = mkdtempSync(join(tmpdir(), 'roi-studio-home-'));

describe.skipIf(!SHARED)('export CLI', () => {
  it('writes .label files per hemisphere and prints their paths', async () => {
    const out = await mkdtemp(join(tmpdir(), 'roi-studio-cli-export-'));
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await run([
        '--db',
        SHARED_DB,
        '--subject',
        'sub-hcp32k',
        '--kind',
        'label',
        '--overlay',
        overlay,
        '--rois',
        'BOTH_hemis',
        '--out',
        out,
      ]);
      expect(log.mock.calls.map((c) => String(c[0])).sort()).toEqual([
        join(out, 'lh.BOTH_hemis.label'),
        join(out, 'rh.BOTH_hemis.label'),
      ]);
    } finally {
      log.mockRestore();
    }
    const golden = JSON.parse(await readFile(join(GOLDEN, 'sub-hcp32k', 'rois.json'), 'utf8')) as Record<
      string,
      { lh: number[] }
    >;
    const lh = (await readFile(join(out, 'lh.BOTH_hemis.label'), 'utf8')).split('\n');
    expect(Number(lh[1])).toBe(golden.BOTH_hemis.lh.length);
  }, 120_000);

  it('refuses unknown kinds and a NIfTI export without a transform, writing nothing', async () => {
    const out = await mkdtemp(join(tmpdir(), 'roi-studio-cli-export-'));
    await expect(
      run(['--db', SHARED_DB, '--subject', 'sub-hcp32k', '--kind', 'mgz', '--out', out]),
    ).rejects.toThrow(/--kind must be one of json, csv, label, nifti, png, svg/);
    await expect(
      run(['--db', SHARED_DB, '--subject', 'sub-hcp32k', '--kind', 'nifti', '--out', out]),
    ).rejects.toThrow(/needs --xfm/);
    expect(await readdir(out)).toEqual([]);
  });
});
