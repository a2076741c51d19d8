import { expect, test } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { missingReference, referencePath } from '../electron/testing/reference-parts.js';
import { openDemo, watchConsole } from './page-helpers.js';
import { demoDatabase, startServe, type Served } from './start-serve.js';

/**
 * Import FreeSurfer subject… in Chromium against `serve`: the real fs-hcp32k FreeSurfer folder
 * becomes a subject of the open (demo) database, the progress bar names the stage, and the new
 * subject opens on its flatmap.
 */

const FS = referencePath('data', 'freesurfer', 'fs-hcp32k');
const FS_MISSING = missingReference('data/freesurfer/fs-hcp32k');

let db = '';
let served: Served | null = null;

test.skip(FS_MISSING !== '', FS_MISSING);

test.beforeAll(async () => {
  db = await demoDatabase();
  served = await startServe(db);
});

test.afterAll(async () => {
  await served?.stop();
});

test('a FreeSurfer folder typed into the form becomes a subject that opens', async ({ page }) => {
  const errors = watchConsole(page);
  await openDemo(page, served!.url);

  await page.getByRole('button', { name: 'Import FreeSurfer subject…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import FreeSurfer subject' });
  await dialog.getByLabel('FreeSurfer folder').fill('/no/such/freesurfer/subj01');
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    'Import failed: /no/such/freesurfer/subj01: no such FreeSurfer subject folder',
  );

  await dialog.getByLabel('FreeSurfer folder').fill(FS);
  await expect(dialog.getByLabel('Subject name')).toHaveAttribute('placeholder', 'fs-hcp32k');
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  await expect(dialog).toBeHidden({ timeout: 120_000 });
  await expect(page.getByRole('combobox', { name: 'Subject', exact: true })).toHaveValue('fs-hcp32k', {
    timeout: 60_000,
  });
  expect(readdirSync(join(db, 'fs-hcp32k')).sort()).toEqual([
    'anatomicals',
    'cache',
    'overlays.svg',
    'surface-info',
    'surfaces',
    'templates',
    'transforms',
    'views',
  ]);
  expect(errors).toEqual([]);
});
