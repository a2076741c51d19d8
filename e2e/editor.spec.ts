import { expect, test } from '@playwright/test';
import { appendFileSync, copyFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom';
import { GOLDEN, SHARED, SKIP_REASON, copyToTemp } from '../electron/testing/shared-data.js';
import { pycortexLabelPosition } from '../shared/figure/pycortex-label-position.js';
import { pathNodes } from '../shared/formats/path-nodes.js';
import { parsePath, type Segment } from '../shared/formats/svg-path.js';
import { labelPosition } from '../shared/roi/label-position.js';
import { parsePycortexPath } from '../shared/roi/pycortex-path.js';
import {
  drawCircle,
  frame,
  openDemo,
  pointsShowing,
  roiRow,
  showVisualRois,
  toPage,
  watchConsole,
} from './page-helpers.js';
import { cli, demoDatabase, startServe, type Served } from './start-serve.js';

/**
 * The editor end to end in Chromium against `serve` on a temporary demo database: open, pick,
 * draw, name, save, reload; edit with undo/redo; rename and delete; the stale-file conflict.
 * Vertex counts shown in the UI are checked against `roi-studio rois --json`.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = join(ROOT, 'test-results', 'editor');

let db = '';
let url = '';
let server: Served | null = null;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  db = await demoDatabase();
  server = await startServe(db);
  url = server.url;
});

test.afterAll(async () => {
  await server?.stop();
});

const SVG = 'http://www.w3.org/2000/svg';
/** the selected outline's stroke, #ffcc33 (renderer/canvas/flatmap-scene.ts) */
const SELECTED_RGB = [0xff, 0xcc, 0x33] as const;
const INKSCAPE = 'http://www.inkscape.org/namespaces/inkscape';

/**
 * A layer's shapes as pycortex reads them (pycortex-formats.md §6.3): the root's direct `<g>`
 * labelled `layer`, its first direct `<g>` labelled `shapes`, that group's direct `<g>` children
 * by label, and their direct `<path>` children's `d`.
 */
function pycortexShapes(svgText: string, layer: string): Map<string, string[]> {
  const root = new DOMParser().parseFromString(svgText, 'text/xml').documentElement!;
  const children = (el: XmlElement, local: string) =>
    Array.from(el.childNodes).filter(
      (n): n is XmlElement =>
        n.nodeType === 1 && (n as XmlElement).namespaceURI === SVG && (n as XmlElement).localName === local,
    );
  const label = (el: XmlElement) => el.getAttributeNS(INKSCAPE, 'label');
  const top = children(root, 'g').find((g) => label(g) === layer);
  const shapes = top && children(top, 'g').find((g) => label(g) === 'shapes');
  const out = new Map<string, string[]>();
  for (const g of shapes ? children(shapes, 'g') : [])
    out.set(
      label(g) ?? '',
      children(g, 'path').map((p) => p.getAttribute('d') ?? ''),
    );
  return out;
}

function cliCounts(database = db, subject = 'demo'): Record<string, { lh: number[]; rh: number[] }> {
  return JSON.parse(cli(['rois', '--db', database, '--subject', subject, '--json'])) as Record<
    string,
    { lh: number[]; rh: number[] }
  >;
}

test('open, pick, draw a freehand ROI, name it, save, reload: the count matches the CLI', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await openDemo(page, url);
  const transform = page.getByRole('combobox', { name: 'Transform', exact: true });
  await expect(transform).not.toHaveValue('');
  const template = page.getByRole('combobox', { name: 'Template', exact: true });
  const options = await template.locator('option').allTextContents();
  expect(options).toContain('prf-visualrois');
  await template.selectOption({ label: 'prf-visualrois' });
  // the first pixel map of a transform is computed on demand: allow for a slow machine
  await expect(page.getByRole('list', { name: 'Legend' })).toBeVisible({ timeout: 90_000 });
  await page.screenshot({ path: join(SHOTS, '1-template.png') });

  const f = await frame(page);
  await drawCircle(page, f.width * 0.27, f.height * 0.5, f.height * 0.08);
  const name = page.getByLabel('ROI name', { exact: true });
  await expect(name).toBeVisible();
  await name.fill('bad/name');
  await expect(page.getByRole('alert').filter({ hasText: 'use only letters' })).toBeVisible();
  await name.fill('e2e V1');
  await name.press('Enter');
  await expect(roiRow(page, 'e2e V1')).toBeVisible();
  // the outline is painted where it was drawn (the selected ROI's stroke), and not beside it
  const ring = (k: number) =>
    Array.from({ length: 16 }, (_, i): [number, number] => {
      const a = (i / 16) * 2 * Math.PI;
      return [
        f.width * 0.27 + k * f.height * 0.08 * Math.cos(a),
        f.height * 0.5 + k * f.height * 0.08 * Math.sin(a),
      ];
    });
  expect(await pointsShowing(page, ring(1), SELECTED_RGB)).toBeGreaterThanOrEqual(14);
  expect(await pointsShowing(page, ring(1.6), SELECTED_RGB)).toBe(0);
  await expect(page.getByText('Unsaved changes').first()).toBeVisible();
  await page.screenshot({ path: join(SHOTS, '2-drawn.png') });

  await page.keyboard.press('Control+s');
  await expect(
    page.getByRole('contentinfo', { name: 'Status' }).getByText('Saved', { exact: true }),
  ).toBeVisible();
  const svg = readFileSync(join(db, 'demo', 'overlays.svg'), 'utf8');
  expect(svg).toContain('inkscape:label="e2e V1"');

  await page.reload();
  await openDemo(page, page.url());
  const row = roiRow(page, 'e2e V1');
  await expect(row).toBeVisible();
  const counts = cliCounts()['e2e V1'];
  expect(counts.lh.length).toBeGreaterThan(0);
  await expect(row.getByLabel('Vertices of e2e V1')).toHaveText(
    `${counts.lh.length} lh · ${counts.rh.length} rh`,
  );
  await page.screenshot({ path: join(SHOTS, '3-reloaded.png') });
  expect(errors).toEqual([]);
});

