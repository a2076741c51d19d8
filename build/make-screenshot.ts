// Writes docs/screenshot.png, the README's picture of the editor: `serve` on a copy of the real
// HCP subject sub-hcp32k (../shared, see electron/testing/shared-data.ts), the NSD-style
// prf-visualrois template shown and every label outlined as a named ROI, V1 selected.
// Run after `npm run build:renderer`:  npx tsx build/make-screenshot.ts
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chooseChromium } from '../e2e/chromium.js';
import { startServe } from '../e2e/start-serve.js';
import { SHARED, SKIP_REASON, copyToTemp } from '../electron/testing/shared-data.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'docs', 'screenshot.png');
// the first pixel map of a transform is computed on demand: allow for a slow machine
const SLOW = 180_000;

if (!SHARED) throw new Error(`the screenshot shows sub-hcp32k: ${SKIP_REASON}`);
const server = await startServe(await copyToTemp(['sub-hcp32k']));
const browser = await chromium.launch({
  executablePath: chooseChromium().executablePath,
  args: CHROMIUM_ARGS,
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  await page.goto(server.url);
  await page.waitForFunction(() => (window.__roiStudioFlatmap?.frame().width ?? 0) > 0, null, {
    timeout: SLOW,
  });
  const tour = page.getByRole('button', { name: 'Skip' });
  if (await tour.isVisible()) await tour.click();

  await page
    .getByRole('combobox', { name: 'Template', exact: true })
    .selectOption({ label: 'prf-visualrois' });
  await page.getByRole('list', { name: 'Legend' }).waitFor({ timeout: SLOW });
  await page.getByRole('button', { name: 'Add all labels' }).click();
  const v1 = page.getByRole('listitem', { name: 'ROI V1', exact: true });
  await v1.waitFor({ timeout: SLOW });
  await v1.locator('button.roi-name').click();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  // zoom towards the occipital pole, where the visual areas are
  const map = (await page.getByRole('application', { name: 'Flatmap' }).boundingBox())!;
  await page.mouse.move(map.x + map.width * 0.5, map.y + map.height * 0.5);
  for (let i = 0; i < 2; i++) await page.mouse.wheel(0, -150);
  // the status bar reads out the vertex, voxel and label under the cursor
  await page.mouse.move(map.x + map.width * 0.45, map.y + map.height * 0.5);
  await page.waitForTimeout(1500); // let the zoomed view and the sharper images paint

  mkdirSync(dirname(OUT), { recursive: true });
  await page.screenshot({ path: OUT });
  console.log(`${OUT}: ${Math.round(statSync(OUT).size / 1024)} KB`);
} finally {
  await browser.close();
  await server.stop();
}
