import { describe, expect, it } from 'vitest';
import { parseGiftiArrays, parseGiftiSurface } from './gifti.js';
import { encodeGiftiSurface } from './gifti-write.js';

describe('encodeGiftiSurface', () => {
  const surface = {
    points: Float32Array.from([0, 0, 0, 1.5, -2.25, 3, 1e-7, 123456.789, -0.5, 7, 8, 9]),
    triangles: Uint32Array.from([0, 1, 2, 0, 2, 3, 1, 3, 2]),
  };
  const text = encodeGiftiSurface(surface);

  it('round-trips through the GIFTI reader bit for bit', () => {
    const back = parseGiftiSurface(text);
    expect(Array.from(back.points)).toEqual(Array.from(surface.points));
    expect(Array.from(back.triangles)).toEqual(Array.from(surface.triangles));
  });

  it('writes what pycortex writes through nibabel: float32 points, int32 triangles, zlib, little endian', () => {
    const arrays = parseGiftiArrays(text);
    expect(arrays.map((a) => [a.intent, a.dataType, a.dims])).toEqual([
      ['NIFTI_INTENT_POINTSET', 'NIFTI_TYPE_FLOAT32', [4, 3]],
      ['NIFTI_INTENT_TRIANGLE', 'NIFTI_TYPE_INT32', [3, 3]],
    ]);
    expect(text.match(/Encoding="GZipBase64Binary"/g)).toHaveLength(2);
    expect(text.match(/Endian="LittleEndian"/g)).toHaveLength(2);
    expect(text.match(/ArrayIndexingOrder="RowMajorOrder"/g)).toHaveLength(2);
    // zlib stream (78 9C → base64 "eJ"), not a gzip file
    expect(text.match(/<Data>([^<]*)<\/Data>/g)!.every((d) => d.startsWith('<Data>eJ'))).toBe(true);
  });

  it('refuses a triangle that points past the last vertex', () => {
    expect(() =>
      encodeGiftiSurface({ points: new Float32Array(6), triangles: Uint32Array.from([0, 1, 2]) }),
    ).toThrow(/vertex 2 but there are 2/);
  });
});
