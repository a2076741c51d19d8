import { contentLines, matrixRows, RegistrationFileError } from './matrix-text.js';
import type { Matrix4 } from './xfm.js';

/**
 * FSL FLIRT `.mat`: four text lines of four numbers, mapping the input image's FSL coordinates
 * (scaled voxels, x flipped for a positive-determinant affine) to the reference image's
 * (freesurfer-import.md §1.6).
 */
export function parseFslMat(text: string): Matrix4 {
  const lines = contentLines(text);
  if (lines.length === 0) throw new RegistrationFileError('empty file: expected 4 lines of 4 numbers');
  if (lines.length > 4)
    throw new RegistrationFileError(`expected 4 lines of 4 numbers, found ${lines.length} lines`);
  return matrixRows(lines, 1);
}
