import { expect, test, type Page } from '@playwright/test';
import { cpSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { unzipSync } from 'fflate';
import { drawCircle, frame, openDemo, roiRow, showVisualRois, toPage, watchConsole } from './page-helpers.js';
import { demoDatabase, startServe, type Served } from './start-serve.js';

/**
 * The editor after a first real session (issue 22), in Chromium against `serve` on a demo
 * database: history across saves, dialogs that hold the map off, a failed Show, stray strokes,
 * and what a subject switch leaves behind.
 */

let db = '';
let server: Served | null = null;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  db = await demoDatabase();
  server = await startServe(db);
});

test.afterAll(async () => {
  await server?.stop();
});

function status(page: Page) {
  return page.getByRole('contentinfo', { name: 'Status' });
}

async function view(page: Page) {
  return page.evaluate(() => window.__roiStudioFlatmap!.view());
}

test('undo and redo reach back past a save; Save keeps its name', async ({ page }) => {
  const errors = watchConsole(page);
  await openDemo(page, server!.url);
  const f = await frame(page);
  await drawCircle(page, f.width * 0.3, f.height * 0.45, f.height * 0.07);
  await page.getByLabel('ROI name', { exact: true }).fill('kept');
  await page.getByLabel('ROI name', { exact: true }).press('Enter');
  await expect(roiRow(page, 'kept')).toBeVisible();
  await page.keyboard.press('Control+s');
  await expect(status(page).getByText('Saved', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeVisible();

  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  await expect(undo).toBeEnabled();
  await undo.click();
  await expect(roiRow(page, 'kept')).toHaveCount(0);
  await expect(status(page).getByText('Unsaved changes', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect(roiRow(page, 'kept')).toBeVisible();
  // back on the saved state: clean again, and the message says so
  await expect(status(page).getByText('Saved', { exact: true })).toBeVisible();
  await expect(status(page).getByRole('status')).toHaveText('Redid Create kept (as saved)');
  expect(errors).toEqual([]);
});

test('the Help dialog is modal like the others: Esc and ? close it, keys and drags leave the map alone', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await openDemo(page, server!.url);
  const before = await view(page);
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await page.keyboard.press('?');
  await expect(help).toBeVisible();
  for (const key of ['+', ']', '0', 'p']) await page.keyboard.press(key);
  const box = (await page.getByRole('application', { name: 'Flatmap' }).boundingBox())!;
  const [x, y] = [box.x + 40, box.y + box.height - 40];
  await page.mouse.move(x, y);
  await page.mouse.down({ button: 'middle' });
  await page.mouse.move(x + 120, y - 60, { steps: 5 });
  await page.mouse.up({ button: 'middle' });
  await page.mouse.wheel(0, -400);
  expect(await view(page)).toEqual(before);
  await expect(page.getByRole('button', { name: 'Freehand' })).toHaveAttribute('aria-pressed', 'true');
  // Tab stays among the dialog's controls
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    expect(await help.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await page.keyboard.press('?');
  await expect(help).toBeVisible();
  await page.keyboard.press('?');
  await expect(help).toHaveCount(0);
  // with the dialog gone, the same keys act again
  await page.keyboard.press('+');
  await expect.poll(async () => (await view(page)).scale).toBeCloseTo(before.scale * 1.25, 6);
  expect(errors).toEqual([]);
});

test('a failed Show keeps the template that was shown', async ({ page }) => {
  const errors = watchConsole(page);
  await openDemo(page, server!.url);
  const template = page.getByRole('combobox', { name: 'Template', exact: true });
  await template.selectOption({ label: 'prf-visualrois' });
  const legend = page.getByRole('list', { name: 'Legend' });
  await expect(legend).toBeVisible({ timeout: 90_000 });
  const shown = await template.inputValue();
  await page.getByLabel('Template file').fill(join(db, 'demo', 'no-such-volume.nii.gz'));
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Could not show this template' })).toBeVisible();
  await expect(template).toHaveValue(shown);
  await expect(legend).toBeVisible();
  await expect(legend.getByRole('button', { name: /V1v/ })).toBeVisible();
  expect(errors).toEqual([]);
});

/** Closed polylines on the map: boundary outlines, and the outline waiting for its name. */
async function closedLines(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      window
        .__roiStudioFlatmap!.scene.stage.find('Line')
        .filter((l) => (l as unknown as { closed(): boolean }).closed()).length,
  );
}

/** A point of the frame the status bar reads as inside a template label (not "Unknown"). */
async function labelledPoint(page: Page, f: { width: number; height: number }): Promise<[number, number]> {
  const readout = page.getByLabel('Under the cursor');
  for (let v = 0.3; v <= 0.7; v += 0.05) {
    for (let u = 0.3; u <= 0.7; u += 0.02) {
      const [x, y] = await toPage(page, u * f.width, v * f.height);
      await page.mouse.move(x, y);
      const text = await readout.textContent();
      if (/value [1-9]/.test(text ?? '')) return [u * f.width, v * f.height];
    }
  }
  throw new Error('no template label under any point tried');
}

test('the name is asked beside the outline, which stays drawn; the default is the label it covers most', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await openDemo(page, server!.url);
  await showVisualRois(page);
  const legend = page.getByRole('list', { name: 'Legend' });
  const labels = (await legend.getByRole('button').allTextContents()).map((t) => t.trim());
  // select an ROI first: it must not be what the dialog offers to add to
  await roiRow(page, 'kept').getByRole('button', { name: 'kept', exact: true }).click();

  const f = await frame(page);
  const [cx, cy] = await labelledPoint(page, f);
  const r = f.height * 0.02;
  const linesBefore = await closedLines(page);
  await drawCircle(page, cx, cy, r);
  const name = page.getByLabel('ROI name', { exact: true });
  await expect(name).toBeVisible();
  const proposed = await name.inputValue();
  expect(proposed).not.toMatch(/^ROI \d+$/);
  expect(labels.some((l) => l.includes(proposed))).toBe(true);
  const dialog = page.getByRole('dialog', { name: 'Name the new ROI' });
  await expect(dialog).toContainText(`% ${proposed} on the template`);

  // beside, not over: the dialog's box misses the outline's, and nothing dims the map
  const [x0, y0] = await toPage(page, cx - r, cy - r);
  const [x1, y1] = await toPage(page, cx + r, cy + r);
  const d = (await dialog.boundingBox())!;
  const apart = d.x > x1 || d.x + d.width < x0 || d.y > y1 || d.y + d.height < y0;
  expect(apart).toBe(true);
  const backdrop = await page
    .locator('.dialog-backdrop')
    .evaluate((b) => getComputedStyle(b).backgroundColor);
  expect(backdrop).toBe('rgba(0, 0, 0, 0)');
  expect(await closedLines(page)).toBe(linesBefore + 1);

  // adding to an ROI is a choice among the ROIs, none pre-chosen from the selection
  const addTo = dialog.getByLabel('Add to an existing ROI');
  await expect(addTo).toHaveValue('');
  expect(await addTo.locator('option').allTextContents()).toContain('kept');
  await expect(dialog.getByRole('button', { name: /Add to/ })).toHaveCount(0);
  await addTo.selectOption('kept');
  await expect(name).toHaveValue('kept');
  await expect(dialog.getByRole('button', { name: 'Add part' })).toBeVisible();
  await addTo.selectOption('');
  await expect(name).toHaveValue(proposed);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('at 1280×720 the sidebar never overlaps: sections fold, the ROI list scrolls on its own, the panel resizes', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await openDemo(page, server!.url);
  await page.setViewportSize({ width: 1280, height: 720 });
  await showVisualRois(page);
  await page.getByRole('button', { name: 'Add all labels' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Jaccard' })).toBeVisible({ timeout: 60_000 });
  const list = page.getByRole('list', { name: 'ROI list' });
  expect(await list.getByRole('listitem').count()).toBeGreaterThanOrEqual(8);
  const names = list.getByRole('button', { pressed: false }).filter({ hasNot: page.locator('[aria-label]') });
  const first = names.first();
  await expect(first).toHaveAttribute('title', (await first.textContent())!.replace('•', '').trim());
  await first.click();
  const stats = page.getByRole('region', { name: /^Statistics of / });
  await expect(stats).toBeVisible();

  // fold the sections above: the list moves up and gets the room
  for (const heading of ['Database', 'prf-visualrois']) {
    await page.getByRole('button', { name: heading, exact: true }).click();
    await expect(page.getByRole('button', { name: heading, exact: true })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
  }
  await page.screenshot({ path: join('test-results', 'editor-session', 'sidebar-1280x720.png') });
  const listBox = (await list.boundingBox())!;
  const statsBox = (await stats.boundingBox())!;
  // the list ends where the statistics start: no row is covered, and the rest scrolls in the list
  expect(listBox.y + listBox.height).toBeLessThanOrEqual(statsBox.y + 0.5);
  // and at least three rows show above the fold
  const row = (await list.getByRole('listitem').first().boundingBox())!;
  expect(listBox.height).toBeGreaterThanOrEqual(3 * row.height);
  expect(statsBox.y + statsBox.height).toBeLessThanOrEqual(720);
  const scroll = await list.evaluate((l) => ({ scroll: l.scrollHeight, client: l.clientHeight }));
  expect(scroll.client).toBeGreaterThan(60);
  if (scroll.scroll > scroll.client) {
    await list.evaluate((l) => (l.scrollTop = l.scrollHeight));
    await expect(list.getByRole('listitem').last()).toBeInViewport();
  }

  // the sidebar is resizable, by keyboard as by drag
  const sidebar = page.locator('aside.sidebar');
  const width = (await sidebar.boundingBox())!.width;
  const resizer = page.getByRole('separator', { name: 'Sidebar width' });
  await resizer.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await sidebar.boundingBox())!.width).toBeCloseTo(width + 60, 0);
  const r = (await resizer.boundingBox())!;
  await page.mouse.move(r.x + r.width / 2, r.y + 200);
  await page.mouse.down();
  await page.mouse.move(r.x + r.width / 2 - 80, r.y + 200, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => (await sidebar.boundingBox())!.width).toBeCloseTo(width - 20, 0);

  // unfold again for the tests that follow
  for (const heading of ['Database', 'prf-visualrois'])
    await page.getByRole('button', { name: heading, exact: true }).click();
  await page.keyboard.press('Control+z');
  expect(errors).toEqual([]);
});

/**
 * Visible text in the window that is under 13 px or under WCAG AA contrast (4.5:1) against the
 * background it is drawn on; disabled controls are exempt, as WCAG has it.
 */
async function textProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rgba = (c: string) => (c.match(/[\d.]+/g) ?? ['0', '0', '0', '0']).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const over = (top: number[], under: number[]) => {
      const a = top[3] ?? 1;
      return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a));
    };
    const background = (el: Element | null): number[] => {
      if (!el) return [255, 255, 255];
      const c = rgba(getComputedStyle(el).backgroundColor);
      if ((c[3] ?? 1) === 0) return background(el.parentElement);
      return (c[3] ?? 1) < 1 ? over(c, background(el.parentElement)) : c.slice(0, 3);
    };
    const problems: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement!;
      if (!n.textContent?.trim() || el.closest(':disabled, [aria-hidden="true"], option')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || !el.checkVisibility()) continue;
      const style = getComputedStyle(el);
      const text = n.textContent.trim().slice(0, 30);
      if (parseFloat(style.fontSize) < 13) problems.push(`${text}: ${style.fontSize}`);
      const bg = background(el);
      const fg = over(rgba(style.color), bg);
      const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      const ratio = (a + 0.05) / (b + 0.05);
      if (ratio < 4.5) problems.push(`${text}: contrast ${ratio.toFixed(2)}`);
    }
    return problems;
  });
}

