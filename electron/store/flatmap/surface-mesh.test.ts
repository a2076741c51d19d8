import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERTEX_MAPPERS } from '../../../shared/api.js';
import { npyToFloat64, parseNpz } from '../../../shared/formats/npy.js';
import { DEFAULT_IMPORT_OPTIONS } from '../../../shared/freesurfer/import-subject.js';
import { applyVertexSampling, labelsAtVertices } from '../../../shared/mesh/vertex-mappers.js';
import { GOLDEN, SHARED, SHARED_DB, SKIP_REASON, copyToTemp } from '../../testing/shared-data.js';
import { importFreeSurfer } from '../import/freesurfer-import.js';
import { surfaceMeshFor, vertexSamplingFor } from './surface-mesh.js';
import { readVolumeFile } from '../database/volumes.js';

describe.skipIf(!SHARED)(`3-D view data (${SHARED ? 'shared data' : SKIP_REASON})`, () => {
  it.each(VERTEX_MAPPERS)(
    'sub-hcp32k prf-visualrois through %s equals pycortex get_mapper per vertex',
    async (mapper) => {
      const golden = parseNpz(
        await readFile(join(GOLDEN, 'sub-hcp32k', 'vertex_mapping_prf-visualrois.npz')),
      );
      const expected = npyToFloat64(golden[mapper]);
      const volume = await readVolumeFile(
        join(SHARED_DB, 'sub-hcp32k', 'templates', 'prf-visualrois.nii.gz'),
      );
      const sampling = await vertexSamplingFor(SHARED_DB, 'sub-hcp32k', 'func2mm', mapper);
      expect(sampling.indptr.length).toBe(64984 + 1);
      const got = applyVertexSampling(sampling, volume.data);
      expect(got.length).toBe(expected.length);
      let maxDiff = 0;
      let differ = 0;
      let labelled = 0;
      for (let v = 0; v < got.length; v++) {
        const d = Math.abs(got[v] - expected[v]);
        maxDiff = Math.max(maxDiff, d);
        if (d > 1e-4) differ++;
        if (expected[v] !== 0) labelled++;
      }
      console.log(
        `${mapper}: ${differ} of ${got.length} vertices differ by > 1e-4 (max ${maxDiff.toExponential(2)}), ${labelled} labelled`,
      );
      // the golden is not trivial: thousands of vertices carry a visual-area label
      expect(labelled).toBeGreaterThan(1000);
      expect(differ).toBe(0);
      if (mapper === 'nearest') {
        // one voxel per vertex: labels are the values themselves
        expect(labelsAtVertices(sampling, volume.data, 0)).toEqual(got);
      }
    },
    60_000,
  );

  it('sub-hcp32k mesh: both hemispheres, inflated nudged apart, the flat target in one plane', async () => {
    const mesh = await surfaceMeshFor(
      SHARED_DB,
      'sub-hcp32k',
      await mkdtemp(join(tmpdir(), 'roi-studio-cache-')),
    );
    const n = mesh.nL + mesh.nR;
    expect([mesh.nL, mesh.nR]).toEqual([32492, 32492]);
    for (const a of [mesh.fiducial, mesh.flat, mesh.inflated!]) expect(a.length).toBe(3 * n);
    expect(mesh.curvature.length).toBe(n);
    expect(mesh.triangles.reduce((a, b) => Math.max(a, b), 0)).toBe(n - 1);
    // inflated: left ends at x = 0, right starts there
    let lMax = -Infinity;
    let rMin = Infinity;
    for (let v = 0; v < n; v++) {
      const x = mesh.inflated![3 * v];
      if (v < mesh.nL) lMax = Math.max(lMax, x);
      else rMin = Math.min(rMin, x);
    }
    expect([lMax, rMin]).toEqual([0, 0]);
    const y = mesh.flat[1];
    for (let v = 0; v < n; v++) expect(mesh.flat[3 * v + 1]).toBe(y);
  });

  it('a subject without inflated surfaces: fiducial and flat only; a missing wm/pia pair is one clear error', async () => {
    const db = await copyToTemp(['sub-hcp32k']);
    const cache = await mkdtemp(join(tmpdir(), 'roi-studio-cache-'));
    const surfaces = join(db, 'sub-hcp32k', 'surfaces');
    await Promise.all(['inflated_lh.gii', 'inflated_rh.gii'].map((f) => rm(join(surfaces, f))));
    const mesh = await surfaceMeshFor(db, 'sub-hcp32k', cache);
    expect(mesh.inflated).toBeUndefined();
    expect(mesh.fiducial.length).toBe(3 * 64984);
    await Promise.all(['pia_lh.gii', 'pia_rh.gii'].map((f) => rm(join(surfaces, f))));
    await expect(surfaceMeshFor(db, 'sub-hcp32k', cache)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message:
        'subject sub-hcp32k: the 3-D view needs wm and pia surfaces (or fiducial_{lh,rh}) in surfaces/',
    });
  });

  it('ANfs (legacy database, no transforms, cut medial wall): both hemispheres with inflated, cut vertices folded onto the flat', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'roi-studio-cache-'));
    const mesh = await surfaceMeshFor(join(SHARED!, 'data', 'legacy-db'), 'ANfs', cache);
    const n = mesh.nL + mesh.nR;
    expect(mesh.nL).toBeGreaterThan(50_000);
    expect(mesh.nR).toBeGreaterThan(50_000);
    for (const a of [mesh.fiducial, mesh.inflated!, mesh.flat]) {
      expect(a.length).toBe(3 * n);
      expect(a.every(Number.isFinite)).toBe(true);
    }
    expect(mesh.curvature.length).toBe(n);
    expect(mesh.triangles.reduce((a, b) => Math.max(a, b), 0)).toBe(n - 1);
    // the medial wall is cut from the flatmap: on the flat target each cut vertex sits on a valid one
    const cut = [...mesh.valid.keys()].filter((v) => !mesh.valid[v]);
    expect(cut.length).toBeGreaterThan(1000);
    const onValid = new Set<string>();
    for (let v = 0; v < n; v++) if (mesh.valid[v]) onValid.add(`${mesh.flat[3 * v]},${mesh.flat[3 * v + 2]}`);
    for (const v of cut) expect(onValid.has(`${mesh.flat[3 * v]},${mesh.flat[3 * v + 2]}`)).toBe(true);
  });

  it('an imported FreeSurfer subject (fs-hcp32k): the fiducial and inflated surfaces of the pycortex subject it was made from, its own flat', async () => {
    const db = await mkdtemp(join(tmpdir(), 'roi-studio-db-'));
    await importFreeSurfer({
      subjectsDir: join(SHARED!, 'data', 'freesurfer'),
      subject: 'fs-hcp32k',
      db,
      options: { ...DEFAULT_IMPORT_OPTIONS, labels: 'none' },
    });
    const cache = await mkdtemp(join(tmpdir(), 'roi-studio-cache-'));
    const [imported, original] = await Promise.all([
      surfaceMeshFor(db, 'fs-hcp32k', cache),
      surfaceMeshFor(SHARED_DB, 'sub-hcp32k', cache),
    ]);
    expect([imported.nL, imported.nR]).toEqual([32492, 32492]);
    expect(imported.triangles).toEqual(original.triangles);
    for (const key of ['fiducial', 'inflated'] as const) {
      const [a, b] = [imported[key]!, original[key]!];
      let maxDiff = 0;
      for (let i = 0; i < b.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
      expect(maxDiff, key).toBeLessThan(1e-3);
    }
    // its own flat (pycortex's import of the patch): a morph target in one plane
    const y = imported.flat[1];
    for (let v = 0; v < 2 * 32492; v++) expect(imported.flat[3 * v + 1]).toBe(y);
    expect(imported.valid.reduce((a, b) => a + b, 0)).toBeGreaterThan(55_000);
  }, 120_000);
});
