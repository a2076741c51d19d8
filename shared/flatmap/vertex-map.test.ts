import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  goldenPath,
  imageAgreement,
  readNpzFile,
  subjectFrame,
} from '../../electron/testing/flatmap-fixtures.js';
import { SHARED, SHARED_DB } from '../../electron/testing/shared-data.js';
import { vertexImage } from './compose.js';
import { shadeCurvature } from './curvature-shading.js';
import { buildFlatDelaunay } from './flat-delaunay.js';
import { buildFlatMask } from './flat-mask.js';
import { imageGrid } from './image-grid.js';
import { npyToFloat64 } from '../formats/npy.js';
import { buildVertexRaster } from './vertex-map.js';

describe('curvature shading', () => {
  it('gives pycortex grey levels: 0.625 gyri, 0.375 sulci (0 counts as sulcus), NaN off the brain', () => {
    const out = shadeCurvature(new Int32Array([0, 1, 2, -1, 3]), [0.2, -0.3, 0, 5]);
    expect([...out]).toEqual([0.625, 0.375, 0.375, NaN, 0.625]);
  });
});

async function vertexRaster(subject: string) {
  const frame = await subjectFrame(subject);
  return buildVertexRaster(
    buildFlatDelaunay(frame),
    buildFlatMask(frame, 1024),
    imageGrid(frame.extents, 1024),
  );
}

function report(label: string, ours: Float32Array, theirs: Float32Array) {
  const a = imageAgreement(ours, theirs);
  console.log(
    `${label}: NaN masks agree on ${(100 * a.nanAgreement).toFixed(4)} % of pixels, values on ${(100 * a.valueAgreement).toFixed(4)} % of ${a.finiteBoth} pixels finite in both`,
  );
  expect(a.nanAgreement).toBeGreaterThanOrEqual(0.999);
  expect(a.valueAgreement).toBeGreaterThanOrEqual(0.999);
}

const curvatureFile: Record<string, string> = {
  // S1 ships without surface-info: the golden holds what pycortex generates for it
  S1: goldenPath('S1', 'curvature.npz'),
  'sub-hcp32k': join(SHARED_DB, 'sub-hcp32k', 'surface-info', 'curvature.npz'),
};

describe.skipIf(!SHARED)('vertex rasterisation agrees with pycortex', () => {
  for (const subject of ['S1', 'sub-hcp32k']) {
    it(`${subject}: random vertex data and the curvature background`, async () => {
      const raster = await vertexRaster(subject);
      const random = await readNpzFile(goldenPath(subject, 'vertex_flatmap_random.npz'));
      report(
        `${subject} vertex_flatmap_random`,
        vertexImage(raster, random.vertex_data.data as Float32Array),
        random.img.data as Float32Array,
      );
      const curv = await readNpzFile(curvatureFile[subject]);
      const values = new Float64Array([...npyToFloat64(curv.left), ...npyToFloat64(curv.right)]);
      const golden = await readNpzFile(goldenPath(subject, 'curvature_image.npz'));
      report(`${subject} curvature_image`, shadeCurvature(raster, values), golden.img.data as Float32Array);
    });
  }
});
