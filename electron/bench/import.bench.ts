import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  encodeFreeSurferCurv,
  encodeFreeSurferPatch,
  encodeFreeSurferSurface,
  readFreeSurferCurv,
  readFreeSurferPatch,
  readFreeSurferSurface,
  type FreeSurferPatch,
} from '../../shared/formats/freesurfer-surface.js';
import { DEFAULT_IMPORT_OPTIONS, type ImportStage } from '../../shared/freesurfer/import-subject.js';
import { importFreeSurfer } from '../store/import/freesurfer-import.js';
import { SHARED, SKIP_REASON } from '../testing/shared-data.js';
import { median } from './median.js';

/**
 * `import-freesurfer` wall time: the real fs-hcp32k FreeSurfer folder (32 492 vertices per
 * hemisphere), and an NSD-size one (≈ 230 000 per hemisphere, the aim: ≤ 10 s) built
 * from it by splitting every triangle in four and then every other triangle at its centre
 * (surfaces, curv files and flat patch alike; the same 256³ volumes). Per-stage times of the
 * last run and the process's peak resident memory are printed too.
 */
const RUNS = 3;

export async function run(): Promise<void> {
  if (!SHARED) {
    console.log(`import: skipped, ${SKIP_REASON}`);
    return;
  }
  const source = join(SHARED, 'data', 'freesurfer');
  await timeImports('fs-hcp32k', source, 'fs-hcp32k');
  const big = await mkdtemp(join(tmpdir(), 'roi-studio-bench-fs-'));
  try {
    const t0 = performance.now();
    const vertices = await writeSubdivided(join(source, 'fs-hcp32k'), join(big, 'nsd-size'));
    console.log(
      `nsd-size: built ${vertices} vertices per hemisphere in ${(performance.now() - t0).toFixed(0)} ms`,
    );
    await timeImports('nsd-size', big, 'nsd-size');
  } finally {
    await rm(big, { recursive: true, force: true });
  }
}

async function timeImports(label: string, subjectsDir: string, subject: string): Promise<void> {
  const times: number[] = [];
  let stages: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const db = await mkdtemp(join(tmpdir(), 'roi-studio-bench-db-'));
    try {
      let last = performance.now();
      const t0 = last;
      const marks: [ImportStage | 'start', number][] = [];
      let current: ImportStage | 'start' = 'start';
      await importFreeSurfer({
        subjectsDir,
        subject,
        db,
        options: { ...DEFAULT_IMPORT_OPTIONS, labels: subject === 'nsd-size' ? 'none' : 'default' },
        progress: (stage) => {
          const now = performance.now();
          marks.push([current, now - last]);
          [current, last] = [stage, now];
        },
      });
      const end = performance.now();
      marks.push([current, end - last]);
      times.push(end - t0);
      stages = marks.map(([s, ms]) => `${s} ${ms.toFixed(0)}`);
    } finally {
      await rm(db, { recursive: true, force: true });
    }
  }
  const peak = process.resourceUsage().maxRSS / 1024;
  console.log(
    `${label}: import ${(median(times) / 1000).toFixed(2)} s (median of ${RUNS}; runs ${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s), peak RSS ${peak.toFixed(0)} MB`,
  );
  console.log(`${label}: stages (ms) ${stages.join(', ')}`);
}

