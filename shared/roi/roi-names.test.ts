import { describe, expect, it } from 'vitest';
import { checkRoiName, fileSafe, nextRoiName, roiFileStems } from './roi-names.js';

describe('checkRoiName', () => {
  it('accepts the names people use for visual areas', () => {
    for (const n of ['V1', 'hV4', 'FFA-1', 'V3A', 'IPS0', 'EBA (left)', 'mFus_faces', 'LO.2', 'V1+V2']) {
      expect(checkRoiName(n, [])).toEqual({ ok: true });
    }
  });
  it('refuses empty, padded, long and unsafe names', () => {
    for (const n of [
      '',
      ' V1',
      'V1 ',
      'a'.repeat(65),
      'V1<2',
      'a&b',
      'a"b',
      "a'b",
      'a/b',
      'a:b',
      '-V1',
      'über',
      'a\tb',
    ]) {
      expect(checkRoiName(n, []).ok).toBe(false);
    }
  });
  it('refuses duplicates, ignoring case, and names the clash', () => {
    expect(checkRoiName('v1', ['V1'])).toEqual({ ok: false, reason: 'An ROI named "V1" already exists.' });
  });
});

describe('nextRoiName', () => {
  it('picks the first free "ROI n"', () => {
    expect(nextRoiName(['ROI 1', 'roi 2', 'V1'])).toBe('ROI 3');
  });
});

describe('export file names', () => {
  it('fileSafe gives ROI file names that need no quoting in a shell', () => {
    expect(fileSafe('V2 dorsal part')).toBe('V2_dorsal_part');
    expect(fileSafe('FFA (left)')).toBe('FFA__left_');
    expect(fileSafe('a/b\\c')).toBe('a_b_c');
    expect(fileSafe('-rf')).toBe('_rf');
    expect(fileSafe('V1.v+2_x-y')).toBe('V1.v+2_x-y');
  });

  it('roiFileStems gives every ROI its own stem, ignoring case; file-safe names keep theirs', () => {
    const stems = roiFileStems([
      'V2 dorsal',
      'V2_dorsal',
      'V2(dorsal)',
      'V2[dorsal]',
      'v2_dorsal-2',
      'FFA',
      'ffa',
      'V1',
    ]);
    expect(Object.fromEntries(stems)).toEqual({
      V2_dorsal: 'V2_dorsal',
      'v2_dorsal-2': 'v2_dorsal-2',
      FFA: 'FFA',
      ffa: 'ffa-2',
      V1: 'V1',
      'V2 dorsal': 'V2_dorsal-3',
      'V2(dorsal)': 'V2_dorsal_',
      'V2[dorsal]': 'V2_dorsal_-2',
    });
    const lower = [...stems.values()].map((s) => s.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
    // the same names in the same order give the same stems
    expect(roiFileStems(['V2 dorsal', 'V2_dorsal'])).toEqual(roiFileStems(['V2 dorsal', 'V2_dorsal']));
  });
});