test('edit a node, undo, redo', async ({ page }) => {
  const errors = watchConsole(page);
  await openDemo(page, url);
  const f = await frame(page);
  const cx = f.width * 0.27;
  const cy = f.height * 0.5;
  const r = f.height * 0.08;
  const count = roiRow(page, 'e2e V1').getByLabel('Vertices of e2e V1');
  const before = await count.textContent();

  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const [ix, iy] = await toPage(page, cx, cy);
  await page.mouse.click(ix, iy);
  await expect(roiRow(page, 'e2e V1').getByRole('button', { name: 'e2e V1', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  // press on the outline (inserts a node there) and drag it outwards
  const [ex, ey] = await toPage(page, cx - r, cy);
  const [tx, ty] = await toPage(page, cx - 2.2 * r, cy);
  await page.mouse.move(ex, ey);
  await page.mouse.down();
  await page.mouse.move((ex + tx) / 2, ey, { steps: 4 });
  await page.mouse.move(tx, ty, { steps: 4 });
  await page.mouse.up();
  await expect(count).not.toHaveText(before!);
  const edited = await count.textContent();
  await page.screenshot({ path: join(SHOTS, '4-edited.png') });

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(count).toHaveText(before!);
  await page.keyboard.press('Control+Shift+Z');
  await expect(count).toHaveText(edited!);
  await page.keyboard.press('Control+z');
  await expect(count).toHaveText(before!);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(count).toHaveText(edited!);
  // unsaved changes are the Save button's description; its name stays "Save"
  const saveButton = page.getByRole('button', { name: 'Save', exact: true });
  await expect(saveButton).toHaveAccessibleDescription('Unsaved changes');
  await saveButton.click();
  await expect(
    page.getByRole('contentinfo', { name: 'Status' }).getByText('Saved', { exact: true }),
  ).toBeVisible();
  await expect(saveButton).toHaveAccessibleDescription('Save to overlays.svg (Ctrl/Cmd+S)');
  const cliNow = cliCounts()['e2e V1'];
  await expect(count).toHaveText(`${cliNow.lh.length} lh · ${cliNow.rh.length} rh`);
  expect(errors).toEqual([]);
});

test('rename and delete', async ({ page }) => {
  const errors = watchConsole(page);
  await openDemo(page, url);
  await page.getByRole('button', { name: 'Rename e2e V1' }).click();
  const field = page.getByLabel('New ROI name');
  await field.fill('e2e V2');
  await field.press('Enter');
  await expect(roiRow(page, 'e2e V2')).toBeVisible();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(
    page.getByRole('contentinfo', { name: 'Status' }).getByText('Saved', { exact: true }),
  ).toBeVisible();
  let rois = cliCounts();
  expect(Object.keys(rois)).toContain('e2e V2');
  expect(Object.keys(rois)).not.toContain('e2e V1');

  await page.getByRole('button', { name: 'Delete e2e V2' }).click();
  await expect(roiRow(page, 'e2e V2')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(roiRow(page, 'e2e V2')).toBeVisible();
  await page.getByRole('button', { name: 'Delete e2e V2' }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(
    page.getByRole('contentinfo', { name: 'Status' }).getByText('Saved', { exact: true }),
  ).toBeVisible();
  rois = cliCounts();
  expect(Object.keys(rois)).not.toContain('e2e V2');
  expect(errors).toEqual([]);
});

test('a file changed on disk: save refuses, then save as or reload', async ({ page }) => {
  const errors = watchConsole(page);
  await openDemo(page, url);
  const f = await frame(page);
  await drawCircle(page, f.width * 0.73, f.height * 0.5, f.height * 0.06);
  await page.getByLabel('ROI name', { exact: true }).fill('conflicted');
  await page.getByLabel('ROI name', { exact: true }).press('Enter');
  await expect(roiRow(page, 'conflicted')).toBeVisible();

  const overlay = join(db, 'demo', 'overlays.svg');
  appendFileSync(overlay, '\n<!-- edited elsewhere -->\n');
  await page.getByRole('button', { name: 'Save' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'overlays.svg changed on disk' });
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: join(SHOTS, '5-conflict.png') });

  const copy = join(db, 'demo', 'overlays.mine.svg');
  await dialog.getByLabel('Save as file').fill(copy);
  await dialog.getByRole('button', { name: 'Save as' }).click();
  await expect(dialog).toHaveCount(0);
  expect(existsSync(copy)).toBe(true);
  expect(readFileSync(copy, 'utf8')).toContain('inkscape:label="conflicted"');
  expect(readFileSync(overlay, 'utf8')).not.toContain('inkscape:label="conflicted"');

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Reload from disk' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(roiRow(page, 'conflicted')).toHaveCount(0);
  await expect(
    page.getByRole('contentinfo', { name: 'Status' }).getByText('Saved', { exact: true }),
  ).toBeVisible();
  expect(errors).toEqual([]);
});

test('Open database: a wrong folder gives a clear message, the right one lists its subjects', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await openDemo(page, url);
  const field = page.getByRole('combobox', { name: 'Open database' });
  await field.fill(join(db, 'no-such-folder'));
  await field.press('Enter');
  const alert = page.getByRole('alert').filter({ hasText: 'Could not open' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('no-such-folder');
  await expect(page.getByRole('application', { name: 'Flatmap' })).toBeVisible();
  await page.screenshot({ path: join(SHOTS, '9-bad-database.png') });
  await field.fill(db);
  await field.press('Enter');
  await expect(alert).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Subject', exact: true })).toHaveValue('demo');
  expect(errors).toEqual([]);
});

test('a rotated view is display-only: the same polygon selects the same vertices at 0° and 90°', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await openDemo(page, url);
  const f = await frame(page);
  const nodes: [number, number][] = [
    [0.3, 0.62],
    [0.38, 0.6],
    [0.4, 0.7],
    [0.33, 0.75],
    [0.28, 0.7],
  ].map(([u, v]) => [u * f.width, v * f.height]);
  const drawPolygon = async (name: string) => {
    await page.getByRole('button', { name: 'Polygon' }).click();
    for (const [x, y] of nodes) {
      const [px, py] = await toPage(page, x, y);
      await page.mouse.click(px, py);
    }
    await page.keyboard.press('Enter');
    await page.getByLabel('ROI name', { exact: true }).fill(name);
    await page.getByLabel('ROI name', { exact: true }).press('Enter');
    await expect(roiRow(page, name)).toBeVisible();
  };
  await drawPolygon('rot0');
  await page.getByRole('button', { name: 'Rotate right' }).click();
  await expect.poll(() => page.evaluate(() => window.__roiStudioFlatmap!.view().rotation)).toBe(90);
  // the zoom keys step about the centre; fitting again restores the view the drawing expects
  const fitted = await page.evaluate(() => window.__roiStudioFlatmap!.view().scale);
  await page.keyboard.press('+');
  await expect
    .poll(() => page.evaluate(() => window.__roiStudioFlatmap!.view().scale))
    .toBeCloseTo(fitted * 1.25, 6);
  await page.keyboard.press('0');
  await expect
    .poll(() => page.evaluate(() => window.__roiStudioFlatmap!.view().scale))
    .toBeCloseTo(fitted, 6);
  await drawPolygon('rot90');
  await page.screenshot({ path: join(SHOTS, '10-rotated.png') });
  const count0 = await roiRow(page, 'rot0').getByLabel('Vertices of rot0').textContent();
  expect(count0).toMatch(/^[1-9]\d* lh · 0 rh$/);
  await expect(roiRow(page, 'rot90').getByLabel('Vertices of rot90')).toHaveText(count0!);
  await page.keyboard.press('Control+s');
  await expect(
    page.getByRole('contentinfo', { name: 'Status' }).getByText('Saved', { exact: true }),
  ).toBeVisible();
  const rois = cliCounts();
  expect(rois['rot90']).toEqual(rois['rot0']);
  await page.getByRole('button', { name: 'Rotate left' }).click();
  await page.getByRole('button', { name: 'Delete rot0' }).click();
  await page.getByRole('button', { name: 'Delete rot90' }).click();
  await page.keyboard.press('Control+s');
  await expect(
    page.getByRole('contentinfo', { name: 'Status' }).getByText('Saved', { exact: true }),
  ).toBeVisible();
  expect(errors).toEqual([]);
});

test('a template label outlined as an ROI selects that label, and can be undone', async ({ page }) => {
  const errors = watchConsole(page);
  await openDemo(page, url);
  await showVisualRois(page);
  const legend = page.getByRole('list', { name: 'Legend' });
  await legend.getByRole('button', { name: /V1v/ }).click();
  await legend.getByRole('button', { name: 'Outline V1v as ROI' }).click();
  const row = roiRow(page, 'V1v');
  await expect(row).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Jaccard' })).toBeVisible();
  await expect(row.getByLabel('Vertices of V1v')).toHaveText(/^[1-9]\d* lh · [1-9]\d* rh$/);
  await page.screenshot({ path: join(SHOTS, '11-traced.png') });
  // the autosave (every 4 s) stores the traced ROI as a draft…
  await expect.poll(() => server!.drafts(), { timeout: 10_000 }).toHaveLength(1);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(row).toHaveCount(0);
  // …and undoing back to the file as saved removes it at once, not at the next tick, so the next
  // test is not offered the traced ROI back
  await expect.poll(() => server!.drafts(), { timeout: 2_000 }).toEqual([]);
  expect(errors).toEqual([]);
});

test('unsaved edits are kept as a draft and offered back after a reload', async ({ page }) => {
  const errors = watchConsole(page);
  page.on('dialog', (d) => void d.accept()); // "leave with unsaved changes?"
  await openDemo(page, url);
  const f = await frame(page);
  await drawCircle(page, f.width * 0.2, f.height * 0.3, f.height * 0.05);
  await page.getByLabel('ROI name', { exact: true }).fill('drafted');
  await page.getByLabel('ROI name', { exact: true }).press('Enter');
  await expect(roiRow(page, 'drafted')).toBeVisible();
  await expect.poll(() => server!.drafts(), { timeout: 10_000 }).toHaveLength(1); // the autosave runs every 4 s
  await page.reload();
  await openDemo(page, page.url());
  await expect(roiRow(page, 'drafted')).toHaveCount(0);
  const banner = page.getByRole('status').filter({ hasText: 'Unsaved changes to demo' });
  await expect(banner).toBeVisible();
  await page.screenshot({ path: join(SHOTS, '8-draft.png') });
  await banner.getByRole('button', { name: 'Restore' }).click();
  await expect(roiRow(page, 'drafted')).toBeVisible();
  await expect(page.getByText('Unsaved changes').first()).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(roiRow(page, 'drafted')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a real subject (S1): saved ROIs with pycortex counts; a new ROI saved and counted like the CLI', async ({
  page,
}) => {
  test.skip(!SHARED, SKIP_REASON);
  test.setTimeout(300_000);
  const errors = watchConsole(page);
  const s1 = await copyToTemp(['S1']);
  // S1 comes without an overlay; pycortex's own one with the lab's Inkscape-drawn ROIs
  copyFileSync(join(GOLDEN, 'S1', 'overlays-rois.svg'), join(s1, 'S1', 'overlays.svg'));
  const served = await startServe(s1);
  try {
    await page.setViewportSize({ width: 1400, height: 860 });
    await page.goto(served.url);
    await expect(page.getByRole('combobox', { name: 'Subject', exact: true })).toHaveValue('S1');
    await page.waitForFunction(() => (window.__roiStudioFlatmap?.frame().width ?? 0) > 0, undefined, {
      timeout: 240_000,
    });
    const before = cliCounts(s1, 'S1');
    const v1 = before['V1'];
    await expect(roiRow(page, 'V1').getByLabel('Vertices of V1')).toHaveText(
      `${v1.lh.length} lh · ${v1.rh.length} rh`,
      {
        timeout: 60_000,
      },
    );
    await page.screenshot({ path: join(SHOTS, '6-s1.png') });
    // pycortex's labels: one per path (so both hemispheres' FFA), where pycortex's figures put them
    const ffa = pycortexShapes(readFileSync(join(s1, 'S1', 'overlays.svg'), 'utf8'), 'rois').get('FFA')!;
    const placed = await page.evaluate(() =>
      window.__roiStudioFlatmap!.scene.labelPlacements().filter((l) => l.text === 'FFA'),
    );
    expect(placed).toHaveLength(2);
    ffa.forEach((d, i) => {
      const [x, y] = pycortexLabelPosition(d)!;
      expect(placed[i].x).toBeCloseTo(x, 6);
      expect(placed[i].y).toBeCloseTo(y, 6);
    });

    const f = await frame(page);
    await drawCircle(page, f.width * 0.3, f.height * 0.35, f.height * 0.05);
    await page.getByLabel('ROI name', { exact: true }).fill('e2e S1');
    await page.getByLabel('ROI name', { exact: true }).press('Enter');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(
      page.getByRole('contentinfo', { name: 'Status' }).getByText('Saved', { exact: true }),
    ).toBeVisible();
    const after = cliCounts(s1, 'S1');
    const mine = after['e2e S1'];
    expect(mine.lh.length + mine.rh.length).toBeGreaterThan(0);
    await expect(roiRow(page, 'e2e S1').getByLabel('Vertices of e2e S1')).toHaveText(
      `${mine.lh.length} lh · ${mine.rh.length} rh`,
    );
    // the other ROIs are untouched
    expect(after['V1']).toEqual(before['V1']);
    await page.screenshot({ path: join(SHOTS, '7-s1-saved.png') });

    // drag one node of the left FFA (a curved Inkscape path): saving rewrites its two segments only
    const file = join(s1, 'S1', 'overlays.svg');
    const text = readFileSync(file, 'utf8');
    const lh = pycortexShapes(text, 'rois').get('FFA')![1];
    const segs = parsePath(lh);
    const node = pathNodes(segs)[3];
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const [ix, iy] = await toPage(page, ...labelPosition(segs));
    await page.mouse.click(ix, iy);
    await expect(roiRow(page, 'FFA').getByRole('button', { name: 'FFA', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    const [nx, ny] = await toPage(page, node.x, node.y);
    const [mx, my] = await toPage(page, node.x + 20, node.y + 12);
    await page.mouse.move(nx, ny);
    await page.mouse.down();
    await page.mouse.move(mx, my, { steps: 6 });
    await page.mouse.up();
    await page.keyboard.press('Control+s');
    await expect(
      page.getByRole('contentinfo', { name: 'Status' }).getByText('Saved', { exact: true }),
    ).toBeVisible();
    const saved = readFileSync(file, 'utf8');
    const at = text.indexOf(lh);
    const tail = text.slice(at + lh.length);
    expect(saved.slice(0, at)).toBe(text.slice(0, at));
    expect(saved.endsWith(tail)).toBe(true);
    const edited = parsePath(saved.slice(at, saved.length - tail.length));
    const values = (x: Segment) =>
      x.cmd === 'Z' ? [] : x.cmd === 'C' ? [x.x1, x.y1, x.x2, x.y2, x.x, x.y] : [x.x, x.y];
    expect(edited.map((x) => x.cmd)).toEqual(segs.map((x) => x.cmd));
    const changed = segs.flatMap((x, i) =>
      values(x).some((v, k) => Math.abs(v - values(edited[i])[k]) > 1e-4) ? [i] : [],
    );
    expect(changed).toEqual([node.inSeg, node.outSeg]);
    const moved = edited[node.inSeg] as Extract<Segment, { cmd: 'C' }>;
    expect(moved.x).toBeCloseTo(node.x + 20, 0);
    expect(moved.y).toBeCloseTo(node.y + 12, 0);
    const edits = cliCounts(s1, 'S1');
    for (const name of Object.keys(after)) if (name !== 'FFA') expect(edits[name]).toEqual(after[name]);
    expect(edits['FFA'].rh).toEqual(after['FFA'].rh);
    expect(edits['FFA'].lh).not.toEqual(after['FFA'].lh);
    await page.screenshot({ path: join(SHOTS, '7b-s1-node-edit.png') });
    expect(errors).toEqual([]);
  } finally {
    await served.stop();
  }
});

test('sulci and cutouts: draw a sulcus and a cutout, save; pycortex finds them by name in their layers', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await openDemo(page, url);
  const f = await frame(page);
  const layer = page.getByRole('combobox', { name: 'Layer', exact: true });

  await layer.selectOption('sulci');
  await page.getByRole('button', { name: 'Freehand' }).click();
  const [x0, y0] = await toPage(page, f.width * 0.2, f.height * 0.3);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let i = 1; i <= 40; i++) {
    const t = i / 40;
    const [x, y] = await toPage(page, f.width * (0.2 + 0.1 * t), f.height * (0.3 + 0.05 * Math.sin(3 * t)));
    await page.mouse.move(x, y);
  }
  await page.mouse.up();
  await expect(page.getByRole('heading', { name: 'Name the new sulcus' })).toBeVisible();
  await page.getByLabel('ROI name', { exact: true }).fill('e2e CS');
  await page.getByLabel('ROI name', { exact: true }).press('Enter');
  await expect(roiRow(page, 'e2e CS')).toBeVisible();
  await expect(roiRow(page, 'e2e CS').getByLabel('Vertices of e2e CS')).toHaveText('');

  await layer.selectOption('cutouts');
  await expect(roiRow(page, 'e2e CS')).toHaveCount(0);
  await page.getByRole('button', { name: 'Polygon' }).click();
  for (const [u, v] of [
    [0.6, 0.6],
    [0.68, 0.6],
    [0.68, 0.7],
    [0.6, 0.7],
  ]) {
    const [px, py] = await toPage(page, u * f.width, v * f.height);
    await page.mouse.click(px, py);
  }
  await page.keyboard.press('Enter');
  await page.getByLabel('ROI name', { exact: true }).fill('e2e cut');
  await page.getByLabel('ROI name', { exact: true }).press('Enter');
  await expect(roiRow(page, 'e2e cut')).toBeVisible();
  await page.screenshot({ path: join(SHOTS, '12-sulcus-cutout.png') });
  await page.keyboard.press('Control+s');
  await expect(
    page.getByRole('contentinfo', { name: 'Status' }).getByText('Saved', { exact: true }),
  ).toBeVisible();

  const svg = readFileSync(join(db, 'demo', 'overlays.svg'), 'utf8');
  const [sulcus] = pycortexShapes(svg, 'sulci').get('e2e CS')!;
  const [cutout] = pycortexShapes(svg, 'cutouts').get('e2e cut')!;
  expect(pycortexShapes(svg, 'rois').has('e2e CS')).toBe(false);
  // what pycortex's path parser reads: the sulcus an open line from where the stroke began, the cutout closed
  const line = parsePycortexPath(sulcus);
  expect(line.xy[0]).toBeCloseTo(f.width * 0.2, 0);
  expect(line.xy[1]).toBeCloseTo(f.height * 0.3, 0);
  expect(sulcus).not.toContain('Z');
  expect(line.xy.length / 2).toBeGreaterThanOrEqual(2);
  expect(cutout).toMatch(/^M [\d.]+,[\d.]+ L .* Z$/);
  expect(Array.from(parsePycortexPath(cutout).xy.slice(0, 2)).map(Math.round)).toEqual([
    Math.round(0.6 * f.width),
    Math.round(0.6 * f.height),
  ]);

  // hide and delete the sulcus: hidden is display only, delete removes it from the file
  await layer.selectOption('sulci');
  await roiRow(page, 'e2e CS').getByLabel('Show e2e CS').uncheck();
  await page.getByRole('button', { name: 'Delete e2e CS' }).click();
  await page.keyboard.press('Control+s');
  await expect(
    page.getByRole('contentinfo', { name: 'Status' }).getByText('Saved', { exact: true }),
  ).toBeVisible();
  const after = readFileSync(join(db, 'demo', 'overlays.svg'), 'utf8');
  expect(pycortexShapes(after, 'sulci').has('e2e CS')).toBe(false);
  expect(pycortexShapes(after, 'cutouts').get('e2e cut')).toEqual([cutout]);
  await layer.selectOption('rois');
  expect(errors).toEqual([]);
});
