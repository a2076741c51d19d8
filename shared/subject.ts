/** Plain data shapes of a pycortex subject, shared by the store, the flatmap engine and the UI. */

export type Hemi = 'lh' | 'rh';
export const HEMIS: readonly Hemi[] = ['lh', 'rh'];

export interface HemiPair<T> {
  lh: T;
  rh: T;
}

/** One hemisphere surface: `points` is N×3 float32 (x, y, z per vertex), `triangles` M×3 vertex indices. */
export interface Surface {
  points: Float32Array;
  triangles: Uint32Array;
}

/** Surface types pycortex knows; any other `<type>_<hemi>.<ext>` file is listed but not used. */
export type SurfaceType = 'flat' | 'wm' | 'pia' | 'fiducial' | 'inflated' | (string & {});

/** A 3-D (or 4-D, one frame chosen) volume in NIfTI file order: index i + nx·(j + ny·k). */
export interface Volume {
  dims: [number, number, number];
  data: Float32Array;
  /** voxel → world millimetres (sform, else qform, else Analyze fallback), row-major 4×4 */
  affine: number[][];
}

/** One label of an NSD / FreeSurfer colour table. */
export interface LabelEntry {
  index: number;
  name: string;
  /** RGBA 0–255 when the table has colours */
  rgba?: [number, number, number, number];
}
