import { ApiError } from '../../../shared/api-errors.js';
import { readNifti } from '../../../shared/formats/nifti.js';
import type { Volume } from '../../../shared/subject.js';
import { parseOrFail, readFileOrFail } from '../files/file-errors.js';
import { nodeInflate } from '../files/node-inflate.js';

/** One frame (default 0) of a NIfTI volume file, float32 in file order with scaling applied. */
export async function readVolumeFile(path: string, frame = 0): Promise<Volume & { frames: number }> {
  const raw = await readFileOrFail(path);
  const v = parseOrFail(path, () => readNifti(raw, frame, nodeInflate));
  return { dims: v.dims, data: v.data, affine: v.affine, frames: v.frames };
}

const fmt = (s: readonly number[]) => s.join('×');

/**
 * Refuse a volume on another grid than the transform's reference: pycortex would index it with
 * the reference's voxel coordinates and silently show the wrong voxels (NSD's "must have
 * exactly the same size" warning).
 */
export function checkVolumeShape(
  path: string,
  dims: readonly number[],
  transform: { name: string; shape: readonly number[] },
): void {
  const same = dims.length === 3 && dims.every((d, i) => d === transform.shape[i]);
  if (!same)
    throw new ApiError(
      'SHAPE_MISMATCH',
      `${path}: volume shape ${fmt(dims)} differs from the reference shape ${fmt(transform.shape)} of transform "${transform.name}"; the volume must be on exactly the transform's voxel grid`,
      path,
    );
}
