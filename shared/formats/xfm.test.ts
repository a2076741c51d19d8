import { describe, expect, it } from 'vitest';
import { XfmError, coordMatrix, invertAffine, multiply4, parseXfm } from './xfm.js';

const I = [
  [1, 0, 0, 0],
  [0, 1, 0, 0],
  [0, 0, 1, 0],
  [0, 0, 0, 1],
];

describe('parseXfm', () => {
  it('reads coord and magnet, ignores unknown keys', () => {
    const coord = [
      [0.5, 0, 0, 39],
      [0, 0.5, 0, 57],
      [0, 0, 0.5, 30],
      [0, 0, 0, 1],
    ];
    const x = parseXfm(JSON.stringify({ coord, magnet: I, subject: 'S1', epifile: 'x.nii' }));
    expect(x.coord).toEqual(coord);
    expect(x.magnet).toEqual(I);
  });

  it('derives coord = A⁻¹·magnet when coord is missing', () => {
    const A = [
      [2, 0, 0, -80],
      [0, 2, 0, -100],
      [0, 0, 2, -60],
      [0, 0, 0, 1],
    ];
    const coord = coordMatrix(parseXfm(JSON.stringify({ magnet: I })), A);
    expect(coord).toEqual([
      [0.5, 0, 0, 40],
      [0, 0.5, 0, 50],
      [0, 0, 0.5, 30],
      [0, 0, 0, 1],
    ]);
    expect(multiply4(A, invertAffine(A))).toEqual(I);
  });

  const bad: [string, string, RegExp][] = [
    ['not JSON', '{"coord": [[1,0', /not valid JSON/],
    ['empty file', '', /not valid JSON/],
    ['array', '[1,2]', /JSON object/],
    ['no matrices', '{"subject": "S1"}', /neither "coord" nor "magnet"/],
    ['3×4 coord', JSON.stringify({ coord: I.slice(0, 3) }), /"coord" must be a 4×4/],
    ['string entry', JSON.stringify({ coord: [[1, 0, 0, '0'], ...I.slice(1)] }), /"coord"\[0\]\[3\] is "0"/],
    ['null entry', '{"coord": [[1,0,0,0],[0,1,0,0],[0,0,1,null],[0,0,0,1]]}', /"coord"\[2\]\[3\] is null/],
    [
      'bad last row',
      JSON.stringify({ magnet: [...I.slice(0, 3), [0, 0, 1, 1]] }),
      /last row must be \[0, 0, 0, 1\]/,
    ],
  ];
  for (const [name, text, msg] of bad) {
    it(`${name}: clear error`, () => {
      expect(() => parseXfm(text)).toThrow(XfmError);
      expect(() => parseXfm(text)).toThrow(msg);
    });
  }

  it('refuses a singular magnet when coord must be derived', () => {
    const zero = [
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 1],
    ];
    expect(() => coordMatrix({ magnet: I }, zero)).toThrow(/singular/);
  });
});
