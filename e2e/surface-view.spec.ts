import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHARED, SKIP_REASON, copyToTemp } from '../electron/testing/shared-data.js';
import { startServe, type Served } from './start-serve.js';

/**
 * The 3-D view end to end in Chromium against `serve` on a copy of sub-hcp32k: open the panel,
 * switch the template, hover the flatmap, and read the colour drawn under known vertices back
 * from a screenshot (unlit, so each vertex's layer colour reaches the screen unchanged).
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = join(ROOT, 'test-results', 'surface-view');

let server: Served | null = null;

test.describe.configure({ mode: 'serial' });
test.skip(!SHARED, SKIP_REASON);

test.beforeAll(async () => {
  server = await startServe(await copyToTemp(['sub-hcp32k']));
});

test.afterAll(async () => {
  await server?.stop();
});

async function webgl2(page: Page): Promise<boolean> {
  return page.evaluate(() => !!document.createElement('canvas').getContext('webgl2'));
}

/** Pixel (r, g, b) at CSS point (x, y) of a PNG screenshot of the page. */
async function pixelAt(page: Page, x: number, y: number): Promise<[number, number, number]> {
  const shot = await page.screenshot({ clip: { x: Math.round(x), y: Math.round(y), width: 1, height: 1 } });
  const { PNG } = await import('pngjs');
  const png = PNG.sync.read(shot);
  return [png.data[0], png.data[1], png.data[2]];
}

test('3-D view: opens, switches template, follows the flatmap cursor, draws each vertex in its layer colour', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 860 });
  await page.goto(server!.url);
  test.skip(
    !(await webgl2(page)),
    'WebGL2 is not available in this Chromium with the flags of e2e/chromium.ts',
  );
  await expect(page.getByRole('combobox', { name: 'Subject', exact: true })).toHaveValue('sub-hcp32k');
  await page.waitForFunction(() => (window.__roiStudioFlatmap?.frame().width ?? 0) > 0);
  const tour = page.getByRole('button', { name: 'Skip' });
  if (await tour.isVisible()) await tour.click();

  await page.getByRole('button', { name: '3-D view' }).click();
  const panel = page.getByRole('region', { name: '3-D view' });
  await expect(panel).toBeVisible();
  await page.waitForFunction(() => window.__roiStudioSurface?.ready() === true, null, { timeout: 60_000 });
  await panel.getByLabel('Unlit').check();

  // a label template: vertices take its label colours through pycortex's nearest mapper
  await page
    .getByRole('combobox', { name: 'Template', exact: true })
    .selectOption({ label: 'prf-visualrois' });
  await page.waitForFunction(() => {
    const c = window.__roiStudioSurface?.colours();
    if (!c) return false;
    // some vertex is no longer a curvature grey
    for (let i = 0; i < c.length; i += 4) if (c[i] !== c[i + 1] || c[i + 1] !== c[i + 2]) return true;
    return false;
  });
  await panel.getByRole('combobox', { name: 'Camera' }).selectOption('posterior');
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, 'posterior.png') });

  // the colour on screen under vertices facing the camera equals their layer colour
  const canvas = (await panel.locator('canvas').boundingBox())!;
  const checked = await page.evaluate(() => {
    const s = window.__roiStudioSurface!;
    const p = s.positions()!;
    const c = s.colours()!;
    // the most posterior coloured vertices: nothing in front of them from behind the head
    const order = Array.from({ length: p.length / 3 }, (_, v) => v).sort(
      (a, b) => p[3 * a + 1] - p[3 * b + 1],
    );
    const picks: { v: number; xy: [number, number]; rgb: number[] }[] = [];
    for (const v of order) {
      if (c[4 * v] === c[4 * v + 1] && c[4 * v + 1] === c[4 * v + 2]) continue;
      picks.push({ v, xy: s.project(v)!, rgb: [c[4 * v], c[4 * v + 1], c[4 * v + 2]] });
      if (picks.length === 3) break;
    }
    return picks;
  });
  expect(checked.length).toBe(3);
  // from behind, the subject's left is on the left: the most lateral vertex of each hemisphere
  const sides = await page.evaluate(() => {
    const s = window.__roiStudioSurface!;
    const p = s.positions()!;
    let left = 0;
    let right = 0;
    for (let v = 0; v < p.length / 3; v++) {
      if (p[3 * v] < p[3 * left]) left = v;
      if (p[3 * v] > p[3 * right]) right = v;
    }
    return [s.project(left)![0], s.project(right)![0]];
  });
  expect(sides[0]).toBeLessThan(canvas.width / 2);
  expect(sides[1]).toBeGreaterThan(canvas.width / 2);
  for (const pick of checked) {
    const seen = await pixelAt(page, canvas.x + pick.xy[0], canvas.y + pick.xy[1]);
    for (let k = 0; k < 3; k++) expect(Math.abs(seen[k] - pick.rgb[k])).toBeLessThanOrEqual(24);
  }

  // hovering the flatmap marks the vertex the status bar reports
  const flat = (await page.getByRole('application', { name: 'Flatmap' }).boundingBox())!;
  await page.mouse.move(flat.x + flat.width * 0.3, flat.y + flat.height * 0.5);
  const status = page.getByLabel('Under the cursor');
  await expect(status).toContainText('vertex');
  const reported = Number(/vertex (\d+)/.exec((await status.textContent()) ?? '')![1]);
  const hemi = /^\s*(lh|rh)/.exec((await status.textContent()) ?? '')![1];
  const v = reported + (hemi === 'rh' ? 32492 : 0);
  await expect
    .poll(() =>
      page.evaluate((v) => {
        const c = window.__roiStudioSurface!.colours()!;
        return [c[4 * v], c[4 * v + 1], c[4 * v + 2]];
      }, v),
    )
    .toEqual([0, 255, 255]);
  await page.screenshot({ path: join(SHOTS, 'hover.png') });

  // hovering the surface reports the vertex drawn there, with its label as on the flatmap
  const local = (v: number) => (v < 32492 ? v : v - 32492);
  await page.mouse.move(canvas.x + checked[1].xy[0], canvas.y + checked[1].xy[1]);
  await expect(status).toContainText(`vertex ${local(checked[1].v)}`);
  await expect(status).toContainText(/V\d|LO\d/);

  // a click on the surface reports the vertex under it (the nearest of the drawn mesh)
  const target = checked[0];
  await page.mouse.click(canvas.x + target.xy[0], canvas.y + target.xy[1]);
  await expect(status).toContainText(`vertex ${local(target.v)}`);

  // Export PNG: the canvas as drawn, with a transparent background when asked
  await panel.getByLabel('Transparent').check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Export PNG' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('sub-hcp32k-3d.png');
  const { PNG } = await import('pngjs');
  const png = PNG.sync.read(readFileSync(await download.path()));
  const size = await panel.locator('canvas').evaluate((c: HTMLCanvasElement) => [c.width, c.height]);
  expect([png.width, png.height]).toEqual(size);
  expect(png.data[3]).toBe(0); // a corner: background
  const at = (x: number, y: number) => 4 * (Math.round(y) * png.width + Math.round(x));
  const dpr = size[0] / canvas.width;
  const k = at(checked[0].xy[0] * dpr, checked[0].xy[1] * dpr);
  expect(png.data[k + 3]).toBe(255); // the cortex is opaque
});
