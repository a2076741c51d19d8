import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { exportFigure } from '../store/outputs/figures.js';
import { GOLDEN, SHARED, SHARED_DB, SKIP_REASON } from '../testing/shared-data.js';
import { tutorialFigure } from '../testing/tutorial-figure.js';
import { median } from './median.js';

/**
 * The tutorial's figure of S1 (magma 100–1200, curvature, ROIs, sulci, names, colour bar,
 * nanmean, linewidth 3, labelsize 20pt) as a 300 dpi PNG, in a fresh process with an empty
 * cache ("cold": pixel map built) and then again with the cache ("warm"), beside pycortex's
 * times for the same figure (23 s cold, ≈ 2 s warm at 100 dpi here, most of it in Inkscape,
 * which it needs installed) and for its flatmap alone (pycortex-timings.json).
 */
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const DPI = 300;

interface FigureRun {
  coldMs: number;
  warmMs: number[];
  peakMB: number;
  width: number;
  height: number;
  bytes: number;
}

/** Child mode: one cold and three warm figures, printed as JSON. */
async function child(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'roi-studio-bench-figure-'));
  try {
    const out = join(dir, 'figure.png');
    const draw = () => exportFigure(SHARED_DB, { ...tutorialFigure(out, join(dir, 'cache')), dpi: DPI });
    let t0 = performance.now();
    await draw();
    const coldMs = performance.now() - t0;
    const warmMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      t0 = performance.now();
      await draw();
      warmMs.push(performance.now() - t0);
    }
    const png = PNG.sync.read(await readFile(out));
    const result: FigureRun = {
      coldMs,
      warmMs,
      peakMB: process.resourceUsage().maxRSS / 1024,
      width: png.width,
      height: png.height,
      bytes: (await stat(out)).size,
    };
    process.stdout.write(JSON.stringify(result));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  if (!SHARED) {
    console.log(`figure: skipped, ${SKIP_REASON}`);
    return;
  }
  const { stdout } = await promisify(execFile)(
    join(root, 'node_modules', '.bin', 'tsx'),
    [join(here, 'figure.bench.ts'), '--child'],
    { cwd: root, maxBuffer: 1 << 20 },
  );
  const r = JSON.parse(stdout) as FigureRun;
  const timings = JSON.parse(await readFile(join(GOLDEN, 'pycortex-timings.json'), 'utf8')) as Record<
    string,
    { cold_s: number[]; warm_s: number[] }
  >;
  const flat = timings['S1:fullhead'];
  console.log(
    `figure: S1 tutorial figure at ${DPI} dpi (${r.width}×${r.height}, ${(r.bytes / 2 ** 20).toFixed(1)} MB PNG): ` +
      `cold ${(r.coldMs / 1000).toFixed(2)} s, warm ${(median(r.warmMs) / 1000).toFixed(2)} s (median of 3), ` +
      `peak memory ${r.peakMB.toFixed(0)} MB; nothing to install`,
  );
  console.log(
    `figure: pycortex, same figure at 100 dpi: 23 s cold, ≈ 2 s warm, Inkscape required; its flatmap alone ` +
      `${median(flat.cold_s).toFixed(1)} s cold / ${median(flat.warm_s).toFixed(2)} s warm`,
  );
}

if (process.argv[2] === '--child') await child();
