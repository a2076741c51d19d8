import { readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AddTransformRequest, TransformInfo, TransformRegistration } from '../../../shared/api.js';
import { ApiError } from '../../../shared/api-errors.js';
import { parseFslMat } from '../../../shared/formats/fsl-mat.js';
import { parseLta, type Lta } from '../../../shared/formats/lta.js';
import { readMghGeometry } from '../../../shared/formats/mgh.js';
import { isGzip, readNifti, spatialShape } from '../../../shared/formats/nifti.js';
import { parseRegisterDat, type RegisterDat } from '../../../shared/formats/register-dat.js';
import { scannerVox2ras, type VolumeGeometry } from '../../../shared/formats/volume-geometry.js';
import { encodeXfm } from '../../../shared/formats/xfm-write.js';
import { invertAffine, type Matrix4 } from '../../../shared/formats/xfm.js';
import {
  fslCoord,
  headerCoord,
  invertLta,
  magnetOf,
  registerDatCoord,
  registerDatOfLta,
  type NiftiGrid,
} from '../../../shared/registration/pycortex-coord.js';
import { fileError, parseOrFail, readFileOrFail } from '../files/file-errors.js';
import { readNiftiHeaderFile } from '../database/nifti-file.js';
import { nodeInflate } from '../files/node-inflate.js';
import { anatomyFile, IDENTITY } from '../database/transforms.js';
import { writeTransformFolder } from './transform-folder.js';

/** The API's request, for the database at `db`. */
export type AddTransformOptions = AddTransformRequest & { db: string };

export interface AddedTransform extends TransformInfo {
  dir: string;
  coord: Matrix4;
  magnet: Matrix4;
  backup?: string;
}

/**
 * `transforms/<name>/{matrices.xfm,reference.nii.gz}` as pycortex's `Transform.from_freesurfer`,
 * `Transform.from_fsl` or a header alignment followed by `save(subject, name, 'coord')` write
 * them. Every input is read and checked before anything is written.
 */
export async function addTransform(r: AddTransformOptions): Promise<AddedTransform> {
  checkTransformName(r.name);
  const subjectDir = join(r.db, r.subject);
  if (!(await stat(subjectDir).catch(() => null))?.isDirectory())
    throw new ApiError('NOT_FOUND', `no subject ${JSON.stringify(r.subject)} in ${r.db}`, subjectDir);
  const reference = await readReference(r.reference);
  const coord = await coordFor(r, reference.grid);
  // a singular coord would put the whole cortex on a plane of voxels
  const source = r.registration.kind === 'header' ? r.reference : r.registration.file;
  parseOrFail(source, () => invertible(() => invertAffine(coord)));
  const magnet = magnetOf(coord, reference.grid.affine);
  const written = await writeTransformFolder(
    r.db,
    subjectDir,
    r.name,
    { 'matrices.xfm': encodeXfm({ coord, magnet }), 'reference.nii.gz': reference.gz },
    r.replace ?? false,
  );
  return {
    ...written,
    name: r.name,
    shape: spatialShape(reference.header),
    affine: reference.grid.affine,
    coord,
    magnet,
  };
}

/** A plain folder name; `identity` is pycortex's built-in transform, which a folder cannot override. */
export function checkTransformName(name: string): void {
  if (!name || /[/\\\0]/.test(name) || name.startsWith('.') || name.trim() !== name)
    throw new ApiError('BAD_REQUEST', `bad transform name ${JSON.stringify(name)}: use a plain folder name`);
  if (name === IDENTITY)
    throw new ApiError(
      'BAD_REQUEST',
      '"identity" is pycortex\'s built-in transform (the anatomy\'s own grid); choose another name',
    );
}

/** The reference: a complete 3-D NIfTI, kept byte for byte (gzipped if it was not), as pycortex copies it. */
async function readReference(path: string) {
  const bytes = await readFileOrFail(path);
  const { header } = parseOrFail(path, () => readNifti(bytes, 0, nodeInflate));
  const dims = header.dims;
  if (dims.length < 3 || dims.slice(3).some((d) => d !== 1))
    throw new ApiError(
      'INVALID_FILE',
      `${path}: the reference must be one 3-D volume, this one is ${dims.join('×')}; give a single volume such as the mean image`,
      path,
    );
  const grid: NiftiGrid = { dims, zooms: header.zooms, affine: header.affine };
  return { header, grid, gz: isGzip(bytes) ? bytes : new Uint8Array(gzipSync(bytes)) };
}

async function coordFor(r: AddTransformOptions, reference: NiftiGrid): Promise<Matrix4> {
  const reg = r.registration;
  if (reg.kind === 'header') return parseOrFail(r.reference, () => invertible(() => headerCoord(reference)));
  const text = await readFile(reg.file, 'utf8').catch((e: unknown) => {
    throw fileError(reg.file, e);
  });
  if (reg.kind === 'fsl') {
    const F = parseOrFail(reg.file, () => parseFslMat(text));
    const rawPath = anatomyFile(r.db, r.subject);
    const anat = await readNiftiHeaderFile(rawPath).catch((e: unknown) => {
      const err = fileError(rawPath, e);
      if (err.code !== 'NOT_FOUND') throw err;
      throw new ApiError(
        'NOT_FOUND',
        `${rawPath}: file not found; an FSL registration maps to the subject's anatomy, which pycortex keeps there`,
        rawPath,
      );
    });
    const anatomy: NiftiGrid = { dims: anat.dims, zooms: anat.zooms, affine: anat.affine };
    return parseOrFail(reg.file, () => invertible(() => fslCoord(F, reference, anatomy)));
  }
  return freesurferCoord(r, reg, text, reference);
}

