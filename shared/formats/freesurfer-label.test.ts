import { describe, expect, it } from 'vitest';
import { encodeLabel, LabelFileError, parseLabel } from './freesurfer-label.js';
import { encodeVertexCsv, encodeVertexJson } from './roi-vertex-lists.js';

describe('FreeSurfer .label', () => {
  const points = Float32Array.from([0, 0, 0, 1.5, -2.25, 3.125, 10, 20, 30]);
  it('writes the header, the count and `vertex x y z value` rows that read back', () => {
    const text = encodeLabel([1, 2], points, 'V1 from subject S vox2ras=TkReg');
    const lines = text.split('\n');
    expect(lines[0]).toBe('#!ascii label V1 from subject S vox2ras=TkReg');
    expect(lines[1]).toBe('2');
    expect(lines[2]).toBe('1  1.500  -2.250  3.125 0.0000000000');
    const back = parseLabel(text);
    expect(Array.from(back.vertices)).toEqual([1, 2]);
    expect(Array.from(back.coords)).toEqual([1.5, -2.25, 3.125, 10, 20, 30]);
  });
  it('refuses vertices outside the surface and malformed rows', () => {
    expect(() => encodeLabel([3], points, '')).toThrow(LabelFileError);
    expect(() => parseLabel('#\n2\n1 2 3 4 5\n')).toThrow(/line 4/);
  });
});

describe('vertex lists', () => {
  const rois = { V1: { lh: [1, 5], rh: [2] }, 'a,b': { lh: [], rh: [7] } };
  it('JSON matches rois --json', () => {
    expect(JSON.parse(encodeVertexJson(rois))).toEqual(rois);
  });
  it('CSV has one row per vertex', () => {
    expect(encodeVertexCsv(rois)).toBe('roi,hemisphere,vertex\nV1,lh,1\nV1,lh,5\nV1,rh,2\n"a,b",rh,7\n');
  });
});
