import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { NpyError, encodeNpy, encodeNpz, npyToFloat64, parseNpy, parseNpz } from './npy.js';

/** A .npy file with a hand-written header, as numpy lays it out (magic, version, length, dict). */
function npy(header: string, payload: Uint8Array, major = 1): Uint8Array {
  const pre = major === 1 ? 10 : 12;
  let h = header;
  while ((pre + h.length + 1) % 64) h += ' ';
  h += '\n';
  const out = new Uint8Array(pre + h.length + payload.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
  out[8] = h.length & 0xff;
  out[9] = h.length >> 8;
  for (let i = 0; i < h.length; i++) out[pre + i] = h.charCodeAt(i);
  out.set(payload, pre + h.length);
  return out;
}

describe('parseNpy / parseNpz', () => {
  it('round-trips every numeric dtype through encodeNpy', () => {
    const arrays = [
      Float32Array.of(1.5, -2),
      Float64Array.of(0.1, 1e300),
      Int8Array.of(-1, 2),
      Int16Array.of(-300, 3),
      Int32Array.of(-70000, 4),
      Uint8Array.of(0, 255),
      Uint16Array.of(65535, 1),
      Uint32Array.of(2 ** 32 - 1, 0),
      BigInt64Array.of(-5n, 6n),
    ];
    for (const a of arrays) {
      const back = parseNpy(encodeNpy(a, [2]));
      expect(back.shape).toEqual([2]);
      expect(Array.from(back.data as ArrayLike<number>)).toEqual(Array.from(a as ArrayLike<number>));
    }
  });

  it('reads big-endian data, version 2 headers, scalars and Fortran-order flags', () => {
    const be = new Uint8Array(8);
    new DataView(be.buffer).setFloat32(0, 1.25, false);
    new DataView(be.buffer).setFloat32(4, -3, false);
    const a = parseNpy(npy("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", be, 2));
    expect(Array.from(a.data as Float32Array)).toEqual([1.25, -3]);
    const scalar = parseNpy(
      npy("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", new Uint8Array(8)),
    );
    expect(scalar.shape).toEqual([]);
    expect(scalar.data.length).toBe(1);
    const f = parseNpy(npy("{'descr': '|u1', 'fortran_order': True, 'shape': (2, 3), }", new Uint8Array(6)));
    expect(f.fortranOrder).toBe(true);
    expect(npyToFloat64(parseNpy(encodeNpy(BigInt64Array.of(7n), [1])))[0]).toBe(7);
  });

  it('reads pycortex-style npz archives (left/right)', () => {
    const z = parseNpz(
      encodeNpz({
        left: { data: Float64Array.of(1, 2), shape: [2] },
        right: { data: Float64Array.of(3), shape: [1] },
      }),
    );
    expect(Object.keys(z).sort()).toEqual(['left', 'right']);
    expect(Array.from(z.right.data as Float64Array)).toEqual([3]);
  });

  const good = encodeNpy(Float32Array.of(1, 2, 3), [3]);
  const bad: [string, () => unknown, RegExp][] = [
    ['empty', () => parseNpy(new Uint8Array(0)), /bad magic/],
    ['not npy', () => parseNpy(new TextEncoder().encode('hello world, not numpy')), /bad magic/],
    ['truncated header', () => parseNpy(good.subarray(0, 40)), /truncated \.npy header/],
    ['truncated data', () => parseNpy(good.subarray(0, good.length - 2)), /truncated \.npy data/],
    [
      'unknown version',
      () => parseNpy(Uint8Array.from([...good.subarray(0, 6), 9, ...good.subarray(7)])),
      /version 9/,
    ],
    [
      'string dtype',
      () => parseNpy(npy("{'descr': '<U5', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(20))),
      /unsupported dtype <U5/,
    ],
    [
      'object dtype',
      () => parseNpy(npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(8))),
      /unsupported dtype \|O/,
    ],
    [
      'bad shape',
      () => parseNpy(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }", new Uint8Array(8))),
      /bad shape/,
    ],
    [
      'header without shape',
      () => parseNpy(npy("{'descr': '<f4', 'fortran_order': False}", new Uint8Array(8))),
      /unreadable \.npy header/,
    ],
    [
      'npz not a zip',
      () => parseNpz(new TextEncoder().encode('PK but not really')),
      /not a readable \.npz archive/,
    ],
    [
      'npz truncated',
      () => parseNpz(encodeNpz({ a: { data: Float64Array.of(1, 2, 3), shape: [3] } }).subarray(0, 60)),
      /not a readable \.npz archive/,
    ],
    [
      'npz with a bad member',
      () => parseNpz(zipSync({ 'left.npy': new Uint8Array([1, 2, 3]) })),
      /array "left": not a \.npy array/,
    ],
  ];
  for (const [name, run, msg] of bad)
    it(`${name}: clear error`, () => {
      expect(run).toThrow(NpyError);
      expect(run).toThrow(msg);
    });
});
