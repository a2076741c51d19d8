import { expect, type Page } from '@playwright/test';
import { PNG } from 'pngjs';

/** Console errors, except the browser's own line for an HTTP error status (the API's rejections). */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Open the served editor at `target` and wait for the demo subject's flatmap; skip the tour. */
export async function openDemo(page: Page, target: string): Promise<void> {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(target);
  await expect(page.getByRole('combobox', { name: 'Subject', exact: true })).toHaveValue('demo');
  await expect(page.getByRole('application', { name: 'Flatmap' })).toBeVisible();
  await page.waitForFunction(() => (window.__roiStudioFlatmap?.frame().width ?? 0) > 0);
  const tour = page.getByRole('button', { name: 'Skip' });
  if (await tour.isVisible()) await tour.click();
}

/** SVG-frame point → page coordinates through the stage's current view. */
export async function toPage(page: Page, x: number, y: number): Promise<[number, number]> {
  const box = (await page.getByRole('application', { name: 'Flatmap' }).boundingBox())!;
  const v = await page.evaluate(() => window.__roiStudioFlatmap!.view());
  const a = (v.rotation * Math.PI) / 180;
  const [c, n] = [Math.round(Math.cos(a)), Math.round(Math.sin(a))];
  return [box.x + v.x + v.scale * (c * x - n * y), box.y + v.y + v.scale * (n * x + c * y)];
}

export async function frame(page: Page): Promise<{ width: number; height: number }> {
  return page.evaluate(() => window.__roiStudioFlatmap!.frame());
}

/** A freehand circle of radius r (SVG units) around (cx, cy). */
export async function drawCircle(page: Page, cx: number, cy: number, r: number): Promise<void> {
  await page.getByRole('button', { name: 'Freehand' }).click();
  const steps = 64;
  const [x0, y0] = await toPage(page, cx + r, cy);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) {
    const a = (i / steps) * 2 * Math.PI;
    const [x, y] = await toPage(page, cx + r * Math.cos(a), cy + r * Math.sin(a));
    await page.mouse.move(x, y);
  }
  await page.mouse.up();
}

/**
 * How many of the SVG-frame `points` show `rgb` on screen within a few pixels (every canvas
 * layer composited, as the user sees it).
 */
export async function pointsShowing(
  page: Page,
  points: readonly [number, number][],
  rgb: readonly [number, number, number],
): Promise<number> {
  const flatmap = page.getByRole('application', { name: 'Flatmap' });
  const box = (await flatmap.boundingBox())!;
  const png = PNG.sync.read(await flatmap.screenshot());
  const k = png.width / box.width;
  const near = (i: number) => rgb.every((c, j) => Math.abs(png.data[i + j] - c) < 24);
  let hits = 0;
  for (const [x, y] of points) {
    const [px, py] = await toPage(page, x, y);
    const [cx, cy] = [Math.round((px - box.x) * k), Math.round((py - box.y) * k)];
    let seen = false;
    for (let dy = -3; dy <= 3 && !seen; dy++)
      for (let dx = -3; dx <= 3 && !seen; dx++) {
        const [u, v] = [cx + dx, cy + dy];
        seen = u >= 0 && v >= 0 && u < png.width && v < png.height && near(4 * (v * png.width + u));
      }
    if (seen) hits++;
  }
  return hits;
}

export function roiRow(page: Page, name: string) {
  return page.getByRole('listitem', { name: `ROI ${name}`, exact: true });
}

/** Show the demo's prf-visualrois labels unless a template is shown already; wait for its legend. */
export async function showVisualRois(page: Page): Promise<void> {
  const template = page.getByRole('combobox', { name: 'Template', exact: true });
  if ((await template.inputValue()) === '') await template.selectOption({ label: 'prf-visualrois' });
  // the first pixel map of a transform is computed on demand: allow for a slow machine
  await expect(page.getByRole('list', { name: 'Legend' })).toBeVisible({ timeout: 90_000 });
}
