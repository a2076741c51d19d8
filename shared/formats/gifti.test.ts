import { describe, expect, it } from 'vitest';
import { decodeBase64 } from './base64.js';
import { GiftiError, parseGiftiArrays, parseGiftiSurface, parseGiftiSurfaceAsync } from './gifti.js';
import { inflateAny } from './inflate.js';
import { TETRA, makeGifti, surfaceGifti, type GiftiArrayFixture } from './testing/gifti-fixture.js';

const ENCODINGS = ['ASCII', 'Base64Binary', 'GZipBase64Binary'] as const;
const ENDIANS = ['LittleEndian', 'BigEndian', 'GIFTI_ENDIAN_LITTLE', 'GIFTI_ENDIAN_BIG'] as const;

describe('GIFTI surfaces', () => {
  for (const encoding of ENCODINGS)
    for (const endian of ENDIANS)
      it(`reads ${encoding} ${endian}`, () => {
        const s = parseGiftiSurface(
          surfaceGifti(TETRA.points, TETRA.triangles, { encoding, endian }, { encoding, endian }),
        );
        expect(Array.from(s.points)).toEqual(TETRA.points);
        expect(Array.from(s.triangles)).toEqual(TETRA.triangles);
      });

  it('reads column-major arrays into row-major order', () => {
    const points = [0.5, 1.5, 2.5, 10, 11, 12, -1, -2, -3, 7, 8, 9];
    for (const encoding of ENCODINGS) {
      const s = parseGiftiSurface(
        surfaceGifti(
          points,
          TETRA.triangles,
          { encoding, columnMajor: true },
          { encoding, columnMajor: true },
        ),
      );
      expect(Array.from(s.points)).toEqual(points);
      expect(Array.from(s.triangles)).toEqual(TETRA.triangles);
    }
  });

  it('accepts uint32, int16 and uint8 triangles, float64 points and gzip-framed payloads', () => {
    for (const dataType of ['NIFTI_TYPE_UINT32', 'NIFTI_TYPE_INT16', 'NIFTI_TYPE_UINT8'] as const) {
      const s = parseGiftiSurface(
        surfaceGifti(
          TETRA.points,
          TETRA.triangles,
          { dataType: 'NIFTI_TYPE_FLOAT64', endian: 'BigEndian' },
          { dataType },
        ),
      );
      expect(s.points).toBeInstanceOf(Float32Array);
      expect(s.triangles).toBeInstanceOf(Uint32Array);
      expect(Array.from(s.triangles)).toEqual(TETRA.triangles);
    }
    const gz = parseGiftiSurface(
      surfaceGifti(TETRA.points, TETRA.triangles, { gzipMagic: true }, { gzipMagic: true }),
    );
    expect(Array.from(gz.points)).toEqual(TETRA.points);
  });

  it('takes the first POINTSET and TRIANGLE arrays, ignoring others (as pycortex)', () => {
    const other: GiftiArrayFixture = {
      intent: 'NIFTI_INTENT_NORMAL',
      dataType: 'NIFTI_TYPE_FLOAT32',
      values: [1, 2, 3],
      dims: [1, 3],
    };
    const text = makeGifti([
      other,
      { intent: 'NIFTI_INTENT_POINTSET', dataType: 'NIFTI_TYPE_FLOAT32', values: TETRA.points, dims: [4, 3] },
      {
        intent: 'NIFTI_INTENT_TRIANGLE',
        dataType: 'NIFTI_TYPE_INT32',
        values: TETRA.triangles,
        dims: [4, 3],
      },
      {
        intent: 'NIFTI_INTENT_POINTSET',
        dataType: 'NIFTI_TYPE_FLOAT32',
        values: new Array(12).fill(9),
        dims: [4, 3],
      },
    ]);
    expect(parseGiftiArrays(text)).toHaveLength(4);
    expect(Array.from(parseGiftiSurface(text).points)).toEqual(TETRA.points);
  });
});

