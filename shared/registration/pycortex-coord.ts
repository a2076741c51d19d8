import type { Lta } from '../formats/lta.js';
import { RegistrationFileError } from '../formats/matrix-text.js';
import { scannerVox2ras, tkrVox2ras, type VolumeGeometry } from '../formats/volume-geometry.js';
import { invertAffine, multiply4, type Matrix4 } from '../formats/xfm.js';

/**
 * pycortex `coord` matrices (surface scanner mm → reference voxel) from the registrations
 * pycortex converts (freesurfer-import.md §4): `Transform.from_freesurfer`, `Transform.from_fsl`
 * and the header alignment `Transform(inv(affine), reference)`. Products are taken in pycortex's
 * order so the entries agree with its output to rounding.
 */

/** What a NIfTI header says about its grid: sizes, pixdim voxel sizes, nibabel's best affine. */
export interface NiftiGrid {
  dims: readonly number[];
  zooms: readonly [number, number, number];
  affine: Matrix4;
}

const product = (...ms: Matrix4[]) => ms.reduce((a, b) => multiply4(a, b));

/** Data already in the anatomy's scanner space: coord = A⁻¹ (also pycortex's `identity` with raw.nii.gz). */
export function headerCoord(reference: NiftiGrid): Matrix4 {
  return invertAffine(reference.affine);
}

/** `from_freesurfer`: coord = Tf⁻¹ · D · Ta · Va⁻¹ (scanner → anat tkr → func tkr → func voxel). */
export function registerDatCoord(D: Matrix4, anatomy: VolumeGeometry, reference: NiftiGrid): Matrix4 {
  const Tf = tkrVox2ras(reference.dims, reference.zooms);
  const Ta = tkrVox2ras(anatomy.dims, anatomy.voxelSize);
  return product(invertAffine(Tf), D, Ta, invertAffine(scannerVox2ras(anatomy)));
}

/**
 * The register.dat matrix of the registration an LTA holds, as `lta_convert --outreg` derives it
 * from the LTA's own volume geometry: D = Tsrc · Vsrc⁻¹ · R⁻¹ · Vdst · Tdst⁻¹ with R the
 * source → destination scanner RAS map (the source is the functional volume, as bbregister writes).
 */
export function registerDatOfLta(lta: Lta): Matrix4 {
  const { src, dst } = lta;
  if (!src || !dst)
    throw new RegistrationFileError(
      `has no valid ${src ? 'dst' : 'src'} volume info: the volumes it registers are unknown`,
    );
  const Vsrc = scannerVox2ras(src);
  const Vdst = scannerVox2ras(dst);
  const R = lta.type === 'ras2ras' ? lta.matrix : product(Vdst, lta.matrix, invertAffine(Vsrc));
  return product(
    tkrVox2ras(src.dims, src.voxelSize),
    invertAffine(Vsrc),
    invertAffine(R),
    Vdst,
    invertAffine(tkrVox2ras(dst.dims, dst.voxelSize)),
  );
}

/** The same registration with source and destination swapped (an LTA written anatomy → functional). */
export function invertLta(lta: Lta): Lta {
  return { ...lta, matrix: invertAffine(lta.matrix), src: lta.dst, dst: lta.src };
}

/** FSL coordinates of a grid: voxel · pixdim, the first axis flipped when det(affine) ≥ 0 (as pycortex). */
export function fslSpace(grid: NiftiGrid): Matrix4 {
  const scale = [
    [grid.zooms[0], 0, 0, 0],
    [0, grid.zooms[1], 0, 0],
    [0, 0, grid.zooms[2], 0],
    [0, 0, 0, 1],
  ];
  if (det3(grid.affine) < 0) return scale;
  const flip = [
    [-1, 0, 0, grid.dims[0] - 1],
    [0, 1, 0, 0],
    [0, 0, 1, 0],
    [0, 0, 0, 1],
  ];
  return multiply4(scale, flip);
}

/** `from_fsl` with F the FLIRT functional → anatomy matrix: coord = Sf⁻¹ · F⁻¹ · Sa · Aa⁻¹. */
export function fslCoord(F: Matrix4, reference: NiftiGrid, anatomy: NiftiGrid): Matrix4 {
  return product(
    invertAffine(fslSpace(reference)),
    invertAffine(F),
    fslSpace(anatomy),
    invertAffine(anatomy.affine),
  );
}

/** What `save_xfm(..., 'coord')` stores beside coord: magnet = A · coord. */
export function magnetOf(coord: Matrix4, referenceAffine: Matrix4): Matrix4 {
  return multiply4(referenceAffine, coord);
}

function det3(m: Matrix4): number {
  const [[a, b, c], [d, e, f], [g, h, i]] = m;
  return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
}
