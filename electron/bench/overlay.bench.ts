import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findLayer, layerShapes, parseOverlay } from '../../shared/formats/overlay-svg.js';
import { roiVertices } from '../../shared/roi/membership.js';
import { cliContext, overlayApi } from '../backend/overlay-api.js';
import { contextAt, loadSubjectFlat } from '../store/flatmap/flat-geometry.js';
import { GOLDEN, SHARED, SHARED_DB, SKIP_REASON } from '../testing/shared-data.js';
import { median } from './median.js';

const ms = (t: number) => `${t.toFixed(1)} ms`;

/** Overlay parse + membership of every S1 ROI (target ≤ 200 ms), and saving the 3 MB sub-hcp32k overlay (target ≤ 200 ms). */
export async function run(): Promise<void> {
  if (!SHARED) {
    console.log(`overlay bench skipped: ${SKIP_REASON}`);
    return;
  }
  const text = await readFile(join(GOLDEN, 'S1', 'overlays-rois.svg'), 'utf8');
  const flat = await loadSubjectFlat(SHARED_DB, 'S1');
  let t = performance.now();
  const probe = parseOverlay(text);
  contextAt(flat, probe.width, probe.height);
  console.log(
    `S1 point index + cut ring ready (once per subject and SVG size): ${ms(performance.now() - t)}`,
  );

  const parse: number[] = [];
  const member: number[] = [];
  let vertices = 0;
  let shapes = 0;
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    const o = parseOverlay(text);
    const list = layerShapes(findLayer(o, 'rois')!);
    const t1 = performance.now();
    const ctx = contextAt(flat, o.width, o.height);
    vertices = 0;
    for (const s of list)
      vertices += roiVertices(
        s.paths.map((p) => p.getAttribute('d') ?? ''),
        ctx,
      ).length;
    const t2 = performance.now();
    parse.push(t1 - t);
    member.push(t2 - t1);
    shapes = list.length;
  }
  console.log(`S1 overlay parse (2.9 MB): ${ms(median(parse))} (median of 5)`);
  console.log(
    `S1 membership, all ${shapes} ROIs (${vertices} vertices): ${ms(median(member))} (median of 5)`,
  );
  console.log(`S1 parse + membership: ${ms(median(parse) + median(member))} (target ≤ 200 ms)`);

  const dir = await mkdtemp(join(tmpdir(), 'roi-studio-bench-'));
  try {
    await cp(join(SHARED_DB, 'sub-hcp32k'), join(dir, 'sub-hcp32k'), { recursive: true });
    const api = overlayApi(cliContext(dir));
    const saves: number[] = [];
    let rev = (await api.loadOverlay('sub-hcp32k')).revision;
    for (let i = 0; i < 7; i++) {
      t = performance.now();
      const r = await api.saveOverlay({
        subject: 'sub-hcp32k',
        baseRevision: rev,
        edits: [{ kind: 'add', name: `bench${i}`, paths: ['M 1200,500 L 1300,500 L 1300,600 Z'] }],
      });
      saves.push(performance.now() - t);
      rev = r.snapshot.revision;
    }
    console.log(
      `sub-hcp32k save (3.3 MB: lock, stale check, edit, temp + fsync, backup, rename): ${ms(median(saves))} (median of 7, target ≤ 200 ms)`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
