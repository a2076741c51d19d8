import { describe, expect, it } from 'vitest';
import type { PixelMap, TemplateInfo, VolumeData } from '../../shared/api.js';
import type { TemplateData } from '../state/editor-store.js';
import { isLabelTemplate, looksLikeLabels, templateRgba, templateValues } from './template-image.js';

/** A 2×1 raster: pixel 0 reads voxel 0 (and voxel 1 at half weight in depth), pixel 1 is off the brain. */
const pixelMap: PixelMap = {
  subject: 's',
  transform: 'x',
  thick: 2,
  depth: 0.5,
  width: 2,
  height: 1,
  pixels: new Uint32Array([0]),
  lengths: new Uint32Array([0, 0, 1]),
  voxels: new Int32Array([0, 1]),
  samples: new Uint8Array([1, 1]),
  mid: new Int32Array([0, -1]),
};
const info: TemplateInfo = { name: 't', path: '/t.nii.gz', kind: 'volume' };

function volume(values: number[], integerValued: boolean, labels?: VolumeData['labels']): TemplateData {
  const v = new Float32Array(values);
  return {
    kind: 'volume',
    info,
    pixelMap,
    volume: { path: '/t.nii.gz', dims: [v.length, 1, 1], values: v, integerValued, labels, min: 0, max: 1 },
  };
}

describe('template image', () => {
  it('treats integer volumes with few values as labels, and many-valued integer volumes (an EPI) as data', () => {
    expect(looksLikeLabels(volume([2, 4], true))).toBe(true);
    expect(
      looksLikeLabels(
        volume(
          Array.from({ length: 1000 }, (_, i) => i),
          true,
        ),
      ),
    ).toBe(false);
    expect(looksLikeLabels(volume([0.5, 0.25], false))).toBe(false);
    const big = volume(
      Array.from({ length: 1000 }, (_, i) => i),
      true,
      [{ index: 1, name: 'a' }],
    );
    expect(looksLikeLabels(big)).toBe(true);
  });

  it('draws labels crisp from the mid-depth voxel and data as the depth mean; the user can switch', () => {
    const t = volume([2, 4], true);
    expect([...templateValues(t, true)]).toEqual([2, NaN]);
    expect([...templateValues(t, false)]).toEqual([3, NaN]);
    expect(isLabelTemplate(t, { asLabels: false })).toBe(false);
    const rgba = templateRgba(t, {
      opacity: 1,
      colormap: 'gray',
      vmin: 2,
      vmax: 4,
      onlyLabel: null,
      asLabels: false,
    });
    expect([...rgba.data.slice(0, 4)]).toEqual([128, 128, 128, 255]);
    expect(rgba.data[7]).toBe(0);
  });
});
