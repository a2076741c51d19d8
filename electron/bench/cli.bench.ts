import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { GOLDEN, SHARED, SHARED_DB } from '../testing/shared-data.js';
import { median } from './median.js';

/**
 * The installed command's start-up, whole process (spawn to exit), as a user or a pipeline
 * meets it: `node out/electron/cli.js …` is what the package's `roi-studio` bin runs. out/ is
 * compiled first. `flatmap` S1 is timed warm (pixel map in the disk cache from an earlier run)
 * and cold (empty cache: surfaces, mask, triangulation, pixel map); pycortex's figure is its
 * make_flatmap_image alone (golden/pycortex-timings.json), without Python's own start-up.
 * `npm run cli` (tsx, the developers' path) is timed beside it.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const exec = promisify(execFile);
const cli = join(root, 'out', 'electron', 'cli.js');
const tsxBin = join(root, 'node_modules', '.bin', 'tsx');

async function wallMs(command: string, args: string[], home: string): Promise<number> {
  const t0 = performance.now();
  await exec(command, args, { cwd: root, env: { ...process.env, ROI_STUDIO_HOME: home, ROI_STUDIO_DB: '' } });
  return performance.now() - t0;
}

/** Median whole-process seconds of `runs` runs, each in the home `home()` gives it. */
async function seconds(runs: number, command: string, args: string[], home: () => Promise<string>) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await wallMs(command, args, await home()));
  return median(times) / 1000;
}

const fmt = (s: number) => `${s.toFixed(2)} s`;

export async function run(): Promise<void> {
  await exec(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.electron.json'],
    {
      cwd: root,
    },
  );
  const scratch = await mkdtemp(join(tmpdir(), 'roi-studio-bench-cli-'));
  try {
    const home = join(scratch, 'home');
    await mkdir(home);
    const same = async () => home;
    let n = 0;
    const fresh = async () => {
      const dir = join(scratch, `cold-${n++}`);
      await mkdir(dir);
      return dir;
    };
    let db = SHARED_DB;
    if (!SHARED) {
      db = join(scratch, 'demo-db');
      await exec(process.execPath, [cli, 'demo', '--out', db]);
    }

    // Wall times: other work on the machine shows in them, so say how busy it was.
    console.log(`load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`);
    const help = await seconds(7, process.execPath, [cli, '--help'], same);
    console.log(`roi-studio --help: ${fmt(help)} (median of 7)`);
    const subjects = await seconds(7, process.execPath, [cli, 'subjects', '--db', db], same);
    const tsx = await seconds(3, tsxBin, ['electron/cli.ts', 'subjects', '--db', db], same);
    console.log(
      `roi-studio subjects (${SHARED ? 'S1, sub-hcp32k' : 'demo'}): ${fmt(subjects)} (median of 7; npm run cli via tsx ${fmt(tsx)}); pycortex: no such command`,
    );
    if (!SHARED) return;

    const volume = join(SHARED_DB, 'S1', 'transforms', 'fullhead', 'reference.nii.gz');
    const flatmap = [
      'flatmap',
      '--db',
      SHARED_DB,
      '--subject',
      'S1',
      '--xfm',
      'fullhead',
      '--volume',
      volume,
    ];
    const compiled = (out: string) => [cli, ...flatmap, '--out', join(scratch, out)];
    const viaTsx = (out: string) => ['electron/cli.ts', ...flatmap, '--out', join(scratch, out)];
    const cold = await seconds(3, process.execPath, compiled('cold.npy'), fresh);
    const tsxCold = await seconds(3, tsxBin, viaTsx('cold.npy'), fresh);
    await wallMs(process.execPath, compiled('warm.npy'), home); // fills the pixel-map cache
    const warm = await seconds(5, process.execPath, compiled('warm.npy'), same);
    const tsxWarm = await seconds(3, tsxBin, viaTsx('warm.npy'), same);
    const timings = JSON.parse(await readFile(join(GOLDEN, 'pycortex-timings.json'), 'utf8')) as Record<
      string,
      { cold_s: number[]; warm_s: number[] }
    >;
    const py = timings['S1:fullhead'];
    console.log(
      `roi-studio flatmap S1 fullhead → .npy (height 1024): warm ${fmt(warm)} (median of 5), cold ${fmt(cold)} (median of 3); ` +
        `npm run cli via tsx: warm ${fmt(tsxWarm)}, cold ${fmt(tsxCold)}; ` +
        `pycortex make_flatmap_image alone: warm ${fmt(median(py.warm_s))}, cold ${fmt(median(py.cold_s))} ` +
        `(${(median(py.cold_s) / cold).toFixed(1)}× our cold whole process)`,
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
