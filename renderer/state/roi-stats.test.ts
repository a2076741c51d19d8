import { describe, expect, it } from 'vitest';
import type { FlatGeometry, PixelMap, VertexMap } from '../../shared/api.js';
import type { TemplateData } from './editor-store.js';
import { selectedRoiStats, templateVertexLabels } from './roi-stats.js';

// two unit squares of 4 vertices each (lh 0–3, rh 0–3); 1 SVG unit = 1 mm
const geometry = {
  nL: 4,
  nR: 4,
  svgXY: Float32Array.from([0, 0, 1, 0, 1, 1, 0, 1, 2, 0, 3, 0, 3, 1, 2, 1]),
  triangles: Uint32Array.from([0, 1, 2, 0, 2, 3, 4, 5, 6, 4, 6, 7]),
  extents: [0, 10, 0, 10],
  svgWidth: 10,
  svgHeight: 10,
} as unknown as FlatGeometry;

// a 4×2 raster: pixel → nearest vertex, and the mid-depth voxel each pixel shows
const vertexMap: VertexMap = { width: 4, height: 2, vertex: Int32Array.from([0, 0, 1, 2, 3, 4, -1, 5]) };
const pixelMap = {
  width: 4,
  height: 2,
  mid: Int32Array.from([0, 0, 1, 1, 2, 0, -1, 1]),
} as unknown as PixelMap;
const volumeTemplate = {
  kind: 'volume',
  info: { name: 'labels', path: '/t.nii.gz', kind: 'volume' },
  // voxel 0 → label 1 (V1), voxel 1 → label 2 (V2), voxel 2 → 0 (no label)
  volume: {
    path: '/t.nii.gz',
    dims: [3, 1, 1],
    values: Float32Array.from([1, 2, 0]),
    integerValued: true,
    labels: [
      { index: 1, name: 'V1' },
      { index: 2, name: 'V2' },
    ],
    min: 0,
    max: 2,
  },
  pixelMap,
} as unknown as TemplateData;

describe('templateVertexLabels', () => {
  it('labels each vertex with the mid-depth label of its pixels; unreached vertices are NaN', () => {
    const labels = templateVertexLabels(volumeTemplate, geometry, vertexMap)!;
    expect(Array.from(labels)).toEqual([1, 2, 2, 0, 1, 2, NaN, NaN]);
  });

  it('needs the vertex map for a volume, and rasters of one size', () => {
    expect(templateVertexLabels(volumeTemplate, geometry, null)).toBeNull();
    const small: VertexMap = { width: 2, height: 1, vertex: Int32Array.from([0, 1]) };
    expect(templateVertexLabels(volumeTemplate, geometry, small)).toBeNull();
  });
});

describe('selectedRoiStats', () => {
  it('gives counts, flat area and the share of the ROI in each label', () => {
    const s = selectedRoiStats({ lh: [0, 1, 2, 3], rh: [0] }, geometry, volumeTemplate, vertexMap);
    expect([s.lh, s.rh]).toEqual([4, 1]);
    // the left square (1 mm²) plus a third of each of the right's two triangles touching vertex 4
    expect(s.flatAreaMm2).toBeCloseTo(1 + 2 * (0.5 / 3));
    expect(s.overlap).toEqual([
      { label: 1, name: 'V1', vertices: 2, percent: 40 },
      { label: 2, name: 'V2', vertices: 2, percent: 40 },
    ]);
    expect(selectedRoiStats({ lh: [0], rh: [] }, geometry, null, vertexMap).overlap).toBeUndefined();
  });
});
