import { mkdtempSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
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

describe.skipIf(!SHARED)('export CLI figures', () => {
  const s1 = ['--db', SHARED_DB, '--subject', 'S1'];
  const volume = join(SHARED_DB, 'S1', 'transforms', 'fullhead', 'reference.nii.gz');

  it("takes make_figure's options: a 256-high magma figure with sulci, no names, no colour bar", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roi-studio-cli-figure-'));
    const out = join(dir, 'fig.png');
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await run([
        ...s1,
        '--kind',
        'png',
        '--out',
        out,
        '--overlay',
        join(GOLDEN, 'S1', 'overlays-rois-sulci.svg'),
        '--volume',
        volume,
        '--xfm',
        'fullhead',
        '--cmap',
        'magma',
        '--vmin',
        '100',
        '--vmax',
        '1200',
        '--height',
        '256',
        '--nanmean',
        '--with-sulci',
        '--no-labels',
        '--no-colorbar',
        '--linewidth',
        '3',
      ]);
      expect(log.mock.calls.map((c) => String(c[0]))).toEqual([out]);
    } finally {
      log.mockRestore();
    }
    const png = PNG.sync.read(await readFile(out));
    expect([png.width, png.height]).toEqual([490, 256]);
    // the colour bar's box holds data colours or nothing, never its black frame
    const [x0, x1] = [Math.round(0.4 * 490), Math.round(0.6 * 490)];
    const y = Math.round((1 - 0.07) * 256);
    for (let x = x0; x <= x1; x++) {
      const i = 4 * (y * 490 + x);
      expect([...png.data.subarray(i, i + 4)].join(',')).not.toBe('0,0,0,255');
    }
  }, 120_000);

  it('refuses a 2-D colour map, a bad label size and figure options on other kinds, writing nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roi-studio-cli-figure-'));
    const out = join(dir, 'fig.png');
    const figure = [...s1, '--kind', 'png', '--out', out, '--volume', volume, '--xfm', 'fullhead'];
    await expect(run([...figure, '--cmap', 'RdBu_2D'])).rejects.toThrow(
      /"RdBu_2D" is one of pycortex's 2-D colour maps/,
    );
    await expect(run([...figure, '--labelsize', 'big'])).rejects.toThrow(/--labelsize: a size is a number/);
    await expect(run([...s1, '--kind', 'json', '--out', dir, '--with-sulci'])).rejects.toThrow(
      /--with-sulci: only for --kind png or svg/,
    );
    expect(await readdir(dir)).toEqual([]);
  });
});
