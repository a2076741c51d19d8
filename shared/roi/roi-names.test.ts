import { describe, expect, it } from 'vitest';
import { checkRoiName, nextRoiName } from './roi-names.js';

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
