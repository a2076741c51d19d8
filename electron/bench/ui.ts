import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chooseChromium } from '../../e2e/chromium.js';
import { demoDatabase, startServe, type Served } from '../../e2e/start-serve.js';
import { encodeNifti } from '../../shared/formats/nifti-write.js';
import { polylinesToPath } from '../../shared/formats/path-writer.js';
import { DEFAULT_IMPORT_OPTIONS } from '../../shared/freesurfer/import-subject.js';
import { importFreeSurfer } from '../store/import/freesurfer-import.js';
import { readVolumeFile } from '../store/database/volumes.js';
import { GOLDEN, SHARED, copyToTemp } from '../testing/shared-data.js';
import { writeSubdivided } from './import.bench.js';
import { median } from './median.js';

/**
 * `npm run bench:ui`: the editor in Chromium against `serve`. Prints the time from opening a
 * subject to its first flatmap (demo, and S1 when the reference data is present), then frame
 * time and input-to-paint latency while drawing a freehand stroke and while panning with 360
 * ROI outlines on screen (an HCP-MMP-sized overlay), and for S1 the time from zooming to 4× to
 * the sharper flatmap images being swapped in. The 3-D view on S1 (with its real ROIs and two
 * synthetic templates), sub-hcp32k and an NSD-size subject (fs-hcp32k subdivided, ≈ 230 k
 * vertices per hemisphere, imported): first frame, frame time while orbiting, recolour after a
 * template switch and after ROI edits, the heap it adds; and on S1 the flatmap's drawing,
 * panning and zoom with the 3-D view closed and open.
 */

const ROI_COUNT = 360;
const NODES_PER_ROI = 120;

/** 360 closed outlines of 120 nodes in a grid over the frame, written into the rois layer. */
function addManyRois(overlayPath: string): void {
  const svg = readFileSync(overlayPath, 'utf8');
  const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1]);
  const height = Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(svg)?.[1]);
  const cols = 24;
  const rows = Math.ceil(ROI_COUNT / cols);
  const cw = width / cols;
  const ch = height / rows;
  const groups: string[] = [];
  for (let i = 0; i < ROI_COUNT; i++) {
    const cx = (i % cols) * cw + cw / 2;
    const cy = Math.floor(i / cols) * ch + ch / 2;
    const ring: number[] = [];
    for (let k = 0; k < NODES_PER_ROI; k++) {
      const a = (k / NODES_PER_ROI) * 2 * Math.PI;
      const r = 0.42 * Math.min(cw, ch) * (1 + 0.15 * Math.sin(5 * a + i));
      ring.push(cx + r * Math.cos(a), cy + r * Math.sin(a));
    }
    groups.push(
      `<g inkscape:label="bench${i}" inkscape:groupmode="layer" id="bench${i}"><path d="${polylinesToPath([ring], true)}"/></g>`,
    );
  }
  const rois = svg.indexOf('inkscape:label="rois"');
  const shapes = svg.indexOf('inkscape:label="shapes"', rois);
  const close = svg.indexOf('>', shapes);
  if (rois < 0 || shapes < 0) throw new Error(`${overlayPath}: no rois/shapes layer`);
  writeFileSync(overlayPath, svg.slice(0, close + 1) + groups.join('') + svg.slice(close + 1));
}

