import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { NiftiError, frameCount, parseNiftiHeader, readNifti } from './nifti.js';
import { makeNifti } from './testing/nifti-fixture.js';

const VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const DIMS = [2, 3, 2];

describe('readNifti', () => {
  const dtypes: [number, string, number[]][] = [
    [2, 'uint8', [0, 255, 7]],
    [4, 'int16', [-1, 0, 32767]],
    [8, 'int32', [-100000, 0, 2 ** 30]],
    [16, 'float32', [0.5, -1.25, 3]],
    [64, 'float64', [0.1, -1e-3, 1e6]],
    [256, 'int8', [-128, 0, 127]],
    [512, 'uint16', [0, 65535, 3]],
    [768, 'uint32', [0, 2 ** 31, 3]],
    [1024, 'int64', [-5, 0, 2 ** 40]],
    [1280, 'uint64', [0, 2 ** 40, 9]],
  ];
  for (const [code, name, vals] of dtypes) {
    for (const littleEndian of [true, false]) {
      it(`decodes ${name} ${littleEndian ? 'little' : 'big'} endian`, () => {
        const v = readNifti(makeNifti({ dims: [3, 1, 1], datatype: code, values: vals, littleEndian }));
        expect(v.header.datatypeName).toBe(name);
        expect(v.header.littleEndian).toBe(littleEndian);
        expect(Array.from(v.data)).toEqual(vals.map(Math.fround));
      });
    }
  }

  it('keeps file order (i fastest) and reports the shape', () => {
    const v = readNifti(makeNifti({ dims: DIMS, values: VALUES }));
    expect(v.dims).toEqual([2, 3, 2]);
    expect(v.frames).toBe(1);
    // voxel (i=1, j=2, k=1) = index 1 + 2·(2 + 3·1) = 11
    expect(v.data[1 + 2 * (2 + 3 * 1)]).toBe(11);
  });

  it('applies scl_slope and scl_inter; slope 0 means no scaling', () => {
    const scaled = readNifti(
      makeNifti({ dims: [3], datatype: 4, values: [0, 1, 2], sclSlope: 2, sclInter: -1 }),
    );
    expect(Array.from(scaled.data)).toEqual([-1, 1, 3]);
    const raw = readNifti(makeNifti({ dims: [3], datatype: 4, values: [0, 1, 2], sclSlope: 0, sclInter: 5 }));
    expect(Array.from(raw.data)).toEqual([0, 1, 2]);
  });

  it('reads gzip-compressed files and NIfTI-2', () => {
    const gz = readNifti(makeNifti({ dims: DIMS, values: VALUES, gzip: true }));
    expect(Array.from(gz.data)).toEqual(VALUES);
    const n2 = readNifti(
      makeNifti({ version: 2, dims: DIMS, values: VALUES, gzip: true, littleEndian: false }),
    );
    expect(n2.header.version).toBe(2);
    expect(n2.dims).toEqual([2, 3, 2]);
    expect(Array.from(n2.data)).toEqual(VALUES);
  });

  it('picks one frame of a 4-D volume', () => {
    const values = [...VALUES, ...VALUES.map((x) => x + 100)];
    const file = makeNifti({ dims: [2, 3, 2, 2], values });
    expect(readNifti(file, 0).data[0]).toBe(0);
    const f1 = readNifti(file, 1);
    expect(f1.frames).toBe(2);
    expect(Array.from(f1.data)).toEqual(VALUES.map((x) => x + 100));
    expect(() => readNifti(file, 2)).toThrow(/frame 2 does not exist: the volume has 2 frame/);
  });

  it('refuses 5-D data with more than one element on the extra axis', () => {
    const h = parseNiftiHeader(makeNifti({ dims: [1, 1, 1, 1, 2], values: [1, 2] }));
    expect(() => frameCount(h)).toThrow(/5-D volume/);
  });
});

