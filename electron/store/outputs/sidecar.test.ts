import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeGiftiSurface } from '../../../shared/formats/gifti-write.js';
import { copyToTemp, GOLDEN, SHARED } from '../../testing/shared-data.js';
import {
  findLayer,
  layerShapes,
  parseOverlay,
  serializeOverlay,
} from '../../../shared/formats/overlay-svg.js';
import { cliContext, overlayApi } from '../../backend/overlay-api.js';
import {
  readSidecar,
  restoreFromSidecar,
  roisToRestore,
  SIDECAR_FILE,
  syncSidecar,
  writeSidecar,
} from './sidecar.js';
import { loadSubjectSurfaces } from '../database/subject-surfaces.js';

/** pycortex rotate_flatmap: left flat +θ, right flat −θ, each about its own origin. */
async function rotateFlat(db: string, subject: string, degrees: number): Promise<void> {
  const { flat } = await loadSubjectSurfaces(db, subject);
  for (const [hemi, sign] of [
    ['lh', 1],
    ['rh', -1],
  ] as const) {
    const t = (sign * degrees * Math.PI) / 180;
    const p = flat[hemi].points.slice();
    for (let i = 0; i < p.length; i += 3) {
      const [x, y] = [p[i], p[i + 1]];
      p[i] = x * Math.cos(t) - y * Math.sin(t);
      p[i + 1] = x * Math.sin(t) + y * Math.cos(t);
    }
    await writeFile(
      join(db, subject, 'surfaces', `flat_${hemi}.gii`),
      encodeGiftiSurface({ points: p, triangles: flat[hemi].triangles }),
    );
  }
}

describe.skipIf(!SHARED)('sidecar (sub-hcp32k)', () => {
  it('records every ROI of the saved overlay, then re-draws them after the flatmap is rotated and overlays.svg deleted', async () => {
    const db = await copyToTemp(['sub-hcp32k']);
    const dir = join(db, 'sub-hcp32k');
    try {
      await copyFile(join(GOLDEN, 'sub-hcp32k', 'overlays-rois.svg'), join(dir, 'overlays.svg'));
      const file = await syncSidecar(db, 'sub-hcp32k');
      expect(file).toBe(join(dir, SIDECAR_FILE));
      const sidecar = (await readSidecar(dir))!;
      const golden = JSON.parse(await readFile(join(GOLDEN, 'sub-hcp32k', 'rois.json'), 'utf8')) as Record<
        string,
        { lh: number[]; rh: number[] }
      >;
      expect(sidecar.nL).toBe(32492);
      expect(Object.fromEntries(sidecar.rois.map((r) => [r.name, { lh: r.lh, rh: r.rh }]))).toEqual(golden);
      expect(sidecar.rois.find((r) => r.name === 'BOTH_hemis')!.paths).toHaveLength(2);

      await rotateFlat(db, 'sub-hcp32k', 20);
      await rm(join(dir, 'overlays.svg')); // as pycortex's import_flat does
      const { rois, edits } = await restoreFromSidecar(db, 'sub-hcp32k');
      console.log(
        `restored after a 20° rotation: ${rois.map((r) => `${r.name} J=${r.jaccard.toFixed(3)}`).join(', ')}`,
      );
      expect(rois.map((r) => r.name)).toEqual(Object.keys(golden));
      for (const r of rois) expect(r.jaccard, r.name).toBeGreaterThanOrEqual(0.85);
      expect(edits.every((e) => e.kind === 'add')).toBe(true);
      expect(rois.find((r) => r.name === 'BOTH_hemis')!.paths).toHaveLength(2);
    } finally {
      await rm(db, { recursive: true, force: true });
    }
  }, 180_000);

  it('re-draws only the ROIs missing from the overlay or whose vertices changed, and offers nothing when all are intact', async () => {
    const db = await copyToTemp(['sub-hcp32k']);
    const dir = join(db, 'sub-hcp32k');
    const file = join(dir, 'overlays.svg');
    try {
      await copyFile(join(GOLDEN, 'sub-hcp32k', 'overlays-rois.svg'), file);
      await syncSidecar(db, 'sub-hcp32k');
      const api = overlayApi(cliContext(db));
      expect(await roisToRestore(db, 'sub-hcp32k')).toEqual([]);
      expect(await restoreFromSidecar(db, 'sub-hcp32k')).toEqual({ rois: [], edits: [] });
      expect((await api.loadOverlay('sub-hcp32k')).sidecarRestore).toBeUndefined();

      // another tool drops one ROI and moves another; the rest stay byte for byte
      const o = parseOverlay(await readFile(file, 'utf8'));
      const shapes = layerShapes(findLayer(o, 'rois')!);
      const gone = shapes.find((s) => s.name === 'T00_abs-line')!.element;
      gone.parentNode!.removeChild(gone);
      shapes
        .find((s) => s.name === 'T03_rel-line')!
        .paths[0].setAttribute('d', 'M 1200,500 L 1300,500 L 1300,600 Z');
      await writeFile(file, serializeOverlay(o));

      const expected = ['T00_abs-line', 'T03_rel-line'];
      expect(await roisToRestore(db, 'sub-hcp32k')).toEqual(expected);
      expect((await api.loadOverlay('sub-hcp32k')).sidecarRestore).toEqual(expected);
      const { rois, edits } = await restoreFromSidecar(db, 'sub-hcp32k');
      expect(rois.map((r) => r.name)).toEqual(expected);
      expect(edits.map((e) => `${e.kind} ${'name' in e ? e.name : ''}`)).toEqual([
        'add T00_abs-line',
        'replace T03_rel-line',
      ]);
      for (const r of rois) expect(r.jaccard, r.name).toBeGreaterThanOrEqual(0.85);
    } finally {
      await rm(db, { recursive: true, force: true });
    }
  }, 180_000);

  it('refuses a sidecar that is not one, naming the file', async () => {
    const db = await copyToTemp([]);
    await writeFile(join(db, SIDECAR_FILE), '{"format":"other"}');
    await expect(readSidecar(db)).rejects.toThrow(/overlays.roi-studio.json: not an ROI Studio sidecar/);
    await writeSidecar(db, [{ name: 'A', paths: ['M 0,0 L 1,0 L 1,1 Z'], lh: [5], rh: [] }], {
      nL: 4,
      nR: 4,
    }).catch(() => undefined);
    await expect(readSidecar(db)).rejects.toThrow(/vertex index beyond the mesh/);
    await rm(db, { recursive: true, force: true });
  });
});
