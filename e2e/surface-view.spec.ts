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
  const hemi = /(lh|rh)/.exec((await status.textContent()) ?? '')![1];
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

  // hovering the surface reports the vertex drawn there, with its label as on the flatmap, beside
  // the flatmap's own readout, and marks it too
  const status3d = page.getByLabel('Under the 3-D cursor');
  await expect(status3d).toContainText('Move over the 3-D view');
  const local = (v: number) => (v < 32492 ? v : v - 32492);
  await page.mouse.move(canvas.x + checked[1].xy[0], canvas.y + checked[1].xy[1]);
  await expect(status3d).toContainText(`vertex ${local(checked[1].v)}`);
  await expect(status3d).toContainText(/V\d|LO\d/);
  await expect(status).toContainText(`vertex ${reported}`);
  await expect
    .poll(() =>
      page.evaluate((v) => {
        const c = window.__roiStudioSurface!.colours()!;
        return [c[4 * v], c[4 * v + 1], c[4 * v + 2]];
      }, checked[1].v),
    )
    .toEqual([0, 255, 255]);

  // a click on the surface reports the vertex under it (the nearest of the drawn mesh)
  const target = checked[0];
  await page.mouse.click(canvas.x + target.xy[0], canvas.y + target.xy[1]);
  await expect(status3d).toContainText(`vertex ${local(target.v)}`);

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

/** Open the page on the served subject, the tour skipped; false when this Chromium has no WebGL2. */
async function openSubject(page: Page): Promise<boolean> {
  await page.setViewportSize({ width: 1400, height: 860 });
  await page.goto(server!.url);
  if (!(await webgl2(page))) return false;
  await page.waitForFunction(() => (window.__roiStudioFlatmap?.frame().width ?? 0) > 0);
  const tour = page.getByRole('button', { name: 'Skip' });
  if (await tour.isVisible()) await tour.click();
  return true;
}

/** The frame is centred on the flatmap's stage and fills it to the 16-px margin on one side. */
async function flatmapFitted(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const map = window.__roiStudioFlatmap!;
    const v = map.view();
    const f = map.frame();
    const [sw, sh] = [map.scene.stage.width(), map.scene.stage.height()];
    const scale = Math.min((sw - 32) / f.width, (sh - 32) / f.height);
    const centre = [v.x + (v.scale * f.width) / 2, v.y + (v.scale * f.height) / 2];
    return (
      Math.abs(v.scale - scale) < 1e-6 * scale &&
      Math.abs(centre[0] - sw / 2) < 0.5 &&
      Math.abs(centre[1] - sh / 2) < 0.5
    );
  });
}

test('the flatmap refits when the 3-D panel opens, is resized and closes', async ({ page }) => {
  test.skip(!(await openSubject(page)), 'WebGL2 is not available in this Chromium');
  const width = () => page.evaluate(() => window.__roiStudioFlatmap!.scene.stage.width());
  const full = await width();
  // a zoom of the user's own is replaced by the fit of the new room
  await page.evaluate(() => {
    const map = window.__roiStudioFlatmap!;
    map.setView({ ...map.view(), scale: map.view().scale * 3 });
  });
  await page.getByRole('button', { name: '3-D view' }).click();
  await expect.poll(width).toBeLessThan(full * 0.7);
  await expect.poll(() => flatmapFitted(page)).toBe(true);

  const divider = (await page.getByRole('separator', { name: 'Resize the 3-D view' }).boundingBox())!;
  const narrow = await width();
  await page.mouse.move(divider.x + divider.width / 2, divider.y + divider.height / 2);
  await page.mouse.down();
  await page.mouse.move(divider.x + 150, divider.y + divider.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(width).toBeGreaterThan(narrow + 100);
  await expect.poll(() => flatmapFitted(page)).toBe(true);

  await page.getByRole('button', { name: '3-D view' }).click();
  await expect.poll(width).toBe(full);
  await expect.poll(() => flatmapFitted(page)).toBe(true);
});

/**
 * Each standard view, for each hemisphere shown alone, faces the side it names: the vertex
 * furthest towards that side (lateral of the left hemisphere: smallest x) is the one drawn at
 * its own place, as hovering there reports.
 */
test('standard views: each looks at the side it names, for the left and the right hemisphere', async ({
  page,
}) => {
  test.skip(!(await openSubject(page)), 'WebGL2 is not available in this Chromium');
  await page.getByRole('button', { name: '3-D view' }).click();
  const panel = page.getByRole('region', { name: '3-D view' });
  await page.waitForFunction(() => window.__roiStudioSurface?.ready() === true, null, { timeout: 60_000 });
  const canvas = (await panel.locator('canvas').boundingBox())!;
  const status3d = page.getByLabel('Under the 3-D cursor');
  // axis (x right, y anterior, z superior) and sign of the side each view faces, per hemisphere
  const sides = {
    lateral: { lh: [0, -1], rh: [0, 1] },
    medial: { lh: [0, 1], rh: [0, -1] },
    dorsal: { lh: [2, 1], rh: [2, 1] },
    ventral: { lh: [2, -1], rh: [2, -1] },
    anterior: { lh: [1, 1], rh: [1, 1] },
    posterior: { lh: [1, -1], rh: [1, -1] },
  } as const;
  for (const hemi of ['lh', 'rh'] as const) {
    await panel.getByRole('combobox', { name: 'Hemispheres' }).selectOption(hemi);
    for (const [view, side] of Object.entries(sides)) {
      await panel.getByRole('combobox', { name: 'Camera' }).selectOption(view);
      const [axis, sign] = side[hemi];
      const seen = await page.evaluate(
        ([axis, sign, hemi]) => {
          const s = window.__roiStudioSurface!;
          const p = s.positions()!;
          const nL = 32492;
          const [first, end] = hemi === 'lh' ? [0, nL] : [nL, p.length / 3];
          let best = first;
          for (let v = first; v < end; v++) if (sign * p[3 * v + axis] > sign * p[3 * best + axis]) best = v;
          return { vertex: best - first, xy: s.project(best)! };
        },
        [axis, sign, hemi] as const,
      );
      expect(seen.xy[0], `${hemi} ${view}`).toBeGreaterThan(0);
      expect(seen.xy[0], `${hemi} ${view}`).toBeLessThan(canvas.width);
      expect(seen.xy[1], `${hemi} ${view}`).toBeGreaterThan(0);
      expect(seen.xy[1], `${hemi} ${view}`).toBeLessThan(canvas.height);
      await page.mouse.move(canvas.x + seen.xy[0], canvas.y + seen.xy[1]);
      await expect(status3d, `${hemi} ${view}`).toContainText(`${hemi}`);
      await expect(status3d, `${hemi} ${view}`).toContainText(new RegExp(`vertex ${seen.vertex}(?!\\d)`));
      await page.mouse.move(canvas.x - 20, canvas.y - 20);
    }
  }
});
