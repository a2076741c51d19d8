import { expect, test } from '@playwright/test';
import { watchConsole } from './page-helpers.js';
import { demoDatabase, startServe, type Served } from './start-serve.js';

/**
 * In Chromium against `serve` on a demo database: a template shown as data takes any of
 * pycortex's colour maps from the searchable picker (the colour bar follows), and Clip to
 * cortex switches on and off beside the other ROI display toggles.
 */
let served: Served | null = null;

test.beforeAll(async () => {
  served = await startServe(await demoDatabase());
});

test.afterAll(async () => {
  await served?.stop();
});

test("pycortex's colour maps by name, and Clip to cortex", async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(served!.url);
  const tour = page.getByRole('button', { name: 'Skip' });
  if (await tour.isVisible()) await tour.click();
  const template = page.getByRole('combobox', { name: 'Template', exact: true });
  await expect(page.getByRole('combobox', { name: 'Transform', exact: true })).not.toHaveValue('');
  if ((await template.inputValue()) === '') await template.selectOption({ label: 'prf-visualrois' });
  await expect(page.getByRole('list', { name: 'Legend' })).toBeVisible({ timeout: 90_000 });
  await page.getByRole('combobox', { name: 'Show as' }).selectOption('data');

  const maps = page.getByRole('listbox', { name: 'Colour map' }).getByRole('option');
  await expect(maps).toHaveCount(168);
  await page.getByRole('searchbox', { name: 'Find colour map' }).fill('j4');
  await expect(maps).toHaveText(['J4', 'J4R', 'J4s']);
  await page.getByRole('searchbox', { name: 'Find colour map' }).press('Enter');
  await expect(page.getByRole('option', { name: 'J4', exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  // the colour bar starts with pycortex's J4 dark blue
  const ramp = page.locator('.colorbar-ramp');
  await expect(ramp).toHaveAttribute('style', /rgb\(22, 22, 117\) 0%/);

  const clip = page.getByRole('checkbox', { name: 'Clip to cortex' });
  await expect(clip).not.toBeChecked();
  await clip.check();
  await expect(clip).toBeChecked();
  await clip.uncheck();
  await expect(clip).not.toBeChecked();
  expect(errors).toEqual([]);
});
