import { copyFile, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoiVertices } from '../../shared/api.js';
import { geometryRoiVertices } from '../../shared/roi/geometry-membership.js';
import { GOLDEN, SHARED, SKIP_REASON, copyToTemp } from '../testing/shared-data.js';
import { cliContext, overlayApi } from './overlay-api.js';

/**
 * The ROI list counts an edited ROI live from the FlatGeometry it was sent; on the real subjects
 * those counts are `rois`'s sets, vertex for vertex, and pycortex's own (rois.json).
 */
const SUBJECTS = ['S1', 'sub-hcp32k'];

describe.skipIf(!SHARED)(`ROI list counts on real subjects ${SHARED ? '' : SKIP_REASON}`, () => {
  let db = '';
  beforeAll(async () => {
    db = await copyToTemp(SUBJECTS);
    for (const s of SUBJECTS)
      await copyFile(join(GOLDEN, s, 'overlays-rois.svg'), join(db, s, 'overlays.svg'));
  }, 60_000);
  afterAll(async () => {
    if (db) await rm(db, { recursive: true, force: true });
  });

  for (const subject of SUBJECTS)
    it(`the UI's live membership of every ROI of ${subject} equals \`rois\` and pycortex`, async () => {
      const api = overlayApi(cliContext(db));
      const geometry = await api.getFlatGeometry(subject);
      const snap = await api.loadOverlay(subject);
      const saved = await api.getRoiVertices(subject);
      const golden = JSON.parse(await readFile(join(GOLDEN, subject, 'rois.json'), 'utf8')) as Record<
        string,
        RoiVertices
      >;
      const shapes = snap.layers.find((l) => l.name === 'rois')!.shapes;
      expect(shapes.map((s) => s.name).sort()).toEqual(Object.keys(golden).sort());
      let vertices = 0;
      for (const s of shapes) {
        const live = geometryRoiVertices(
          s.paths.map((p) => p.d),
          geometry,
        );
        expect(live, s.name).toEqual(saved[s.name]);
        expect(live, s.name).toEqual(golden[s.name]);
        vertices += live.lh.length + live.rh.length;
      }
      expect(vertices).toBeGreaterThan(1000);
    }, 120_000);
});
