import { expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDemo, watchConsole } from './page-helpers.js';
import { demoDatabase, startServe, type Served } from './start-serve.js';

/**
 * "Add transform…" in Chromium against `serve` on a temporary demo database: a refusal names the
 * file and writes nothing; a header alignment writes transforms/<name>/ and the new transform's
 * reference is drawn on the flatmap at once.
 */

let db = '';
let served: Served | null = null;

test.beforeAll(async () => {
  db = await demoDatabase();
  served = await startServe(db);
});

test.afterAll(async () => {
  await served?.stop();
});

test('Add transform… writes the transform, picks it and shows its reference', async ({ page }) => {
  const errors = watchConsole(page);
  await openDemo(page, served!.url);

  await page.getByRole('button', { name: 'Add transform…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add transform' });
  await dialog.getByLabel('Transform name').fill('scanner');
  await dialog.getByLabel('Reference volume').fill(join(db, 'demo', 'overlays.svg'));
  await dialog.getByLabel(/Headers already aligned/).check();
  await dialog.getByRole('button', { name: 'Add transform' }).click();
  await expect(dialog.getByRole('alert')).toContainText(`${join(db, 'demo', 'overlays.svg')}: not a NIfTI`);
  expect(existsSync(join(db, 'demo', 'transforms', 'scanner'))).toBe(false);

  const reference = join(db, 'demo', 'transforms', 'demo2mm', 'reference.nii.gz');
  await dialog.getByLabel('Reference volume').fill(reference);
  await dialog.getByRole('button', { name: 'Add transform' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('combobox', { name: 'Transform', exact: true })).toHaveValue('scanner');
  const shown = join(db, 'demo', 'transforms', 'scanner', 'reference.nii.gz');
  await expect(page.getByRole('combobox', { name: 'Template', exact: true })).toHaveValue(shown, {
    timeout: 90_000,
  });
  expect(readFileSync(shown).equals(readFileSync(reference))).toBe(true);
  const xfm = JSON.parse(readFileSync(join(db, 'demo', 'transforms', 'scanner', 'matrices.xfm'), 'utf8')) as {
    coord: number[][];
    magnet: number[][];
  };
  // a header alignment: magnet = affine · affine⁻¹ = identity
  xfm.magnet.forEach((row, r) => row.forEach((v, c) => expect(v).toBeCloseTo(r === c ? 1 : 0, 9)));
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});