/** A FreeSurfer folder whose meshes are the source's subdivided (see the header comment). */
export async function writeSubdivided(from: string, to: string): Promise<number> {
  for (const d of ['surf', 'mri', 'label']) await mkdir(join(to, d), { recursive: true });
  for (const f of ['T1.mgz', 'aseg.mgz', 'wm.mgz']) await copyFile(join(from, 'mri', f), join(to, 'mri', f));
  let count = 0;
  for (const hemi of ['lh', 'rh']) {
    const read = async (name: string) => readFile(join(from, 'surf', `${hemi}.${name}`));
    const base = readFreeSurferSurface(await read('smoothwm'));
    const plan = subdivision(base.triangles, base.points.length / 3);
    count = plan.vertices;
    for (const name of ['smoothwm', 'white', 'pial', 'inflated']) {
      const s = readFreeSurferSurface(await read(name));
      const points = plan.spread(s.points, 3);
      await writeFile(
        join(to, 'surf', `${hemi}.${name}`),
        encodeFreeSurferSurface({ points, triangles: plan.triangles }),
      );
    }
    for (const name of ['curv', 'sulc', 'thickness'])
      await writeFile(
        join(to, 'surf', `${hemi}.${name}`),
        encodeFreeSurferCurv(plan.spread(readFreeSurferCurv(await read(name)), 1)),
      );
    const patch = readFreeSurferPatch(await read('full.flat.patch.3d'));
    await writeFile(join(to, 'surf', `${hemi}.full.flat.patch.3d`), encodeFreeSurferPatch(plan.patch(patch)));
  }
  return count;
}

interface Subdivision {
  vertices: number;
  triangles: Uint32Array;
  /** per-vertex values (`width` each) for the new mesh: new vertices average their parents */
  spread(values: Float32Array, width: number): Float32Array;
  /** the patch on the new mesh: a new vertex is in it when all its parents are */
  patch(p: FreeSurferPatch): FreeSurferPatch;
}

/** Each triangle into four at its edge midpoints, then every other new triangle into three at its centre. */
function subdivision(triangles: Uint32Array, n: number): Subdivision {
  const parents: number[][] = [];
  const edges = new Map<number, number>();
  const mid = (a: number, b: number) => {
    const key = Math.min(a, b) * n + Math.max(a, b);
    let v = edges.get(key);
    if (v === undefined) {
      v = n + parents.length;
      parents.push([a, b]);
      edges.set(key, v);
    }
    return v;
  };
  const four: number[] = [];
  for (let f = 0; f < triangles.length; f += 3) {
    const [a, b, c] = [triangles[f], triangles[f + 1], triangles[f + 2]];
    const [ab, bc, ca] = [mid(a, b), mid(b, c), mid(c, a)];
    four.push(a, ab, ca, ab, b, bc, ca, bc, c, ab, bc, ca);
  }
  const out: number[] = [];
  for (let f = 0; f < four.length; f += 3) {
    const [a, b, c] = [four[f], four[f + 1], four[f + 2]];
    if ((f / 3) % 2 === 1) {
      const m = n + parents.length;
      parents.push([a, b, c]);
      out.push(a, b, m, b, c, m, c, a, m);
    } else out.push(a, b, c);
  }
  const vertices = n + parents.length;
  const valueOf = (values: Float32Array, width: number) => {
    const result = new Float32Array(vertices * width);
    result.set(values.subarray(0, n * width));
    parents.forEach((ps, i) => {
      for (let k = 0; k < width; k++) {
        let sum = 0;
        for (const p of ps) sum += result[p * width + k];
        result[(n + i) * width + k] = sum / ps.length;
      }
    });
    return result;
  };
  return {
    vertices,
    triangles: Uint32Array.from(out),
    spread: valueOf,
    patch(p) {
      const inPatch = new Uint8Array(vertices);
      const coords = new Float32Array(3 * vertices);
      for (let r = 0; r < p.vertices.length; r++) {
        inPatch[p.vertices[r]] = 1;
        coords.set(p.coords.subarray(3 * r, 3 * r + 3), 3 * p.vertices[r]);
      }
      const all = valueOf(coords, 3);
      parents.forEach((ps, i) => (inPatch[n + i] = ps.every((q) => inPatch[q]) ? 1 : 0));
      const kept: number[] = [];
      for (let v = 0; v < vertices; v++) if (inPatch[v]) kept.push(v);
      const patchCoords = new Float32Array(3 * kept.length);
      kept.forEach((v, r) => patchCoords.set(all.subarray(3 * v, 3 * v + 3), 3 * r));
      return { vertices: Int32Array.from(kept), border: new Uint8Array(kept.length), coords: patchCoords };
    },
  };
}
