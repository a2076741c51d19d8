import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError, type TransformInfo } from '../../shared/api.js';
import { spatialShape } from '../../shared/formats/nifti.js';
import { coordMatrix, parseXfm, type Matrix4 } from '../../shared/formats/xfm.js';
import { fileError, parseOrFail } from './file-errors.js';
import { fileSignature, rememberedWhile, type Remembered } from './file-signature.js';
import { readNiftiHeaderFile } from './nifti-file.js';

/** A pycortex transform: `coord` (surface mm → voxel), the reference grid and its affine. */
export interface Transform extends TransformInfo {
  coord: Matrix4;
}

/** Transform names = the sorted folder names of `transforms/`, as pycortex lists them; [] without the folder. */
export async function listTransformNames(dbPath: string, subject: string): Promise<string[]> {
  const dir = join(dbPath, subject, 'transforms');
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw fileError(dir, e);
  }
}

/** Reference shape and affine, read from the header of `reference.nii.gz` only. */
export async function readTransformInfo(
  dbPath: string,
  subject: string,
  xfm: string,
): Promise<TransformInfo> {
  const ref = join(dbPath, subject, 'transforms', xfm, 'reference.nii.gz');
  const header = await readNiftiHeaderFile(ref);
  return { name: xfm, shape: spatialShape(header), affine: header.affine };
}

/** Parsed transforms while `matrices.xfm` and the reference stay the same (warm flatmaps ask often). */
const parsed = new Map<string, Remembered<Transform>>();

/** `matrices.xfm` + reference header of one transform; `coord` recomputed from `magnet` if absent. */
export async function readTransform(dbPath: string, subject: string, xfm: string): Promise<Transform> {
  if (!xfm || xfm.includes('/') || xfm.includes('\\') || xfm === '.' || xfm === '..')
    throw new ApiError('BAD_REQUEST', `bad transform name ${JSON.stringify(xfm)}`);
  const dir = join(dbPath, subject, 'transforms', xfm);
  const file = join(dir, 'matrices.xfm');
  const signature = await fileSignature([file, join(dir, 'reference.nii.gz')]);
  return rememberedWhile(parsed, dir, signature, () => parseTransform(dbPath, subject, xfm, file));
}

async function parseTransform(
  dbPath: string,
  subject: string,
  xfm: string,
  file: string,
): Promise<Transform> {
  const [text, info] = await Promise.all([
    readFile(file, 'utf8').catch((e: unknown) => {
      throw fileError(file, e);
    }),
    readTransformInfo(dbPath, subject, xfm),
  ]);
  const matrices = parseOrFail(file, () => parseXfm(text));
  const coord = parseOrFail(file, () => coordMatrix(matrices, info.affine));
  return { ...info, coord };
}
