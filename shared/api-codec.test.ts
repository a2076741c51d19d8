import { describe, expect, it } from 'vitest';
import type {
  CurvatureImage,
  DatabaseInfo,
  Draft,
  FlatGeometry,
  OverlaySnapshot,
  PixelMap,
  RoiVertices,
  SaveResult,
  SubjectSummary,
  TracedRoi,
  VertexMap,
  VolumeData,
} from './api.js';
import { decodeFrame, encodeFrame, encodeFrameChunks, FrameError } from './api-codec.js';

const roundTrip = <T>(v: T): T => decodeFrame(encodeFrame(v)) as T;

describe('api-codec', () => {
  it('round-trips every typed-array kind with exact values and types', () => {
    const arrays = {
      i8: Int8Array.of(-128, 0, 127),
      u8: Uint8Array.of(0, 1, 255),
      u8c: Uint8ClampedArray.of(0, 128, 255),
      i16: Int16Array.of(-32768, 32767),
      u16: Uint16Array.of(65535, 3),
      i32: Int32Array.of(-1, 2 ** 31 - 1, -(2 ** 31)),
      u32: Uint32Array.of(2 ** 32 - 1, 7, 0),
      f32: Float32Array.of(1.5, NaN, -Infinity, 3.4e38),
      f64: Float64Array.of(Math.PI, -0, Number.MIN_VALUE),
      bi64: BigInt64Array.of(-(2n ** 63n), 5n),
      bu64: BigUint64Array.of(2n ** 64n - 1n),
      empty: new Float32Array(0),
    };
    const back = roundTrip(arrays);
    for (const [k, v] of Object.entries(arrays)) {
      const got = back[k as keyof typeof arrays];
      expect(got.constructor, k).toBe(v.constructor);
      expect(Array.from(got as ArrayLike<unknown>), k).toEqual(Array.from(v as ArrayLike<unknown>));
    }
    expect(Object.is(back.f64[1], -0)).toBe(true);
  });

  it('places every typed array at an 8-byte-aligned offset and views it without copying', () => {
    const frame = encodeFrame({ a: Uint8Array.of(1, 2, 3), b: Float64Array.of(1, 2), c: Int16Array.of(9) });
    expect(frame.length % 8).toBe(0);
    const back = decodeFrame(frame) as { a: Uint8Array; b: Float64Array; c: Int16Array };
    expect(back.b.buffer).toBe(frame.buffer);
    expect(back.b.byteOffset % 8).toBe(0);
    expect(Array.from(back.b)).toEqual([1, 2]);
    expect(Array.from(back.c)).toEqual([9]);
  });

  it('encodes only the viewed part of a typed array that is a slice of a larger buffer', () => {
    const big = Float32Array.of(0, 1, 2, 3, 4, 5);
    const back = roundTrip({ part: big.subarray(2, 4) });
    expect(Array.from(back.part)).toEqual([2, 3]);
  });

  it('copies when the frame itself sits at an unaligned offset', () => {
    const frame = encodeFrame({ v: Float64Array.of(42, 43) });
    const shifted = new Uint8Array(frame.length + 3);
    shifted.set(frame, 3);
    const back = decodeFrame(shifted.subarray(3)) as { v: Float64Array };
    expect(Array.from(back.v)).toEqual([42, 43]);
  });

  it('keeps numbers JSON cannot hold, nulls, strings, nested arrays', () => {
    const v = { n: NaN, p: Infinity, m: -Infinity, z: null, s: 'héllo ✓', nested: [[1, 'a'], [], [true]] };
    expect(roundTrip(v)).toEqual(v);
    expect(roundTrip(null)).toBeNull();
    expect(roundTrip(undefined)).toBeNull();
    expect(roundTrip('x')).toBe('x');
    expect(roundTrip([Uint8Array.of(7)])).toEqual([Uint8Array.of(7)]);
  });

  it('escapes keys that look like markers and never lets "__proto__" become a prototype', () => {
    const v = { $ta: ['Uint8Array', 0, 99], $num: 'NaN', $$x: 1 };
    expect(roundTrip(v)).toEqual(v);
    const tricky = JSON.parse('{"__proto__": {"polluted": true}}') as object;
    const back = roundTrip(tricky) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('streams as chunks whose concatenation is the frame', () => {
    const v = { a: new Float32Array(1000).fill(1), b: Uint8Array.of(1) };
    const chunks = encodeFrameChunks(v);
    expect(chunks.length).toBeGreaterThan(2);
    const total = chunks.reduce((n, c) => n + c.length, 0);
    expect(total).toBe(encodeFrame(v).length);
  });

  it('rejects malformed frames with a clear error', () => {
    expect(() => decodeFrame(new Uint8Array(4))).toThrow(FrameError);
    const frame = encodeFrame({ v: Float32Array.of(1, 2, 3) });
    expect(() => decodeFrame(frame.subarray(0, frame.length - 8))).toThrow(/past the end/);
    const bad = encodeFrame({ v: 1 });
    bad[8] = 0x7b; // still '{'
    bad[9] = 0x7d; // '}' then garbage → not JSON
    expect(() => decodeFrame(bad)).toThrow(/not JSON/);
    expect(() => encodeFrame({ big: 1n })).toThrow(FrameError);
    expect(() => encodeFrame({ dv: new DataView(new ArrayBuffer(4)) })).toThrow(/DataView/);
  });

  describe('every API response shape', () => {
    const labels = [{ index: 1, name: 'V1v', rgba: [255, 0, 0, 255] as [number, number, number, number] }];
    const snapshot: OverlaySnapshot = {
      subject: 'demo',
      path: '/db/demo/overlays.svg',
      exists: true,
      revision: 'abc',
      width: 2048,
      height: 1024,
      layers: [
        {
          name: 'rois',
          visible: true,
          shapes: [
            {
              name: 'V1',
              paths: [{ id: 'p1', d: 'M 1 2 L 3 4 Z' }, { d: 'M 0 0' }],
              visible: true,
              locked: false,
              issues: [{ code: 'ABSOLUTE_HV', message: 'H used', fixable: true }],
            },
          ],
        },
      ],
      issues: [],
    };
    const shapes: Record<string, unknown> = {
      DatabaseInfo: { path: '/db', source: 'demo', recent: ['/db', '/other'] } satisfies DatabaseInfo,
      SubjectSummary: [
        {
          name: 'demo',
          surfaces: ['flat', 'wm', 'pia'],
          transforms: [
            {
              name: 'x',
              shape: [10, 11, 12],
              affine: [
                [1, 0, 0, -5],
                [0, 1, 0, 0],
                [0, 0, 1, 0],
                [0, 0, 0, 1],
              ],
            },
          ],
          templates: [{ name: 'prf', path: '/db/demo/t.nii.gz', kind: 'volume', labels }],
          hasOverlay: true,
          hasSidecar: false,
          warning: 'careful',
        },
      ] satisfies SubjectSummary[],
      FlatGeometry: {
        subject: 'demo',
        nL: 2,
        nR: 1,
        svgWidth: 2048,
        svgHeight: 1024,
        extents: [-1, 1, -0.5, 0.5],
        svgXY: Float32Array.of(1, 2, 3, 4, 5, 6),
        unitXY: Float32Array.of(0.25, 0.5, 0.75, 0.5, 1, 0),
        valid: Uint8Array.of(1, 0, 1),
        triangles: Uint32Array.of(0, 1, 2),
        cutRingIndptr: Uint32Array.of(0, 0, 1, 1),
        cutRingIndices: Uint32Array.of(1),
        boundary: [Float32Array.of(0, 0, 1, 1), Float32Array.of(2, 2)],
      } satisfies FlatGeometry,
      CurvatureImage: { width: 2, height: 1, value: Float32Array.of(0.375, NaN) } satisfies CurvatureImage,
      VertexMap: { width: 2, height: 1, vertex: Int32Array.of(-1, 5) } satisfies VertexMap,
      PixelMap: {
        subject: 'demo',
        transform: 'x',
        thick: 2,
        depth: 0.5,
        width: 2,
        height: 1,
        pixels: Uint32Array.of(1),
        lengths: Uint32Array.of(0, 0, 1),
        voxels: Int32Array.of(3, 4),
        samples: Uint8Array.of(1, 1),
        mid: Int32Array.of(-1, 3),
      } satisfies PixelMap,
      VolumeData: {
        path: '/v.nii.gz',
        dims: [2, 2, 1],
        values: Float32Array.of(-1, 0, 1, NaN),
        integerValued: true,
        labels,
        min: -1,
        max: 1,
      } satisfies VolumeData,
      OverlaySnapshot: snapshot,
      SaveResult: { snapshot, backup: '/db/demo/overlays.svg.bak' } satisfies SaveResult,
      RoiVertices: { V1: { lh: [1, 2], rh: [] } } satisfies Record<string, RoiVertices>,
      TracedRoi: [
        {
          name: 'V1v',
          labelIndex: 1,
          paths: ['M 0 0 L 1 1 Z'],
          jaccard: 0.93,
          jaccards: { clean: 0.93, raw: 0.9 },
        },
      ] satisfies TracedRoi[],
      ExportResult: { files: ['/out/a.label'] },
      Draft: {
        subject: 'demo',
        database: '/db',
        savedAt: '2026-01-01T00:00:00.000Z',
        baseRevision: 'abc',
        edits: [
          { kind: 'add', name: 'V1', paths: ['M 0 0 Z'], label: true },
          { kind: 'rename', from: 'a', to: 'b' },
        ],
      } satisfies Draft,
      'null (cancelled dialog, no draft, void)': null,
    };
    for (const [name, value] of Object.entries(shapes))
      it(name, () => {
        expect(roundTrip(value)).toEqual(value);
      });
  });
});
