import type { Matrix4 } from './xfm.js';

/**
 * The voxel grid of a FreeSurfer volume as MGH headers and LTA `volume info` blocks describe it
 * (freesurfer-import.md §1.4): sizes, voxel sizes, the direction of each voxel axis in RAS, and
 * the scanner position of the grid centre (voxel N/2, not (N−1)/2).
 */
export interface VolumeGeometry {
  dims: [number, number, number];
  voxelSize: [number, number, number];
  /** unit RAS direction of voxel axes 0, 1, 2 (FreeSurfer's xras, yras, zras) */
  directions: [number[], number[], number[]];
  /** scanner RAS of the grid centre (c_ras) */
  center: [number, number, number];
}

/** Scanner vox2ras: M = directions · diag(voxelSize), translation c_ras − M·dims/2 (nibabel's MGH affine). */
export function scannerVox2ras(g: VolumeGeometry): Matrix4 {
  const m = [0, 1, 2].map((r) => [0, 1, 2].map((c) => g.directions[c][r] * g.voxelSize[c]));
  return [
    ...m.map((row, r) => [...row, g.center[r] - row.reduce((s, v, c) => s + (v * g.dims[c]) / 2, 0)]),
    [0, 0, 0, 1],
  ];
}

/**
 * "tkregister" vox2ras of a grid with these sizes: LIA axes and c_ras = 0, whatever the volume's
 * real orientation. Entries are float32, as nibabel's `get_vox2ras_tkr` (and so pycortex) gives
 * them: the voxel sizes come from float32 header fields and the product is rounded once.
 */
export function tkrVox2ras(dims: readonly number[], voxelSize: readonly number[]): Matrix4 {
  const d = voxelSize.slice(0, 3).map((x) => Math.fround(x));
  const half = (i: number) => Math.fround((dims[i] * d[i]) / 2);
  return [
    [-d[0], 0, 0, half(0)],
    [0, 0, d[2], -half(2)],
    [0, -d[1], 0, half(1)],
    [0, 0, 0, 1],
  ];
}
