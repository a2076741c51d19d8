import { expect, test } from '@playwright/test';
import { cp, mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GOLDEN, SHARED, SKIP_REASON } from '../electron/testing/shared-data.js';
import { watchConsole } from './page-helpers.js';
import { cli, startServe } from './start-serve.js';

/**
 * A real old-format subject (ANfs: rois.svg only, no overlays.svg, no transforms/) opens in the
 * editor with pycortex's 38 ROIs; a save writes overlays.svg in pycortex's converted layout and
 * leaves rois.svg byte for byte as it was.
 */

type Rois = Record<string, { lh: number[]; rh: number[] }>;

test('a legacy rois.svg subject opens with its ROIs and the first save writes overlays.svg beside it', async ({
  page,
}) => {
  test.skip(!SHARED, SKIP_REASON);
  test.setTimeout(240_000);
  const errors = watchConsole(page);
  const db = join(await mkdtemp(join(tmpdir(), 'roi-studio-e2e-legacy-')), 'db');
  await cp(join(SHARED!, 'data', 'legacy-db'), db, { recursive: true });
  const legacy = join(db, 'ANfs', 'rois.svg');
  const original = await readFile(legacy);
  const golden = JSON.parse(await readFile(join(GOLDEN, 'ANfs', 'rois.json'), 'utf8')) as Rois;
  const served = await startServe(db);
  try {
    await page.setViewportSize({ width: 1400, height: 860 });
    await page.goto(served.url);
    await expect(page.getByRole('combobox', { name: 'Subject', exact: true })).toHaveValue('ANfs');
    const tour = page.getByRole('button', { name: 'Skip' });
    if (await tour.isVisible()) await tour.click();
    const rows = page.getByRole('list', { name: 'ROI list' }).getByRole('listitem');
    await expect(rows).toHaveCount(38, { timeout: 120_000 });
    await expect(page.getByText('ROIs are in the legacy rois.svg', { exact: false })).toBeVisible();
    const v1 = golden['V1'];
    await expect(
      page.getByRole('listitem', { name: 'ROI V1', exact: true }).getByLabel('Vertices of V1'),
    ).toHaveText(`${v1.lh.length} lh · ${v1.rh.length} rh`, { timeout: 60_000 });

    await page.getByRole('button', { name: 'Delete EVA' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(
      page.getByRole('contentinfo', { name: 'Status' }).getByText('Saved', { exact: true }),
    ).toBeVisible({ timeout: 30_000 });

    expect(await readFile(legacy)).toEqual(original);
    expect(await readdir(join(db, 'ANfs'))).toContain('overlays.svg');
    const saved = JSON.parse(cli(['rois', '--db', db, '--subject', 'ANfs', '--json'])) as Rois;
    const { EVA: _dropped, ...expected } = golden;
    expect(saved).toEqual(expected);
    expect(errors).toEqual([]);
  } finally {
    await served.stop();
  }
});
