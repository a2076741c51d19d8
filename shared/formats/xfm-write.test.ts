import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED, SHARED_DB, SKIP_REASON } from '../../electron/testing/shared-data.js';
import { encodeXfm, pythonFloat } from './xfm-write.js';

describe('pythonFloat', () => {
  it('formats like Python repr', () => {
    expect(
      [1, -0.5, 0, -0, 39.36931228637695, 1e-5, 0.0001, 1.5e16, 1e22, 123456789012345.6].map(pythonFloat),
    ).toEqual([
      '1.0',
      '-0.5',
      '0.0',
      '-0.0',
      '39.36931228637695',
      '1e-05',
      '0.0001',
      '1.5e+16',
      '1e+22',
      '123456789012345.6',
    ]);
  });
});

describe.skipIf(!SHARED)(`encodeXfm on sub-hcp32k (${SHARED ? 'reference data' : SKIP_REASON})`, () => {
  it("reproduces pycortex's save_xfm file byte for byte", () => {
    const text = readFileSync(join(SHARED_DB, 'sub-hcp32k', 'transforms', 'func2mm', 'matrices.xfm'), 'utf8');
    const json = JSON.parse(text) as { coord: number[][]; magnet: number[][] };
    expect(encodeXfm(json)).toBe(text);
  });
});
