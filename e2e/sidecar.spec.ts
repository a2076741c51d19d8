import { expect, test } from '@playwright/test';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli, demoDatabase, startServe, type Served } from './start-serve.js';

/**
 * pycortex's import_flat deletes overlays.svg; the sidecar ROI Studio keeps beside it brings the
 * ROIs back: the user restores them in the editor, saves, and pycortex's membership of the saved
 * file covers the same vertices.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

let db = '';
let served: Served | null = null;
type Rois = Record<string, { lh: number[]; rh: number[] }>;

test.beforeAll(async () => {
  db = await demoDatabase();
  // ROIs saved through the writer, which records them in overlays.roi-studio.json
  cli([
    'trace',
    '--db',
    db,
    '--subject',
    'demo',
    '--xfm',
    'demo2mm',
    '--template',
    'floc-places',
    '--into',
    'overlay',
  ]);
  served = await startServe(db);
});

test.afterAll(async () => {
  await served?.stop();
});

test('after overlays.svg is gone, Restore ROIs from sidecar brings the ROIs back and Save writes them', async ({
  page,
}) => {
  const before = JSON.parse(cli(['rois', '--db', db, '--subject', 'demo', '--json'])) as Rois;
  const names = Object.keys(before).sort();
  expect(names.length).toBeGreaterThan(1);
  await rm(join(db, 'demo', 'overlays.svg')); // what import_flat does

  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(served!.url);
  await expect(page.getByRole('combobox', { name: 'Subject', exact: true })).toHaveValue('demo');
  const tour = page.getByRole('button', { name: 'Skip' });
  if (await tour.isVisible()) await tour.click();
  const rows = page.getByRole('list', { name: 'ROI list' }).getByRole('listitem');
  await expect(rows).toHaveCount(0);

  await page.getByRole('button', { name: 'Restore ROIs from sidecar' }).click();
  await expect(rows).toHaveCount(names.length, { timeout: 60_000 });
  await page.screenshot({ path: join(ROOT, 'test-results', 'sidecar', 'restored.png') });
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(
    page.getByRole('contentinfo', { name: 'Status' }).getByText('Saved', { exact: true }),
  ).toBeVisible({ timeout: 30_000 });

  const after = JSON.parse(cli(['rois', '--db', db, '--subject', 'demo', '--json'])) as Rois;
  expect(Object.keys(after).sort()).toEqual(names);
  for (const name of names) {
    const a = new Set([...before[name].lh, ...before[name].rh.map((v) => -1 - v)]);
    const b = new Set([...after[name].lh, ...after[name].rh.map((v) => -1 - v)]);
    const inter = [...a].filter((v) => b.has(v)).length;
    const jaccard = inter / (a.size + b.size - inter);
    console.log(`${name}: Jaccard restored vs original ${jaccard.toFixed(3)}`);
    expect(jaccard, name).toBeGreaterThan(0.9);
  }
});
