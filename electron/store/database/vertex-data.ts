import { basename, dirname, join } from 'node:path';
import { ApiError } from '../../../shared/api-errors.js';
import { readMgh } from '../../../shared/formats/mgh.js';
import { npyToFloat64, parseNpz } from '../../../shared/formats/npy.js';
import { parseOrFail, readFileOrFail } from '../files/file-errors.js';
import { nodeInflate } from '../files/node-inflate.js';

/**
 * Per-vertex maps, one value per merged vertex (left then right): a FreeSurfer MGH/MGZ pair
 * `lh.<name>.mgz` + `rh.<name>.mgz` (either may be given), or an `.npz` with `left`/`right`
 * (pycortex's surface-info layout). Counts are checked against the subject's hemispheres.
 */
export async function readVertexDataFile(
  path: string,
  counts: readonly [number, number],
): Promise<Float32Array> {
  const file = basename(path);
  if (/\.npz$/i.test(file)) {
    const bytes = await readFileOrFail(path);
    const [left, right] = parseOrFail(path, () => {
      const arrays = parseNpz(bytes);
      if (!arrays.left || !arrays.right) throw new Error('vertex data .npz needs arrays "left" and "right"');
      return [npyToFloat64(arrays.left), npyToFloat64(arrays.right)];
    });
    return merge(path, left, right, counts);
  }
  const pair = /^(lh|rh)\.(.+\.(mgz|mgh))$/i.exec(file);
  if (!pair)
    throw new ApiError(
      'BAD_REQUEST',
      `${path}: expected lh.<name>.mgz / rh.<name>.mgz (FreeSurfer per-vertex files) or an .npz with left/right`,
      path,
    );
  const lhPath = join(dirname(path), `lh.${pair[2]}`);
  const rhPath = join(dirname(path), `rh.${pair[2]}`);
  const [lh, rh] = await Promise.all([lhPath, rhPath].map(readMghValues));
  return merge(path, lh, rh, counts, [lhPath, rhPath]);
}

async function readMghValues(path: string): Promise<Float32Array> {
  const bytes = await readFileOrFail(path);
  return parseOrFail(path, () => readMgh(bytes, 0, nodeInflate).values);
}

function merge(
  path: string,
  left: ArrayLike<number>,
  right: ArrayLike<number>,
  counts: readonly [number, number],
  files: [string, string] = [path, path],
): Float32Array {
  const check = (n: number, expected: number, hemi: string, file: string) => {
    if (n !== expected)
      throw new ApiError(
        'SHAPE_MISMATCH',
        `${file}: ${n} values for the ${hemi} hemisphere, but the subject's surfaces have ${expected} vertices`,
        file,
      );
  };
  check(left.length, counts[0], 'left', files[0]);
  check(right.length, counts[1], 'right', files[1]);
  const out = new Float32Array(left.length + right.length);
  out.set(left);
  out.set(right, left.length);
  return out;
}
