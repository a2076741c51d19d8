import { contentLines, matrixRows, numbersOf, RegistrationFileError } from './matrix-text.js';
import type { Matrix4 } from './xfm.js';

/**
 * FreeSurfer `register.dat` (tkregister/bbregister; freesurfer-import.md §1.6): the subject
 * name, in-plane voxel size, slice thickness, intensity scale, then a 4×4 matrix mapping the
 * anatomy's tkr RAS to the functional volume's tkr RAS, then `round` or `tkregister`.
 */
export interface RegisterDat {
  subject: string;
  inplane: number;
  thickness: number;
  /** anatomical tkr RAS → functional tkr RAS */
  matrix: Matrix4;
}

export function parseRegisterDat(text: string): RegisterDat {
  const lines = contentLines(text);
  const subject = (lines[0] ?? '').trim();
  if (subject === '')
    throw new RegistrationFileError('line 1 must name the FreeSurfer subject, found nothing');
  if (lines.length < 8)
    throw new RegistrationFileError(
      `truncated: ${lines.length} line(s), a register.dat has 4 header lines and 4 matrix rows`,
    );
  const header = (n: number, what: string) => {
    const v = numbersOf(lines[n]);
    if (!v || v.length !== 1 || !(v[0] > 0))
      throw new RegistrationFileError(
        `line ${n + 1} must be the ${what} (a positive number), found ${JSON.stringify(lines[n].trim())}`,
      );
    return v[0];
  };
  const inplane = header(1, 'in-plane voxel size');
  const thickness = header(2, 'slice thickness');
  header(3, 'intensity scale');
  const matrix = matrixRows(lines.slice(4, 8), 5);
  const tail = (lines[8] ?? 'round').trim();
  if (tail !== 'round' && tail !== 'tkregister' && tail !== '')
    throw new RegistrationFileError(
      `line 9 must be "round" or "tkregister" after the matrix, found ${JSON.stringify(tail)}`,
    );
  return { subject, inplane, thickness, matrix };
}