describe('affine (nibabel get_best_affine)', () => {
  const srow = [2, 0, 0, -10, 0, 3, 0, -20, 0, 0, 4, -30];
  it('uses the sform when sform_code ≠ 0, even if the qform code is higher', () => {
    const h = parseNiftiHeader(
      makeNifti({
        dims: DIMS,
        values: VALUES,
        sformCode: 1,
        qformCode: 2,
        srow,
        quatern: [0, 0, 1, 5, 6, 7],
      }),
    );
    expect(h.affine).toEqual([
      [2, 0, 0, -10],
      [0, 3, 0, -20],
      [0, 0, 4, -30],
      [0, 0, 0, 1],
    ]);
  });

  it('uses the qform (quaternion, qfac) when only qform_code is set', () => {
    // 180° about z: b=0, c=0, d=1 → R = diag(-1, -1, 1); qfac -1 flips k
    const h = parseNiftiHeader(
      makeNifti({
        dims: DIMS,
        values: VALUES,
        qformCode: 1,
        quatern: [0, 0, 1, 5, 6, 7],
        pixdim: [-1, 2, 3, 4],
      }),
    );
    expect(h.affine).toEqual([
      [-2, 0, 0, 5],
      [0, -3, 0, 6],
      [0, 0, -4, 7],
      [0, 0, 0, 1],
    ]);
  });

  it('falls back to the Analyze affine (x flipped, centred) without codes', () => {
    const h = parseNiftiHeader(
      makeNifti({ dims: [3, 5, 7], values: new Array(105).fill(0), pixdim: [2, 2, 3] }),
    );
    expect(h.affine).toEqual([
      [-2, 0, 0, 2],
      [0, 2, 0, -4],
      [0, 0, 3, -9],
      [0, 0, 0, 1],
    ]);
  });
});

describe('bad NIfTI files', () => {
  const good = makeNifti({ dims: DIMS, values: VALUES });
  const cases: [string, Uint8Array, RegExp][] = [
    ['empty', new Uint8Array(0), /too short for a NIfTI header/],
    ['short header', good.subarray(0, 200), /too short/],
    [
      'no magic',
      (() => {
        const b = good.slice();
        b[344] = 0x41;
        return b;
      })(),
      // in the app's words, not the NIfTI library's
      /^not a NIfTI-1\/NIfTI-2 file \(no header size 348 or 540 with the magic "n\+1", "ni1" or "n\+2"\)$/,
    ],
    ['truncated data', good.subarray(0, good.length - 4), /file truncated/],
    [
      'truncated gzip',
      makeNifti({ dims: DIMS, values: VALUES, gzip: true }).subarray(0, 60),
      /gzip data is corrupt or truncated/,
    ],
    [
      'gzip holding far more than the header describes',
      gzipSync(Uint8Array.from([...good, ...new Uint8Array(3 << 20)])),
      /gzip data is larger than the 400 bytes its header describes \(inflating stopped at 1048976 bytes\)/,
    ],
    ['RGB datatype', makeNifti({ dims: [1], datatype: 128, values: [1, 2, 3] }), /RGB24/],
    [
      'unknown datatype',
      (() => {
        const b = good.slice();
        new DataView(b.buffer).setInt16(70, 99, true);
        return b;
      })(),
      /unknown datatype code 99/,
    ],
    [
      'bitpix mismatch',
      (() => {
        const b = good.slice();
        new DataView(b.buffer).setInt16(72, 8, true);
        return b;
      })(),
      /bitpix 8/,
    ],
    [
      'dim[0] = 0',
      (() => {
        const b = good.slice();
        new DataView(b.buffer).setInt16(40, 0, true);
        return b;
      })(),
      /dim\[0\] = 0/,
    ],
    [
      'negative dim',
      (() => {
        const b = good.slice();
        new DataView(b.buffer).setInt16(44, -3, true);
        return b;
      })(),
      /dim\[2\] = -3/,
    ],
    [
      'NaN sform',
      makeNifti({ dims: DIMS, values: VALUES, sformCode: 1, srow: [NaN, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0] }),
      /non-finite/,
    ],
  ];
  for (const [name, bytes, msg] of cases) {
    it(`${name}: clear error`, () => {
      let err: unknown;
      try {
        readNifti(bytes);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(NiftiError);
      expect((err as Error).message).toMatch(msg);
    });
  }
});
