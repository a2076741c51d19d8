import { describe, expect, it } from 'vitest';
import { CtabError, parseCtab } from './ctab.js';

describe('parseCtab', () => {
  it('reads NSD two-column tables', () => {
    expect(parseCtab('0 Unknown\n1 V1\n2 V2\n')).toEqual([
      { index: 0, name: 'Unknown' },
      { index: 1, name: 'V1' },
      { index: 2, name: 'V2' },
    ]);
  });
  it('reads FreeSurfer colour tables (alpha column = transparency)', () => {
    expect(parseCtab('# comment\n  7  FFA   255 0 10 0\n')).toEqual([
      { index: 7, name: 'FFA', rgba: [255, 0, 10, 255] },
    ]);
  });
  it('names the bad line', () => {
    expect(() => parseCtab('0 Unknown\nV1 1\n')).toThrow(CtabError);
    expect(() => parseCtab('0 Unknown\nV1 1\n')).toThrow(/line 2/);
  });
});