async function freesurferCoord(
  r: AddTransformOptions,
  reg: Extract<TransformRegistration, { kind: 'freesurfer' }>,
  text: string,
  reference: NiftiGrid,
): Promise<Matrix4> {
  const isLta = extname(reg.file).toLowerCase() === '.lta' || /^\s*type\s*=/m.test(text.slice(0, 4096));
  const fsSubject = reg.fsSubject ?? r.subject;
  const origPath = join(reg.subjectsDir, fsSubject, 'mri', 'orig.mgz');
  const lta = isLta ? parseOrFail(reg.file, () => parseLta(text)) : undefined;
  const dat = isLta ? undefined : parseOrFail(reg.file, () => parseRegisterDat(text));
  const named = lta ? lta.subject : dat?.subject;
  if (named !== undefined && named !== fsSubject)
    throw new ApiError(
      'INVALID_FILE',
      `${reg.file}: the registration is for FreeSurfer subject "${named}", not "${fsSubject}"` +
        (reg.fsSubject
          ? ''
          : ` (the FreeSurfer subject defaults to the pycortex subject's name; name it if it differs)`),
      reg.file,
    );
  if (dat) checkVoxelSizes(reg.file, dat, r.reference, reference);
  const origBytes = await readFileOrFail(origPath);
  const anatomy = parseOrFail(origPath, () => readMghGeometry(origBytes, nodeInflate));
  await checkSameAnatomy(r, origPath, anatomy);
  const D = dat
    ? dat.matrix
    : parseOrFail(reg.file, () =>
        invertible(() => registerDatOfLta(orientLta(reg.file, lta!, reference, anatomy))),
      );
  return parseOrFail(reg.file, () => invertible(() => registerDatCoord(D, anatomy, reference)));
}

/**
 * A register.dat records the voxel size of the volume it registered (FreeSurfer writes the first
 * and third voxel sizes of the functional volume, with 6 decimals): another size means another
 * reference, whose voxels the matrix would miss.
 */
function checkVoxelSizes(file: string, dat: RegisterDat, referencePath: string, reference: NiftiGrid): void {
  const [dx, , dz] = reference.zooms;
  if (Math.abs(dat.inplane - dx) > 1e-3 || Math.abs(dat.thickness - dz) > 1e-3)
    throw new ApiError(
      'INVALID_FILE',
      `${file}: the registration was made for ${dat.inplane} mm voxels (slices ${dat.thickness} mm), but ` +
        `${referencePath} has ${reference.zooms.map((z) => +z.toFixed(4)).join(' × ')} mm voxels: is it the registered volume?`,
      file,
    );
}

/** An LTA from the functional volume to the anatomy, swapping one written the other way round. */
function orientLta(file: string, lta: Lta, reference: NiftiGrid, anatomy: VolumeGeometry): Lta {
  const fits = (g: VolumeGeometry | undefined, dims: readonly number[]) =>
    g !== undefined && g.dims.every((d, i) => d === dims[i]);
  if (fits(lta.src, reference.dims) && fits(lta.dst, anatomy.dims)) return lta;
  if (fits(lta.dst, reference.dims) && fits(lta.src, anatomy.dims))
    return parseOrFail(file, () => invertible(() => invertLta(lta)));
  const shape = (g?: VolumeGeometry) => (g ? g.dims.join('×') : 'unknown');
  throw new ApiError(
    'INVALID_FILE',
    `${file}: the LTA registers a ${shape(lta.src)} volume to a ${shape(lta.dst)} volume, but the reference is ` +
      `${reference.dims.slice(0, 3).join('×')} and orig.mgz is ${anatomy.dims.join('×')}`,
    file,
  );
}

/**
 * The FreeSurfer subject must be the one the pycortex subject was imported from: when the
 * subject has `anatomicals/raw.nii.gz` (FreeSurfer's T1, on orig.mgz's grid), their grids agree.
 */
async function checkSameAnatomy(r: AddTransformOptions, origPath: string, anatomy: VolumeGeometry) {
  const rawPath = anatomyFile(r.db, r.subject);
  const raw = await readNiftiHeaderFile(rawPath).catch(() => null);
  if (!raw) return;
  const V = scannerVox2ras(anatomy);
  const sameDims = raw.dims.slice(0, 3).every((d, i) => d === anatomy.dims[i]);
  const offset = Math.max(...V.flatMap((row, i) => row.map((v, j) => Math.abs(v - raw.affine[i][j]))));
  if (!sameDims || offset > 1e-3)
    throw new ApiError(
      'INVALID_FILE',
      `${origPath}: this anatomy (${anatomy.dims.join('×')}) is not the one subject "${r.subject}" was imported from ` +
        `(its anatomicals/raw.nii.gz is ${raw.dims.slice(0, 3).join('×')}${sameDims ? `, vox2ras differs by ${offset.toPrecision(3)} mm` : ''})`,
      origPath,
    );
}

/** A singular matrix anywhere in the chain is the input file's problem. */
function invertible<T>(compute: () => T): T {
  try {
    return compute();
  } catch (e) {
    if ((e as Error).message === 'matrix is singular')
      throw new Error('the matrix (or a grid it is combined with) is not invertible', { cause: e });
    throw e;
  }
}