test('light and dark themes follow the system and can be chosen; text is ≥ 13 px with AA contrast', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await openDemo(page, server!.url);
  const root = page.locator('html');
  await expect(root).toHaveAttribute('data-theme', 'light');
  const theme = page.getByRole('combobox', { name: 'Theme' });
  await expect(theme).toHaveValue('system');
  await showVisualRois(page);
  await roiRow(page, 'kept').getByRole('button', { name: 'kept', exact: true }).click();
  // the check itself sees small, faint text
  await page.evaluate(() => {
    const p = Object.assign(document.createElement('p'), { id: 'faint', textContent: 'faint small' });
    p.style.cssText = 'font-size: 11px; color: #bbb';
    document.querySelector('aside.sidebar')!.append(p);
  });
  expect(await textProblems(page)).toEqual([
    'faint small: 11px',
    expect.stringMatching(/^faint small: contrast 1\.\d\d$/),
  ]);
  await page.evaluate(() => document.getElementById('faint')!.remove());
  expect(await textProblems(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(root).toHaveAttribute('data-theme', 'dark');
  expect(await textProblems(page)).toEqual([]);
  // a choice overrides the system, and is kept across a reload
  await theme.selectOption('light');
  await expect(root).toHaveAttribute('data-theme', 'light');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('light');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('system');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(errors).toEqual([]);
});

test('browser exports come back as a download (one file, or a zip of several) with shell-safe names', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await openDemo(page, server!.url);
  await page.getByRole('button', { name: 'Rename kept' }).click();
  await page.getByLabel('New ROI name').fill('kept twice');
  await page.getByLabel('New ROI name').press('Enter');
  await showVisualRois(page);
  await page.getByRole('button', { name: 'Add all labels' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Jaccard' })).toBeVisible({ timeout: 60_000 });
  await page.keyboard.press('Control+s');
  await expect(status(page).getByText('Saved', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: /^Export/ });
  await dialog.getByLabel('Format').selectOption('label');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const written = dialog.getByRole('list', { name: 'Written files' }).getByRole('listitem');
  await expect(written.first()).toBeVisible({ timeout: 60_000 });
  const files = await written.allTextContents();
  expect(files).toContain(join(db, 'demo', 'exports', 'lh.kept_twice.label'));
  for (const f of files) expect(basename(f)).toMatch(/^[A-Za-z0-9._+-]+$/);

  const [zip] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('link', { name: `Download all ${files.length} as a zip` }).click(),
  ]);
  expect(zip.suggestedFilename()).toBe('demo-label.zip');
  const entries = unzipSync(readFileSync(await zip.path()));
  expect(Object.keys(entries).sort()).toEqual(files.map((f) => basename(f)).sort());
  for (const f of files) expect(Buffer.from(entries[basename(f)]).equals(readFileSync(f))).toBe(true);

  await dialog.getByLabel('Format').selectOption('json');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(written).toHaveCount(1, { timeout: 60_000 });
  const json = (await written.textContent())!;
  const [one] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('link', { name: 'Download the file' }).click(),
  ]);
  expect(one.suggestedFilename()).toBe(basename(json));
  expect(readFileSync(await one.path()).equals(readFileSync(json))).toBe(true);

  // the route serves exports of this session only
  const denied = await page.request.get(
    `${new URL(server!.url).origin}/download?file=${encodeURIComponent(join(db, 'demo', 'overlays.svg'))}`,
  );
  expect(denied.status()).toBe(403);
  expect(errors).toEqual([]);
});