/** Page-side recorder of frame intervals and pointer-event → next-frame latency. */
// A string, not a function: tsx would wrap named functions in a helper the page does not have.
const RECORDER = `(() => {
  const b = { frames: [], latency: [], pending: [], on: true };
  window.__bench = b;
  const host = document.querySelector('[aria-label="Flatmap"]');
  host.addEventListener('pointermove', (e) => b.pending.push(e.timeStamp), true);
  let last = performance.now();
  const tick = (t) => {
    b.frames.push(t - last);
    last = t;
    for (const p of b.pending) b.latency.push(t - p);
    b.pending = [];
    if (b.on) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

async function startRecording(page: Page): Promise<void> {
  await page.evaluate(RECORDER);
}

async function stopRecording(page: Page): Promise<{ frames: number[]; latency: number[] }> {
  return page.evaluate(
    '(() => { const b = window.__bench; b.on = false; return { frames: b.frames.slice(1), latency: b.latency }; })()',
  );
}

function summary(label: string, r: { frames: number[]; latency: number[] }): void {
  const sorted = [...r.frames].sort((a, b) => a - b);
  const mean = r.frames.reduce((a, b) => a + b, 0) / Math.max(1, r.frames.length);
  const p95 = sorted[Math.floor(0.95 * (sorted.length - 1))] ?? NaN;
  const lat = [...r.latency].sort((a, b) => a - b);
  const latMed = lat[Math.floor(0.5 * (lat.length - 1))] ?? NaN;
  const latP95 = lat[Math.floor(0.95 * (lat.length - 1))] ?? NaN;
  // the recorder times input on the flatmap only
  const input = lat.length ? `; input→paint median ${latMed.toFixed(1)} ms, p95 ${latP95.toFixed(1)} ms` : '';
  console.log(
    `${label}: ${r.frames.length} frames, mean ${mean.toFixed(1)} ms (${(1000 / mean).toFixed(0)} fps), p95 ${p95.toFixed(1)} ms${input}`,
  );
}

/**
 * Open a page and print how long until the flatmap is painted; with `settle`, also wait for the
 * curvature shading (computed in the background on a first open) so that a following "warm"
 * open does not share the machine with it, and print when it arrived.
 */
async function openAndTime(page: Page, url: string, label: string, settle = false): Promise<void> {
  const curvature = settle
    ? page.waitForResponse((r) => r.url().includes('/api/getCurvature'), { timeout: 300_000 })
    : null;
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => (window.__roiStudioFlatmap?.frame().width ?? 0) > 0, undefined, {
    timeout: 120_000,
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const pageMs = Date.now() - t0;
  const openMs = await page.evaluate(
    () => (window as unknown as { __roiStudioOpenMs?: number }).__roiStudioOpenMs ?? NaN,
  );
  let shading = '';
  if (curvature) {
    await curvature;
    shading = `, curvature shading after ${Date.now() - t0} ms`;
  }
  console.log(
    `${label}: open subject → first flatmap ${openMs.toFixed(0)} ms (page load → flatmap painted ${pageMs} ms${shading})`,
  );
}

/**
 * Run `act` and wait until the 3-D view has drawn new colours (and the frame after): `counter`
 * 'version' counts any change on the GPU (the linked cursor too), 'recolours' only the layers'
 * colours recomposed, 'cursorDraws' the linked cursor's own (paced) redraws. Returns the wall time and the view's own time of its last recolour (from
 * the editor change to the colours uploaded and drawn); null when nothing changed in `timeout` ms.
 */
async function recolour(
  page: Page,
  act: () => Promise<unknown>,
  counter: 'version' | 'recolours' | 'cursorDraws',
  timeout = 300_000,
): Promise<{ wall: number; own: number; work: number } | null> {
  const before = await page.evaluate((c) => window.__roiStudioSurface![c](), counter);
  const t0 = Date.now();
  await act();
  const changed = await page
    .waitForFunction(([c, b]) => window.__roiStudioSurface![c]() !== b, [counter, before] as const, {
      timeout,
    })
    .then(
      () => true,
      () => false,
    );
  if (!changed) return null;
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const [own, work] = await page.evaluate(() => [
    window.__roiStudioSurface!.recolourMs(),
    window.__roiStudioSurface!.recolourWorkMs(),
  ]);
  return { wall: Date.now() - t0, own, work };
}

/** The view's recolour times of `act` (which must recolour): from the change, and its own work. */
async function ownRecolour(page: Page, act: () => Promise<unknown>): Promise<[number, number]> {
  const r = await recolour(page, act, 'recolours');
  if (!r) throw new Error('the 3-D view did not recolour');
  return [r.own, r.work];
}

/** Recolour times as "from the change (of which the view's own work)". */
const ms = (values: [number, number][]) =>
  values.map(([a, b]) => `${a.toFixed(1)} (${b.toFixed(1)})`).join(', ');

/**
 * Open the 3-D view on the open subject: time its first frame and the heap it adds, orbit it,
 * hover the flatmap, switch templates (each shown once before, so the load is not timed), delete
 * and draw ROIs; the view stays open when `keepOpen`.
 */
async function time3dView(
  page: Page,
  label: string,
  opts: { templates?: string[]; editRois?: boolean; keepOpen?: boolean } = {},
): Promise<void> {
  const heap = () =>
    page.evaluate(
      () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN,
    );
  const skip = page.getByRole('button', { name: 'Skip' });
  if (await skip.isVisible()) await skip.click();
  const before = await heap();
  const t0 = Date.now();
  await page.getByRole('button', { name: '3-D view' }).click();
  await page.waitForFunction(() => window.__roiStudioSurface?.ready() === true, undefined, {
    timeout: 300_000,
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const openMs = Date.now() - t0;
  const added = ((await heap()) - before) / 2 ** 20;
  const [renderer, vertices] = await page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    return [
      gl
        ? String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER))
        : 'none',
      window.__roiStudioSurface!.positions()!.length / 3,
    ] as const;
  });
  console.log(
    `${label} (${vertices} vertices): 3-D view open → first frame ${openMs} ms, JS heap +${added.toFixed(0)} MiB (WebGL renderer ${renderer})`,
  );

  const canvas = (await page.getByRole('region', { name: '3-D view' }).locator('canvas').boundingBox())!;
  const [ox, oy] = [canvas.x + canvas.width / 2, canvas.y + canvas.height / 2];
  await startRecording(page);
  await page.mouse.move(ox, oy);
  await page.mouse.down();
  for (let i = 1; i <= 60; i++) await page.mouse.move(ox + 150 * Math.sin((i / 60) * 2 * Math.PI), oy);
  await page.mouse.up();
  summary(`${label}: orbiting the 3-D view (60 pointer moves)`, await stopRecording(page));

  const box = (await page.getByRole('application', { name: 'Flatmap' }).boundingBox())!;
  // points across the flatmap; those off the cortex move no cursor and are skipped
  const hovers: number[] = [];
  for (let i = 0; i < 16 && hovers.length < 5; i++) {
    const at = [box.x + box.width * (0.12 + 0.05 * i), box.y + box.height * (i % 2 ? 0.45 : 0.55)];
    const r = await recolour(page, () => page.mouse.move(at[0], at[1]), 'cursorDraws', 10_000);
    if (r) hovers.push(r.wall);
  }
  console.log(
    `${label}: linked cursor, flatmap hover → 3-D frame drawn ${median(hovers).toFixed(0)} ms (median; paced, see paced-redraw.ts)`,
  );
  const templates = opts.templates ?? [];
  const pick = (t: string) => () =>
    page.getByRole('combobox', { name: 'Template', exact: true }).selectOption({ label: t });
  if (templates.length) {
    // the first showing loads the volume and the vertex sampling; the switches after are timed
    for (const t of templates) await recolour(page, pick(t), 'recolours', 60_000);
    await page.waitForFunction(() => !document.querySelector('.status-message')?.textContent, undefined, {
      timeout: 300_000,
    });
    const times: [number, number][] = [];
    for (const t of [...templates.slice(1), templates[0]]) times.push(await ownRecolour(page, pick(t)));
    console.log(`${label}: recolour after a template switch ${ms(times)} ms from the change (own work)`);
  }
  if (opts.editRois) {
    const rows = page.getByRole('list', { name: 'ROI list' }).getByRole('listitem');
    const count = await rows.count();
    const deletes: [number, number][] = [];
    for (let i = 0; i < 3; i++) {
      const del = page.getByRole('button', { name: /^Delete / }).first();
      deletes.push(await ownRecolour(page, () => del.click()));
    }
    console.log(
      `${label}: recolour after deleting one of ${count} ROIs ${ms(deletes)} ms from the change (own work)`,
    );
    await page.getByRole('button', { name: 'Freehand' }).click();
    const draws: [number, number][] = [];
    for (let i = 0; i < 3; i++) {
      const [cx, cy] = [box.x + box.width * (0.25 + 0.1 * i), box.y + box.height * 0.5];
      draws.push(
        await ownRecolour(page, async () => {
          await page.mouse.move(cx + 30, cy);
          await page.mouse.down();
          for (let k = 1; k <= 24; k++)
            await page.mouse.move(
              cx + 30 * Math.cos((k / 24) * 2 * Math.PI),
              cy + 30 * Math.sin((k / 24) * 2 * Math.PI),
            );
          await page.mouse.up();
          // the ROI joins the document once named
          await page.getByLabel('ROI name', { exact: true }).fill(`bench drawn ${i}`);
          await page.getByLabel('ROI name', { exact: true }).press('Enter');
        }),
      );
    }
    console.log(
      `${label}: recolour after drawing an ROI (its membership computed live) ${ms(draws)} ms from the change (own work)`,
    );
  }
  if (!opts.keepOpen) await page.getByRole('button', { name: '3-D view' }).click();
}

/** Freehand drawing, middle-drag panning and wheel zoom on the flatmap of the open subject. */
async function flatmapInteraction(page: Page, label: string): Promise<void> {
  const box = (await page.getByRole('application', { name: 'Flatmap' }).boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const radius = Math.min(150, box.width / 3);

  await page.getByRole('button', { name: 'Freehand' }).click();
  await startRecording(page);
  await page.mouse.move(cx + radius, cy);
  await page.mouse.down();
  for (let i = 1; i <= 600; i++) {
    const a = (i / 600) * 2 * Math.PI * 2;
    const r = radius * (1 - i / 1400);
    await page.mouse.move(cx + r * Math.cos(a), cy + r * Math.sin(a));
  }
  summary(`${label}: drawing (freehand, 600 pointer moves)`, await stopRecording(page));
  await page.keyboard.press('Escape');
  await page.mouse.up();

  await startRecording(page);
  await page.mouse.move(cx, cy);
  await page.mouse.down({ button: 'middle' });
  for (let i = 1; i <= 300; i++) {
    await page.mouse.move(
      cx + radius * 1.3 * Math.sin((i / 300) * 2 * Math.PI),
      cy + 120 * Math.sin((i / 150) * Math.PI),
    );
  }
  await page.mouse.up({ button: 'middle' });
  summary(`${label}: panning (middle-drag, 300 pointer moves)`, await stopRecording(page));

  await startRecording(page);
  for (let i = 0; i < 40; i++) {
    await page.mouse.move(cx + (i % 7) * 20, cy);
    await page.mouse.wheel(0, i < 20 ? -120 : 120);
  }
  summary(`${label}: wheel zoom (40 steps)`, await stopRecording(page));
}

/** S1 as users have it: the Gallant lab's ROIs, and two templates in the fullhead space. */
async function prepareS1(db: string): Promise<void> {
  const dir = join(db, 'S1');
  copyFileSync(join(GOLDEN, 'S1', 'overlays-rois.svg'), join(dir, 'overlays.svg'));
  const ref = await readVolumeFile(join(dir, 'transforms', 'fullhead', 'reference.nii.gz'));
  const [nx, ny, nz] = ref.dims;
  const blocks = new Int16Array(nx * ny * nz);
  const ramp = new Float32Array(nx * ny * nz);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const p = i + nx * (j + ny * k);
        blocks[p] = 1 + ((Math.floor(i / 10) + 10 * Math.floor(j / 10)) % 40);
        ramp[p] = Math.sin(i / 7) * Math.cos(j / 9) + k / nz;
      }
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(
    join(dir, 'templates', 'bench-blocks.nii.gz'),
    encodeNifti({ dims: [nx, ny, nz], data: blocks, affine: ref.affine }),
  );
  writeFileSync(
    join(dir, 'templates', 'bench-ramp.nii.gz'),
    encodeNifti({ dims: [nx, ny, nz], data: ramp, affine: ref.affine }),
  );
}

/** A database holding fs-hcp32k subdivided to NSD size, imported as `import-freesurfer` does. */
async function nsdSizeDatabase(): Promise<string> {
  const fs = mkdtempSync(join(tmpdir(), 'roi-studio-bench-fs-'));
  await writeSubdivided(join(SHARED!, 'data', 'freesurfer', 'fs-hcp32k'), join(fs, 'nsd-size'));
  const db = mkdtempSync(join(tmpdir(), 'roi-studio-bench-db-'));
  await importFreeSurfer({
    subjectsDir: fs,
    subject: 'nsd-size',
    db,
    options: { ...DEFAULT_IMPORT_OPTIONS, labels: 'none' },
  });
  return db;
}

/**
 * Zoom the open subject to 4× its fitted view about the centre and print how long until the
 * flatmap images, fetched again at the sharper height in the background, are swapped in.
 */
async function zoomAndTimeSharp(page: Page, label: string): Promise<void> {
  const t0 = Date.now();
  await page.evaluate(() => {
    const map = window.__roiStudioFlatmap!;
    const v = map.view();
    const [cx, cy] = [map.scene.stage.width() / 2, map.scene.stage.height() / 2];
    map.setView({ ...v, scale: v.scale * 4, x: cx - (cx - v.x) * 4, y: cy - (cy - v.y) * 4 });
  });
  const ms = await page.waitForFunction(
    () => (window as unknown as { __roiStudioSharpMs?: number }).__roiStudioSharpMs,
    undefined,
    { timeout: 300_000 },
  );
  console.log(
    `${label}: zoom to 4× → sharp image ${(await ms.jsonValue())!.toFixed(0)} ms (wall ${Date.now() - t0} ms)`,
  );
}

const browser = await chromium.launch({
  executablePath: chooseChromium().executablePath,
  args: CHROMIUM_ARGS,
});
const servers: Served[] = [];
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  // leaving a subject with unsaved edits for the next one is expected here
  page.on('dialog', (d) => void (d.type() === 'beforeunload' ? d.accept() : d.dismiss()));

  const db = await demoDatabase();
  addManyRois(join(db, 'demo', 'overlays.svg'));
  const demo = await startServe(db);
  servers.push(demo);
  await openAndTime(page, demo.url, `demo (${ROI_COUNT} ROIs × ${NODES_PER_ROI} nodes)`);
  // the page opens the only subject itself; a second, cached open
  await openAndTime(page, page.url(), 'demo, reloaded (warm cache)');
  const skip = page.getByRole('button', { name: 'Skip' });
  if (await skip.isVisible()) await skip.click();
  await flatmapInteraction(page, 'demo');

  if (SHARED) {
    const s1 = await copyToTemp(['S1']);
    await prepareS1(s1);
    const served = await startServe(s1);
    servers.push(served);
    await openAndTime(page, served.url, 'S1 (cold cache)', true);
    await openAndTime(page, page.url(), 'S1 (warm cache)');
    await zoomAndTimeSharp(page, 'S1');
    await flatmapInteraction(page, 'S1, 3-D view closed');
    await time3dView(page, 'S1', {
      templates: ['bench-blocks', 'bench-ramp'],
      editRois: true,
      keepOpen: true,
    });
    await flatmapInteraction(page, 'S1, 3-D view open');
    await page.getByRole('button', { name: '3-D view' }).click();
    const hcp = await startServe(await copyToTemp(['sub-hcp32k']));
    servers.push(hcp);
    await openAndTime(page, hcp.url, 'sub-hcp32k (cold cache)', true);
    await openAndTime(page, page.url(), 'sub-hcp32k (warm cache)');
    await time3dView(page, 'sub-hcp32k', { templates: ['floc-faces', 'prf-visualrois'] });
    const nsd = await startServe(await nsdSizeDatabase());
    servers.push(nsd);
    await openAndTime(page, nsd.url, 'nsd-size (cold cache)', true);
    await time3dView(page, 'nsd-size');
  } else {
    console.log('S1: skipped (reference data not found)');
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.stop()));
}
