import { describe, expect, it } from 'vitest';
import { AnnotError, encodeAnnot, readAnnot } from './freesurfer-annot.js';

const TABLE = [
  { index: 0, name: 'unknown', rgba: [25, 5, 25, 255] as [number, number, number, number] },
  { index: 3, name: 'cuneus', rgba: [220, 180, 140, 255] as [number, number, number, number] },
  { index: 7, name: 'precuneus', rgba: [160, 140, 180, 200] as [number, number, number, number] },
];

describe('FreeSurfer .annot', () => {
  it('labels each vertex with the table entry of its packed colour; unknown colours are −1', () => {
    const a = readAnnot(encodeAnnot([0, 3, 7, 7, -1], TABLE));
    expect(Array.from(a.labels)).toEqual([0, 3, 7, 7, -1]);
    expect(a.table).toEqual(TABLE);
  });

  it('reads the old table layout (positive entry count, ids in order)', () => {
    const ints = [2, 0, 0, 1, 220 + 256 * 180 + 65536 * 140, 1, 2, 4];
    const enc = new TextEncoder();
    const parts: (number | Uint8Array)[] = [...ints, enc.encode('ct\0\0')];
    parts.push(4, enc.encode('bg\0\0'), 0, 0, 0, 0, 4, enc.encode('cun\0'), 220, 180, 140, 0);
    const size = parts.reduce<number>((s, x) => s + (typeof x === 'number' ? 4 : x.length), 0);
    const bytes = new Uint8Array(size);
    const v = new DataView(bytes.buffer);
    let o = 0;
    for (const x of parts)
      if (typeof x === 'number') v.setInt32((o += 4) - 4, x, false);
      else bytes.set(x, (o += x.length) - x.length);
    const a = readAnnot(bytes);
    expect(Array.from(a.labels)).toEqual([0, 1]);
    expect(a.table.map((e) => e.name)).toEqual(['bg', 'cun']);
  });

  const good = encodeAnnot([0, 3, 7], TABLE);
  const edit = (at: number, value: number) => {
    const b = good.slice();
    new DataView(b.buffer).setInt32(at, value, false);
    return b;
  };
  const bad: [string, Uint8Array, RegExp][] = [
    ['truncated pairs', good.subarray(0, 12), /file truncated in vertex pair 1/],
    ['vertex out of range', edit(4, 9), /pair 0 names vertex 9, but the file has 3 vertices/],
    ['a vertex without a pair', edit(12, 0), /vertex 1 has no label pair/],
    ['no colour table', edit(28, 0), /no colour table \(tag 0/],
    ['unknown table version', edit(32, -3), /unsupported colour-table version 3/],
    ['truncated table', good.subarray(0, good.length - 6), /file truncated/],
    ['zero vertices', edit(0, 0), /bad vertex count 0/],
  ];
  for (const [name, bytes, message] of bad)
    it(`${name}: one clear error`, () => {
      expect(() => readAnnot(bytes)).toThrow(AnnotError);
      expect(() => readAnnot(bytes)).toThrow(message);
    });
});