test('zoomed beyond 2× the curvature and template images are fetched again at 2048 px and swapped in', async ({
  page,
}) => {
  const errors = watchConsole(page);
  await openDemo(page, server!.url);
  await showVisualRois(page);
  // the heights of the images on the map: curvature, then template
  const heights = () =>
    page.evaluate(() =>
      window
        .__roiStudioFlatmap!.scene.stage.find('Image')
        .map((i) => (i as unknown as { image(): HTMLCanvasElement | undefined }).image()?.height ?? 0),
    );
  expect(await heights()).toEqual([1024, 1024]);
  const fitted = (await view(page)).scale;
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  // 1.95× — still the 1024-px images
  await page.waitForTimeout(300);
  expect(await heights()).toEqual([1024, 1024]);
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  expect((await view(page)).scale / fitted).toBeGreaterThan(3);
  await expect.poll(heights, { timeout: 60_000 }).toEqual([2048, 2048]);
  const ms = await page.evaluate(
    () => (window as unknown as { __roiStudioSharpMs?: number }).__roiStudioSharpMs,
  );
  console.log(`demo: zoomed 3.05× → sharp 2048-px images in ${ms?.toFixed(0)} ms`);
  await page.keyboard.press('0');
  expect(errors).toEqual([]);
});

test('Freehand ignores a stray drag and says why in the status bar', async ({ page }) => {
  const errors = watchConsole(page);
  await openDemo(page, server!.url);
  const f = await frame(page);
  await page.getByRole('button', { name: 'Freehand' }).click();
  const [x, y] = await toPage(page, f.width * 0.5, f.height * 0.5);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 3, y + 1);
  await page.mouse.move(x + 6, y);
  await page.mouse.move(x + 3, y - 1);
  await page.mouse.up();
  await expect(status(page).getByRole('status')).toContainText('Stroke ignored: too small for an ROI');
  await expect(page.getByLabel('ROI name', { exact: true })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('switching subject clears the readout and messages; disabled controls look disabled', async ({
  page,
}) => {
  const errors = watchConsole(page);
  const two = await demoDatabase();
  cpSync(join(two, 'demo'), join(two, 'demo2'), { recursive: true });
  const served = await startServe(two);
  try {
    await page.setViewportSize({ width: 1400, height: 860 });
    await page.goto(served.url);
    const subject = page.getByRole('combobox', { name: 'Subject', exact: true });
    await expect(subject.locator('option')).toHaveCount(3);
    // before a subject is open: the pressed Freehand looks like any disabled button, not chosen
    const look = (name: string) =>
      page.getByRole('button', { name, exact: true }).evaluate((b) => {
        const s = getComputedStyle(b);
        return { background: s.backgroundColor, border: s.borderColor, opacity: s.opacity };
      });
    await expect(page.getByRole('button', { name: 'Freehand' })).toBeDisabled();
    const freehand = await look('Freehand');
    expect(freehand).toEqual(await look('Fit'));
    expect(Number(freehand.opacity)).toBeLessThan(0.6);
    const enabledHelp = await look('Help');
    expect(Number(enabledHelp.opacity)).toBe(1);

    await subject.selectOption('demo');
    await page.waitForFunction(() => (window.__roiStudioFlatmap?.frame().width ?? 0) > 0);
    const tour = page.getByRole('button', { name: 'Skip' });
    if (await tour.isVisible()) await tour.click();
    const f = await frame(page);
    const [x, y] = await toPage(page, f.width * 0.3, f.height * 0.5);
    await page.mouse.move(x, y);
    await page.mouse.move(x + 2, y + 2);
    const readout = page.getByLabel('Under the cursor');
    await expect(readout).toContainText('svg');
    await page.keyboard.press('Control+s');
    await expect(status(page).getByRole('status')).toHaveText('Nothing to save.');

    await subject.selectOption('demo2');
    await page.waitForFunction(() => (window.__roiStudioFlatmap?.frame().width ?? 0) > 0);
    await expect(status(page).getByRole('status')).toHaveText('');
    await expect(readout).toHaveText('Move over the flatmap');
  } finally {
    await served.stop();
  }
  expect(errors).toEqual([]);
});
