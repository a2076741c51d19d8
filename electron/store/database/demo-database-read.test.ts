import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npyToFloat64, parseNpz } from '../../../shared/formats/npy.js';
import { loadCurvature } from '../flatmap/curvature.js';
import { writeDemoDatabase } from './demo-database.js';
import { loadSubjectSurfaces } from './subject-surfaces.js';
import { listSubjects } from './subjects.js';
import { readTransform } from './transforms.js';
import { checkVolumeShape, readVolumeFile } from './volumes.js';

/** The generated demo database read back through the same store code as a real one. */
describe('reading the demo database', () => {
  let home = '';
  let db = '';
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'roi-studio-demo-read-'));
    db = await writeDemoDatabase(join(home, 'db'));
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  it('lists the demo subject with its transform, templates and overlay', async () => {
    const [demo, ...rest] = await listSubjects(db);
    expect(rest).toEqual([]);
    expect(demo.name).toBe('demo');
    expect(demo.problem).toBeUndefined();
    expect(demo.surfaces).toEqual(['fiducial', 'flat', 'inflated', 'pia', 'wm']);
    expect(demo.transforms.map((t) => t.name)).toEqual(['demo2mm']);
    expect(demo.hasOverlay).toBe(true);
    expect(demo.templates.every((t) => t.kind === 'volume' && t.labels && t.labels.length > 1)).toBe(true);
  });

  it('surfaces share vertices per hemisphere; templates sit on the transform grid', async () => {
    const s = await loadSubjectSurfaces(db, 'demo');
    for (const h of ['lh', 'rh'] as const) {
      const n = s.flat[h].points.length / 3;
      expect(n).toBeGreaterThan(100);
      for (const t of [s.wm, s.pia, s.fiducial]) expect(t?.[h].points.length).toBe(3 * n);
      const max = Math.max(...s.flat[h].triangles);
      expect(max).toBeLessThan(n);
    }
    const xfm = await readTransform(db, 'demo', 'demo2mm');
    expect(xfm.coord[3]).toEqual([0, 0, 0, 1]);
    const [summary] = await listSubjects(db);
    for (const t of summary.templates) {
      const v = await readVolumeFile(t.path);
      checkVolumeShape(t.path, v.dims, xfm);
      expect(v.data.length).toBe(xfm.shape[0] * xfm.shape[1] * xfm.shape[2]);
    }
  });

  it('reads the stored surface-info/curvature.npz, left then right', async () => {
    const curv = await loadCurvature(db, 'demo', join(home, 'cache'));
    const stored = parseNpz(await readFile(join(db, 'demo', 'surface-info', 'curvature.npz')));
    const left = npyToFloat64(stored.left);
    const right = npyToFloat64(stored.right);
    expect(curv.length).toBe(left.length + right.length);
    expect(curv[0]).toBe(Math.fround(left[0]));
    expect(curv[left.length]).toBe(Math.fround(right[0]));
    expect(curv[curv.length - 1]).toBe(Math.fround(right[right.length - 1]));
  });
});
