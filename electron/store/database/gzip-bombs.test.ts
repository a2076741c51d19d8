import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api.js';
import { MAX_INFLATED_BYTES, type Inflater } from '../../../shared/formats/inflate.js';
import { encodeMgh } from '../../../shared/formats/mgh.js';
import { readNifti } from '../../../shared/formats/nifti.js';
import { makeNifti } from '../../../shared/formats/testing/nifti-fixture.js';
import { gzipBomb } from '../../testing/gzip-bomb.js';
import { nodeInflate } from '../files/node-inflate.js';
import { readVertexDataFile } from './vertex-data.js';
import { readVolumeFile } from './volumes.js';

/** 2×2×2 uint8: a 352-byte header and 8 voxels */
const SMALL = makeNifti({ dims: [2, 2, 2], datatype: 2, values: [0, 1, 2, 3, 4, 5, 6, 7] });
const SLACK = 1 << 20;
const peakRssMiB = () => process.resourceUsage().maxRSS / 1024;

/** An inflater that records the limits it was given. */
function recording(): { inflate: Inflater; limits: (number | undefined)[] } {
  const limits: (number | undefined)[] = [];
  return {
    limits,
    inflate: (bytes, expected) => {
      limits.push(expected);
      return nodeInflate(bytes, expected);
    },
  };
}

async function folder(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'roi-studio-bombs-'));
}

describe('gzip bombs are refused from the header size, early', () => {
  it('a 1 MB .nii.gz that inflates to 1 GiB: one error naming the file, no big allocation', async () => {
    const file = join(await folder(), 'bomb.nii.gz');
    const bomb = gzipBomb(SMALL, 1024);
    expect(bomb.length).toBeLessThan(1.1e6);
    await writeFile(file, bomb);
    const before = peakRssMiB();
    const error = await readVolumeFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('INVALID_FILE');
    expect((error as ApiError).message).toBe(
      `${file}: gzip data is larger than the 360 bytes its header describes (inflating stopped at ${360 + SLACK} bytes)`,
    );
    // a full inflation would have taken 1 GiB (twice that while the output grows)
    expect(peakRssMiB() - before).toBeLessThan(256);
  });

  it('the inflater is stopped just past the header size, never given more room', () => {
    const { inflate, limits } = recording();
    expect(() => readNifti(gzipBomb(SMALL, 64), 0, inflate)).toThrow(
      /larger than the 360 bytes its header describes/,
    );
    expect(limits).toEqual([360 + SLACK]);
    // a well-formed file gets the same limit and reads as usual
    const good = readNifti(gzipSync(SMALL), 0, inflate);
    expect(Array.from(good.data)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(limits).toEqual([360 + SLACK, 360 + SLACK]);
    // a header split over several gzip members (bgzip, pigz) is read across them
    const members = Buffer.concat(
      [SMALL.subarray(0, 100), SMALL.subarray(100, 300), SMALL.subarray(300)].map((part) => gzipSync(part)),
    );
    expect(Array.from(readNifti(members, 0, inflate).data)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('a header describing more than the documented cap is refused before inflating', () => {
    const { inflate, limits } = recording();
    // 2048³ float32 = 32 GiB described by a 400-byte file
    const huge = makeNifti({ dims: [2048, 2048, 2048], datatype: 16, values: [1] });
    expect(() => readNifti(gzipSync(huge), 0, inflate)).toThrow(
      `gzip data is too large: its header describes ${352 + 4 * 2048 ** 3} bytes, more than the ${MAX_INFLATED_BYTES} bytes ROI Studio inflates from one file`,
    );
    expect(limits).toEqual([]);
  });

  it('an MGZ bomb is refused the same way, naming the hemisphere file', async () => {
    const dir = await folder();
    const lh = join(dir, 'lh.curv.mgz');
    await writeFile(lh, gzipBomb(encodeMgh([1, 2, 3]), 256));
    await writeFile(join(dir, 'rh.curv.mgz'), gzipSync(encodeMgh([4, 5])));
    const before = peakRssMiB();
    const error = (await readVertexDataFile(lh, [3, 2]).catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('INVALID_FILE');
    expect(error.message).toMatch(
      new RegExp(`^${lh}: gzip data is larger than the 296 bytes its header describes`),
    );
    expect(peakRssMiB() - before).toBeLessThan(128);
    // the same pair without the bomb reads
    await writeFile(lh, gzipSync(encodeMgh([1, 2, 3])));
    expect(Array.from(await readVertexDataFile(lh, [3, 2]))).toEqual([1, 2, 3, 4, 5]);
  });
});
