import { expect, test, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { watchConsole } from './page-helpers.js';
import { cli, demoDatabase, startServe, type Served } from './start-serve.js';

/**
 * Template-guided ROIs and exports in Chromium against `serve` on a temporary demo database:
 * "Add all labels" is one undoable step; exported vertex lists and FreeSurfer labels hold the
 * vertices `roi-studio rois --json` reports; the selected ROI's statistics are shown.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = join(ROOT, 'test-results', 'export');

let db = '';
let served: Served | null = null;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  db = await demoDatabase();
  served = await startServe(db);
});

test.afterAll(async () => {
  await served?.stop();
});

async function openWithTemplate(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(served!.url);
  await expect(page.getByRole('combobox', { name: 'Subject', exact: true })).toHaveValue('demo');
  const tour = page.getByRole('button', { name: 'Skip' });
  if (await tour.isVisible()) await tour.click();
  const template = page.getByRole('combobox', { name: 'Template', exact: true });
  await expect(page.getByRole('combobox', { name: 'Transform', exact: true })).not.toHaveValue('');
  if ((await template.inputValue()) === '') await template.selectOption({ label: 'prf-visualrois' });
  // the first pixel map of a transform is computed on demand: allow for a slow machine
  await expect(page.getByRole('list', { name: 'Legend' })).toBeVisible({ timeout: 90_000 });
}

const roiRows = (page: Page) => page.getByRole('list', { name: 'ROI list' }).getByRole('listitem');

test('Add all labels: every label of prf-visualrois becomes an ROI, one Undo removes them all', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await openWithTemplate(page);
  const labels = await page.getByRole('list', { name: 'Legend' }).getByRole('listitem').count();
  expect(labels).toBeGreaterThan(1);
  await expect(roiRows(page)).toHaveCount(0);

  await page.getByRole('button', { name: 'Add all labels' }).click();
  await expect(roiRows(page)).toHaveCount(labels, { timeout: 60_000 });
  const status = page.getByRole('contentinfo', { name: 'Status' });
  await expect(status).toContainText(`Added ${labels} label ROIs; Jaccard`);
  // the per-label summary: one row per label, each with its Jaccard
  await page.locator('.trace-summary summary').click();
  const table = page.getByRole('table', { name: 'Traced labels' });
  await expect(table.locator('tbody tr')).toHaveCount(labels);
  const jaccards = (await table.locator('tbody td.num').allTextContents()).map(Number);
  console.log(`Add all labels on demo prf-visualrois: ${labels} ROIs, Jaccard ${jaccards.join(', ')}`);
  for (const j of jaccards) expect(j).toBeGreaterThan(0.5);
  await page.screenshot({ path: join(SHOTS, '1-all-labels.png') });

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(roiRows(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(roiRows(page)).toHaveCount(labels);
  // running it again skips the names already used: nothing added, nothing recorded
  await page.getByRole('button', { name: 'Add all labels' }).click();
  await expect(status).toContainText(`Added 0 label ROIs; ${labels} skipped`);
  await expect(roiRows(page)).toHaveCount(labels);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(roiRows(page)).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the selected ROI shows its area and label overlap; JSON and .label exports hold the CLI vertices', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await openWithTemplate(page);
  await page.getByRole('button', { name: 'Add all labels' }).click();
  await expect(roiRows(page).first()).toBeVisible({ timeout: 60_000 });
  await page.keyboard.press('Control+s');
  await expect(
    page.getByRole('contentinfo', { name: 'Status' }).getByText('Saved', { exact: true }),
  ).toBeVisible();
  const counts = JSON.parse(cli(['rois', '--db', db, '--subject', 'demo', '--json'])) as Record<
    string,
    { lh: number[]; rh: number[] }
  >;
  const v1v = counts['V1v'];
  expect(v1v.lh.length + v1v.rh.length).toBeGreaterThan(0);

  // statistics of the selected ROI: counts like the CLI, an area, and mostly inside its own label
  await page
    .getByRole('listitem', { name: 'ROI V1v', exact: true })
    .getByRole('button', { name: 'V1v', exact: true })
    .click();
  const stats = page.getByRole('region', { name: 'Statistics of V1v' });
  await expect(stats.getByLabel('Vertices per hemisphere')).toHaveText(
    `${v1v.lh.length} lh · ${v1v.rh.length} rh`,
  );
  await expect(stats.getByLabel('Flat area')).toHaveText(/^\d+(\.\d)? mm²$/);
  const top = stats.getByRole('list', { name: 'Overlap with template labels' }).getByRole('listitem').first();
  await expect(top).toContainText('V1v');
  const share = Number(/([\d.]+) %/.exec((await top.textContent()) ?? '')?.[1]);
  console.log(`V1v statistics: ${await stats.getByLabel('Flat area').textContent()}, ${share} % inside V1v`);
  expect(share).toBeGreaterThan(80);
  await stats.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, '2-statistics.png') });

  // JSON of the selected ROI into the default folder (shown in the dialog)
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog).toBeVisible();
  const out = dialog.getByLabel('Output path');
  await expect(out).toHaveValue(join(db, 'demo', 'exports'));
  await expect(dialog.getByText('on the server')).toBeVisible();
  await expect(dialog.getByRole('radio', { name: 'Selected: V1v' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const jsonFile = join(db, 'demo', 'exports', 'demo-rois.json');
  await expect(dialog.getByRole('list', { name: 'Written files' })).toHaveText(jsonFile);
  expect(JSON.parse(readFileSync(jsonFile, 'utf8'))).toEqual({ V1v: v1v });
  await page.screenshot({ path: join(SHOTS, '3-export-json.png') });

  // FreeSurfer labels, one per hemisphere, into another folder
  await dialog.getByLabel('Format').selectOption('label');
  const labelDir = join(db, 'demo', 'labels-e2e');
  await out.fill(labelDir);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const written = dialog.getByRole('list', { name: 'Written files' }).getByRole('listitem');
  const hemis = (['lh', 'rh'] as const).filter((h) => v1v[h].length > 0);
  await expect(written).toHaveText(hemis.map((h) => join(labelDir, `${h}.V1v.label`)));
  for (const h of hemis) {
    const lines = readFileSync(join(labelDir, `${h}.V1v.label`), 'utf8')
      .trim()
      .split('\n');
    expect(Number(lines[1])).toBe(v1v[h].length);
    expect(lines.slice(2).map((l) => Number(l.split(/\s+/)[0]))).toEqual(v1v[h]);
  }
  await page.screenshot({ path: join(SHOTS, '4-export-label.png') });

  // a figure: the folder becomes a .png file name; its template is drawn under the ROIs
  await dialog.getByLabel('Format').selectOption('png');
  const png = join(labelDir, 'demo-flatmap.png');
  await expect(out).toHaveValue(png);
  await dialog.getByLabel('dpi').fill('50');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByRole('list', { name: 'Written files' })).toHaveText(png, { timeout: 60_000 });
  expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');

  // a path outside the database is refused with a clear message, nothing written
  await dialog.getByLabel('Format').selectOption('csv');
  await out.fill('/tmp/not-allowed-roi-studio');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('outside the open database');
  expect(existsSync('/tmp/not-allowed-roi-studio')).toBe(false);
  await page.screenshot({ path: join(SHOTS, '5-export-refused.png') });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  expect(errors).toEqual([]);
});
