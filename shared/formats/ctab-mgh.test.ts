import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CtabError, parseCtab } from './ctab.js';
import { MghError, encodeMgh, readMgh } from './mgh.js';

describe('parseCtab', () => {
  it('reads NSD two-column tables', () => {
    expect(parseCtab('0 Unknown\n1 V1v\n2 V1d\n\n7 hV4\n')).toEqual([
      { index: 0, name: 'Unknown' },
      { index: 1, name: 'V1v' },
      { index: 2, name: 'V1d' },
      { index: 7, name: 'hV4' },
    ]);
  });
  it('reads FreeSurfer tables with colours (A = transparency) and comments', () => {
    const t = parseCtab(
      '#$Id: FreeSurferColorLUT.txt\n#No. Label Name: R G B A\r\n  0  Unknown   0   0   0   0\n 17 Left-Hippocampus 220 216 20 0\n 3 x 1 2 3\n',
    );
    expect(t).toEqual([
      { index: 0, name: 'Unknown', rgba: [0, 0, 0, 255] },
      { index: 17, name: 'Left-Hippocampus', rgba: [220, 216, 20, 255] },
      { index: 3, name: 'x', rgba: [1, 2, 3, 255] },
    ]);
  });
  const bad: [string, string, RegExp][] = [
    ['empty table', '\n# only a comment\n', /no labels/],
    ['non-integer index', '0 Unknown\nV1 1\n', /line 2: label index "V1" is not an integer/],
    ['missing name', '0 Unknown\n1\n', /line 2: label 1 has no name/],
    ['duplicate index', '0 Unknown\n1 V1\n1 V2\n', /line 3: label index 1 already used on line 2/],
    ['colour out of range', '1 V1 300 0 0 0\n', /colour value "300"/],
    ['wrong column count', '1 V1 1 2\n', /found 4 columns/],
  ];
  for (const [name, text, msg] of bad)
    it(`${name}: clear error`, () => {
      expect(() => parseCtab(text)).toThrow(CtabError);
      expect(() => parseCtab(text)).toThrow(msg);
    });
});

describe('readMgh', () => {
  it('reads float, int, short and uchar per-vertex files, plain and gzip (.mgz)', () => {
    const vals = [0, 1, 2, 3, 250];
    for (const type of [0, 1, 3, 4] as const) {
      const m = readMgh(encodeMgh(vals, type));
      expect(m.dims).toEqual([5, 1, 1]);
      expect(Array.from(m.values)).toEqual(vals);
      expect(Array.from(readMgh(gzipSync(encodeMgh(vals, type))).values)).toEqual(vals);
    }
    expect(Array.from(readMgh(encodeMgh([0.5, -1.25])).values)).toEqual([0.5, -1.25]);
  });
  const good = encodeMgh([1, 2, 3, 4]);
  const bad: [string, Uint8Array, RegExp][] = [
    ['too short', good.subarray(0, 100), /too short for an MGH header/],
    [
      'wrong version',
      (() => {
        const b = good.slice();
        b[3] = 2;
        return b;
      })(),
      /not an MGH file \(version 2/,
    ],
    ['truncated data', good.subarray(0, good.length - 3), /file truncated/],
    [
      'unsupported type',
      (() => {
        const b = good.slice();
        b[23] = 6;
        return b;
      })(),
      /unsupported MGH data type 6/,
    ],
    [
      'zero width',
      (() => {
        const b = good.slice();
        b[7] = 0;
        return b;
      })(),
      /bad header: dimensions 0×1×1/,
    ],
    ['truncated gzip', gzipSync(good).subarray(0, 30), /gzip data is corrupt or truncated/],
  ];
  for (const [name, bytes, msg] of bad)
    it(`${name}: clear error`, () => {
      expect(() => readMgh(bytes)).toThrow(MghError);
      expect(() => readMgh(bytes)).toThrow(msg);
    });
});