describe('malformed GIFTI: one clear error each', () => {
  const pts = (o: Partial<GiftiArrayFixture>) => surfaceGifti(TETRA.points, TETRA.triangles, o);
  const tris = (o: Partial<GiftiArrayFixture>) => surfaceGifti(TETRA.points, TETRA.triangles, {}, o);
  const good = surfaceGifti();
  const goodZ = surfaceGifti();
  const firstPayload = /<Data>([^<]*)<\/Data>/.exec(goodZ)![1];
  const many = Array.from({ length: 3000 }, (_, i) => Math.sin(i) * 100);
  const big = (o: Partial<GiftiArrayFixture>) => surfaceGifti(many, [0, 1, 2], o);
  const flip = (b64: string) => b64.slice(0, 12) + (b64[12] === 'A' ? 'B' : 'A') + b64.slice(13);
  const cases: [string, string, RegExp][] = [
    ['empty file', '', /not a GIFTI file/],
    ['not XML', 'hello world', /not a GIFTI file/],
    [
      'truncated file',
      good.slice(0, good.indexOf('</DataArray>') - 10),
      /no <\/DataArray>|no <\/Data>|truncated/,
    ],
    ['cut inside a start tag', good.slice(0, good.indexOf('<DataArray') + 20), /unterminated start tag/],
    [
      'zlib payload cut in its checksum',
      pts({ payload: firstPayload.slice(0, 16) }),
      /compressed payload is corrupt or truncated/,
    ],
    [
      'zlib payload cut mid-stream',
      big({}).replace(/<Data>([^<]{40})[^<]*<\/Data>/, '<Data>$1</Data>'),
      /compressed payload is corrupt or truncated/,
    ],
    [
      'gzip payload cut',
      big({ gzipMagic: true }).replace(/<Data>([^<]{200})[^<]*<\/Data>/, '<Data>$1</Data>'),
      /compressed payload is corrupt or truncated/,
    ],
    [
      'zlib payload with a flipped byte',
      pts({ payload: flip(firstPayload) }),
      /compressed payload is corrupt|not a zlib stream/,
    ],
    [
      'payload not compressed at all',
      pts({ encoding: 'Base64Binary', attrs: { Encoding: 'GZipBase64Binary' } }),
      /not a zlib stream/,
    ],
    [
      'bad base64 character',
      pts({ payload: firstPayload.slice(0, 10) + '*' + firstPayload.slice(11) }),
      /invalid base64 character "\*"/,
    ],
    [
      'base64 data after padding',
      pts({ encoding: 'Base64Binary', payload: 'AAAA=AAA' }),
      /data after padding/,
    ],
    ['wrong Dim0 (binary)', pts({ attrs: { Dim0: '5' } }), /payload has 48 bytes.*need 60/],
    ['wrong Dim1 (binary)', tris({ attrs: { Dim1: '4' } }), /need 64/],
    [
      'wrong Dim0 (ASCII)',
      pts({ encoding: 'ASCII', attrs: { Dim0: '3' } }),
      /ASCII data has 12 values, dimensions need 9/,
    ],
    [
      'non-number in ASCII',
      pts({ encoding: 'ASCII', payload: '0 0 0 1 0 0 0 x 0 0 0 1' }),
      /ASCII value "x" is not a number/,
    ],
    ['negative Dim0', pts({ attrs: { Dim0: '-4' } }), /bad Dim0 "-4"/],
    ['missing Dim1', pts({ attrs: { Dim1: '' } }), /bad Dim1/],
    ['bad Dimensionality', pts({ attrs: { Dimensionality: 'two' } }), /bad Dimensionality "two"/],
    [
      'unsupported DataType',
      pts({ attrs: { DataType: 'NIFTI_TYPE_COMPLEX64' } }),
      /unsupported DataType "NIFTI_TYPE_COMPLEX64"/,
    ],
    [
      'ExternalFileBinary',
      pts({ attrs: { Encoding: 'ExternalFileBinary' } }),
      /unsupported Encoding "ExternalFileBinary"/,
    ],
    ['unknown Endian', pts({ attrs: { Endian: 'Middle' } }), /unknown Endian "Middle"/],
    [
      'no pointset',
      tris({}).replace('NIFTI_INTENT_POINTSET', 'NIFTI_INTENT_NONE'),
      /no NIFTI_INTENT_POINTSET/,
    ],
    ['no triangles', good.replace('NIFTI_INTENT_TRIANGLE', 'NIFTI_INTENT_NONE'), /no NIFTI_INTENT_TRIANGLE/],
    [
      'pointset N×2',
      surfaceGifti([0, 0, 1, 0, 0, 1], [0, 1, 2], { dims: [3, 2] }),
      /POINTSET must be N×3, found 3×2/,
    ],
    [
      'triangle index out of range',
      surfaceGifti(TETRA.points, [0, 1, 4]),
      /triangle 0 refers to vertex 4 but there are 4/,
    ],
    ['negative triangle index', surfaceGifti(TETRA.points, [0, -1, 2]), /triangle 0 has index -1/],
    [
      'NaN coordinate',
      surfaceGifti([0, 0, 0, 1, NaN, 0, 0, 1, 0, 0, 0, 1], TETRA.triangles),
      /vertex 1 has a non-finite coordinate \(NaN\)/,
    ],
    [
      'infinite coordinate',
      surfaceGifti([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, Infinity], TETRA.triangles),
      /vertex 3 has a non-finite coordinate/,
    ],
    ['no <Data>', good.replace(/<Data>[^<]*<\/Data>/, ''), /no <Data> element/],
  ];
  // the asynchronous path, with the portable inflater behind a promise
  const later = async (bytes: Uint8Array, expected?: number) => {
    await Promise.resolve();
    return inflateAny(bytes, expected);
  };
  for (const [name, text, msg] of cases)
    it(name, async () => {
      let err: unknown;
      try {
        parseGiftiSurface(text);
      } catch (e) {
        err = e;
      }
      expect(err, 'should throw').toBeInstanceOf(GiftiError);
      expect((err as Error).message).toMatch(msg);
      const asyncErr = await parseGiftiSurfaceAsync(text, later).catch((e: unknown) => e);
      expect(asyncErr, 'async should reject').toBeInstanceOf(GiftiError);
      expect((asyncErr as Error).message).toBe((err as Error).message);
    });

  it('async: a broken payload then a broken array rejects once, leaving no rejection unhandled', async () => {
    const unhandled: unknown[] = [];
    const note = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', note);
    try {
      const text = pts({ payload: firstPayload.slice(0, 16) }).replace(
        /(<DataArray[^>]*?Intent="NIFTI_INTENT_TRIANGLE"[^>]*?)DataType="[A-Z_0-9]+"|(<DataArray[^>]*?)DataType="[A-Z_0-9]+"([^>]*?Intent="NIFTI_INTENT_TRIANGLE")/,
        (_m, a?: string, b?: string, c?: string) =>
          a ? `${a}DataType="NIFTI_TYPE_COMPLEX"` : `${b}DataType="NIFTI_TYPE_COMPLEX"${c}`,
      );
      expect(text).toContain('NIFTI_TYPE_COMPLEX');
      // the scan stops at the second array while the first one's inflate is still to fail
      await expect(parseGiftiSurfaceAsync(text, later)).rejects.toThrow(/DataArray 1: unsupported DataType/);
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', note);
    }
  });

  it('async and sync read the same arrays from compressed payloads', async () => {
    for (const gzipMagic of [false, true]) {
      const text = big({ gzipMagic });
      const sync = parseGiftiSurface(text);
      const viaPromise = await parseGiftiSurfaceAsync(text, later);
      expect(Array.from(viaPromise.points)).toEqual(Array.from(sync.points));
      expect(Array.from(viaPromise.triangles)).toEqual(Array.from(sync.triangles));
    }
  });

  it('with a lenient fast decoder: stray characters that break the data are named, harmless ones skipped', () => {
    // like Node's (and Python's) decoder: characters outside the alphabet are dropped
    const lenient = (text: string, start: number, end: number) => {
      const kept = text.slice(start, end).replace(/[^A-Za-z0-9+/=]/g, '');
      return decodeBase64(kept, 0, kept.length);
    };
    const replaced = pts({ payload: firstPayload.slice(0, 10) + '*' + firstPayload.slice(11) });
    expect(() => parseGiftiSurface(replaced, { base64: lenient })).toThrow(/invalid base64 character "\*"/);
    const inserted = pts({ payload: firstPayload.slice(0, 10) + '*' + firstPayload.slice(10) });
    expect(Array.from(parseGiftiSurface(inserted, { base64: lenient }).points)).toEqual(TETRA.points);
  });
});
