import { chmod, copyFile, cp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame } from '../../shared/api-codec.js';
import type { FlatGeometry, RoiVertices } from '../../shared/api.js';
import { geometryRoiVertices, membershipContext } from '../../shared/roi/geometry-membership.js';
import { contextAt, loadSubjectFlat } from '../store/flatmap/flat-geometry.js';
import { cliOutput } from '../testing/cli-process.js';
import { compareSets } from '../testing/roi-sets.js';
import { GOLDEN, SHARED, SKIP_REASON, copyToTemp } from '../testing/shared-data.js';
import { cliContext, overlayApi } from './overlay-api.js';

/**
 * The ROI list counts an edited ROI live from the FlatGeometry it was sent (renderer/state/
 * roi-counts.ts). On the real subjects, including the legacy rois.svg subject read through
 * pycortex's conversion, those sets are `rois --json`'s, vertex for vertex, and pycortex's own
 * (rois.json): the editor and the back end build one membership context from the same numbers.
 */
const SUBJECTS = ['S1', 'sub-hcp32k'];
const LEGACY = 'ANfs';

const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe.skipIf(!SHARED)(`ROI list counts on real subjects ${SHARED ? '' : SKIP_REASON}`, () => {
  let db = '';
  beforeAll(async () => {
    db = await copyToTemp(SUBJECTS);
    for (const s of SUBJECTS)
      await copyFile(join(GOLDEN, s, 'overlays-rois.svg'), join(db, s, 'overlays.svg'));
    await cp(join(SHARED!, 'data', 'legacy-db', LEGACY), join(db, LEGACY), { recursive: true });
    await chmod(join(db, LEGACY), 0o755);
  }, 60_000);
  afterAll(async () => {
    if (db) await rm(db, { recursive: true, force: true });
  });

  for (const subject of [...SUBJECTS, LEGACY])
    it(`the editor's live membership of every ROI of ${subject} equals \`rois --json\` and pycortex`, async () => {
      const api = overlayApi(cliContext(db));
      // the geometry as the UI receives it over `serve` (IPC's structured clone keeps the same arrays)
      const geometry = decodeFrame(encodeFrame(await api.getFlatGeometry(subject))) as FlatGeometry;
      const snap = await api.loadOverlay(subject);
      expect(snap.exists).toBe(subject !== LEGACY);
      const rois = JSON.parse(
        await cliOutput(['rois', '--db', db, '--subject', subject, '--json']),
      ) as Record<string, RoiVertices>;
      const golden = JSON.parse(await readFile(join(GOLDEN, subject, 'rois.json'), 'utf8')) as Record<
        string,
        RoiVertices
      >;

      const editor = membershipContext(geometry);
      const backend = contextAt(await loadSubjectFlat(db, subject), geometry.svgWidth, geometry.svgHeight);
      expect(bytes(editor.index.xs).equals(bytes(backend.index.xs))).toBe(true);
      expect(bytes(editor.index.ys).equals(bytes(backend.index.ys))).toBe(true);
      expect(bytes(editor.index.order).equals(bytes(backend.index.order))).toBe(true);

      const shapes = snap.layers.find((l) => l.name === 'rois')!.shapes;
      expect(shapes.map((s) => s.name).sort()).toEqual(Object.keys(golden).sort());
      const live: Record<string, RoiVertices> = {};
      for (const s of shapes)
        live[s.name] = geometryRoiVertices(
          s.paths.map((p) => p.d),
          geometry,
        );
      for (const name of Object.keys(rois)) expect(live[name], name).toEqual(rois[name]);
      expect(live).toEqual(rois);
      expect(compareSets(subject, live, golden)).toBe(0);
      const vertices = Object.values(live).reduce((n, m) => n + m.lh.length + m.rh.length, 0);
      expect(vertices).toBeGreaterThan(1000);
    }, 180_000);
});
