import { gunzipSync } from 'fflate';
import type { NIFTI1 } from 'nifti-reader-js';
import { readHeader, readImage } from 'nifti-reader-js';
import { describe, expect, it } from 'vitest';
import { encodeNifti, quaternFromAffine } from './nifti-write.js';

function decode(bytes: Uint8Array) {
  const raw = gunzipSync(bytes);
  const buffer = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength) as ArrayBuffer;
  const header = readHeader(buffer) as NIFTI1;
  return { header, image: readImage(header, buffer), raw };
}

/** Rotation about an axis (unit vector) by angle, as a row-major 3×3. */
function rotation(axis: number[], angle: number): number[][] {
  const [x, y, z] = axis;
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const t = 1 - c;
  return [
    [t * x * x + c, t * x * y - s * z, t * x * z + s * y],
    [t * x * y + s * z, t * y * y + c, t * y * z - s * x],
    [t * x * z - s * y, t * y * z + s * x, t * z * z + c],
  ];
}

describe('encodeNifti', () => {
  it('writes an int16 LAS volume readers decode to the same shape, type, affine and values', () => {
    const dims = [4, 3, 2];
    const data = Int16Array.from({ length: 24 }, (_, i) => i * 37 - 300);
    const affine = [
      [-2, 0, 0, 79],
      [0, 2, 0, -106],
      [0, 0, 2, -56],
      [0, 0, 0, 1],
    ];
    const { header, image, raw } = decode(encodeNifti({ dims, data, affine, description: 'test' }));
    expect(header.dims.slice(0, 4)).toEqual([3, 4, 3, 2]);
    expect(header.datatypeCode).toBe(4);
    expect(header.numBitsPerVoxel).toBe(16);
    expect(header.vox_offset).toBe(352);
    expect(header.magic).toBe('n+1');
    expect(header.sform_code).toBe(1);
    expect(header.qform_code).toBe(1);
    expect(header.affine).toEqual(affine);
    expect(Array.from(new Int16Array(image))).toEqual(Array.from(data));
    expect(raw.length).toBe(352 + 48);
    // the qform describes the same mapping (qfac −1 for the flipped x axis)
    expect(header.pixDims[0]).toBe(-1);
    const q = header.convertNiftiQFormToNiftiSForm(
      header.quatern_b,
      header.quatern_c,
      header.quatern_d,
      header.qoffset_x,
      header.qoffset_y,
      header.qoffset_z,
      header.pixDims[1],
      header.pixDims[2],
      header.pixDims[3],
      header.pixDims[0],
    );
    for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) expect(q[r][c]).toBeCloseTo(affine[r][c], 5);
  });

  it('encodes oblique rotations in the qform (every quaternion branch)', () => {
    for (const [axis, angle] of [
      [[0, 0, 1], 0.3],
      [[1, 0, 0], 3.0],
      [[0, 1, 0], 3.0],
      [[0, 0, 1], 3.0],
      [[0.6, 0.8, 0], 2.0],
    ] as [number[], number][]) {
      const R = rotation(axis, angle);
      const zooms = [1.8, 2.2, 2.5];
      const affine = [...R.map((row, r) => [...row.map((v, c) => v * zooms[c]), 10 * r - 7]), [0, 0, 0, 1]];
      const { header } = decode(encodeNifti({ dims: [2, 2, 2], data: new Float32Array(8), affine }));
      const q = header.convertNiftiQFormToNiftiSForm(
        header.quatern_b,
        header.quatern_c,
        header.quatern_d,
        header.qoffset_x,
        header.qoffset_y,
        header.qoffset_z,
        header.pixDims[1],
        header.pixDims[2],
        header.pixDims[3],
        header.pixDims[0],
      );
      for (let r = 0; r < 3; r++) for (let c = 0; c < 4; c++) expect(q[r][c]).toBeCloseTo(affine[r][c], 4);
      expect(quaternFromAffine(affine).qfac).toBe(1);
    }
  });

  it('is deterministic (no time stamp in the gzip header) and can skip gzip', () => {
    const opts = {
      dims: [2, 1, 1],
      data: Uint8Array.from([1, 2]),
      affine: [
        [1, 0, 0, 0],
        [0, 1, 0, 0],
        [0, 0, 1, 0],
        [0, 0, 0, 1],
      ],
    };
    const a = encodeNifti(opts);
    expect(Array.from(a.subarray(4, 8))).toEqual([0, 0, 0, 0]);
    expect(Array.from(encodeNifti(opts))).toEqual(Array.from(a));
    const plain = encodeNifti({ ...opts, gzip: false });
    expect(plain.length).toBe(354);
    expect(Array.from(plain.subarray(352))).toEqual([1, 2]);
  });

  it('refuses data that does not match the dimensions', () => {
    const affine = [
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ];
    expect(() => encodeNifti({ dims: [2, 2, 2], data: new Int16Array(7), affine })).toThrow(
      /need 8 values, got 7/,
    );
  });
});
