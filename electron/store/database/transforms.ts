import { access, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TransformInfo } from '../../../shared/api.js';
import { ApiError } from '../../../shared/api-errors.js';
import { spatialShape } from '../../../shared/formats/nifti.js';
import { coordMatrix, invertAffine, parseXfm, type Matrix4 } from '../../../shared/formats/xfm.js';
import { isPlainName } from '../../../shared/subject-name.js';
import { fileError, parseOrFail } from '../files/file-errors.js';
import { fileSignature, rememberedWhile, type Remembered } from '../files/file-signature.js';
import { readNiftiHeaderFile } from './nifti-file.js';

/** A pycortex transform: `coord` (surface mm → voxel), the reference grid and its affine. */
export interface Transform extends TransformInfo {
  coord: Matrix4;
}

/**
 * pycortex's built-in transform: the anatomy's own grid (`coord` = inverse of the affine of
 * `anatomicals/raw.nii.gz`), answered before any folder of that name (pycortex-formats.md §3.1).
 */
export const IDENTITY = 'identity';

/** The subject's anatomy (FreeSurfer's T1 as pycortex imports it): `identity`'s reference, FSL's target. */
export const anatomyFile = (dbPath: string, subject: string) =>
  join(dbPath, subject, 'anatomicals', 'raw.nii.gz');

/** The file a transform's matrix comes from: its `matrices.xfm`, or the anatomy for `identity`. */
export function matrixFile(dbPath: string, subject: string, xfm: string): string {
  return xfm === IDENTITY
    ? anatomyFile(dbPath, subject)
    : join(dbPath, subject, 'transforms', xfm, 'matrices.xfm');
}

/**
 * Transform names = the sorted folder names of `transforms/`, as pycortex lists them ([] without
 * the folder), then `identity` when the subject has the anatomy it needs.
 */
export async function listTransformNames(dbPath: string, subject: string): Promise<string[]> {
  const dir = join(dbPath, subject, 'transforms');
  const hasAnatomy = await access(anatomyFile(dbPath, subject)).then(
    () => true,
    () => false,
  );
  let names: string[];
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    names = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw fileError(dir, e);
    names = [];
  }
  names.sort();
  // last, so a subject's own transforms stay the first choice
  if (hasAnatomy && !names.includes(IDENTITY)) names.push(IDENTITY);
  return names;
}

/** The reference volume of a transform: its folder's `reference.nii.gz`, or the anatomy for `identity`. */
function referencePath(dbPath: string, subject: string, xfm: string): string {
  return xfm === IDENTITY
    ? anatomyFile(dbPath, subject)
    : join(dbPath, subject, 'transforms', xfm, 'reference.nii.gz');
}

/** Reference shape and affine, read from the header of `reference.nii.gz` only. */
export async function readTransformInfo(
  dbPath: string,
  subject: string,
  xfm: string,
): Promise<TransformInfo> {
  const header = await readNiftiHeaderFile(referencePath(dbPath, subject, xfm));
  return { name: xfm, shape: spatialShape(header), affine: header.affine };
}

/** Parsed transforms while `matrices.xfm` and the reference stay the same (warm flatmaps ask often). */
const parsed = new Map<string, Remembered<Transform>>();

/** `matrices.xfm` + reference header of one transform; `coord` recomputed from `magnet` if absent. */
export async function readTransform(dbPath: string, subject: string, xfm: string): Promise<Transform> {
  if (!isPlainName(xfm)) throw new ApiError('BAD_REQUEST', `bad transform name ${JSON.stringify(xfm)}`);
  const dir = join(dbPath, subject, 'transforms', xfm);
  const reference = referencePath(dbPath, subject, xfm);
  if (xfm === IDENTITY) {
    const signature = await fileSignature([reference]);
    return rememberedWhile(parsed, reference, signature, async () => {
      const info = await readTransformInfo(dbPath, subject, xfm);
      return { ...info, coord: parseOrFail(reference, () => invertAffine(info.affine)) };
    });
  }
  const file = matrixFile(dbPath, subject, xfm);
  const signature = await fileSignature([file, reference]);
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
