import { describe, expect, it } from 'vitest';
import type { FlatGeometry } from '../../shared/api.js';
import type { SubjectData, TemplateData } from '../state/editor-store.js';
import { describePoint, rasterPixel } from './cursor-info.js';

describe('rasterPixel', () => {
  it('maps the SVG frame onto the quickflat grid with inclusive endpoints', () => {
    expect(rasterPixel(0, 0, 200, 100, 3, 2)).toBe(0);
    expect(rasterPixel(200, 100, 200, 100, 3, 2)).toBe(5);
    expect(rasterPixel(100, 0, 200, 100, 3, 2)).toBe(1);
    expect(rasterPixel(-100, 0, 200, 100, 3, 2)).toBeNull();
    expect(rasterPixel(0, 160, 200, 100, 3, 2)).toBeNull();
  });
});

describe('describePoint', () => {
  const geometry = { nL: 2, nR: 2, svgWidth: 200, svgHeight: 100 } as FlatGeometry;
  const subject: SubjectData = {
    geometry,
    curvature: null,
    vertexMap: { width: 2, height: 1, vertex: new Int32Array([1, 3]) },
  };
  const template: TemplateData = {
    kind: 'volume',
    info: { name: 't', path: '/t', kind: 'volume' },
    volume: {
      path: '/t',
      dims: [2, 3, 4],
      values: Float32Array.from({ length: 24 }, (_, i) => i % 3),
      integerValued: true,
      labels: [{ index: 2, name: 'V2' }],
      min: 0,
      max: 2,
    },
    pixelMap: {
      subject: 's',
      transform: 'x',
      thick: 1,
      depth: 0.5,
      width: 2,
      height: 1,
      pixels: new Uint32Array([0, 1]),
      lengths: new Uint32Array([0, 2]),
      voxels: new Int32Array([23, 5]),
      samples: new Uint8Array([1, 1]),
      mid: new Int32Array([23, 5]),
    },
  };

  it('names the hemisphere-local vertex, the voxel (i, j, k), its value and label', () => {
    const left = describePoint(10, 50, subject, template);
    expect(left).toMatchObject({ hemi: 'lh', vertex: 1, voxel: [1, 2, 3], value: 2, label: 'V2' });
    const right = describePoint(190, 50, subject, template);
    expect(right).toMatchObject({ hemi: 'rh', vertex: 1, voxel: [1, 2, 0], value: 2 });
  });
});
