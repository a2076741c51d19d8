import type { Matrix4 } from './xfm.js';

/** A registration file (register.dat, .lta, FSL .mat) that cannot be read; the caller adds the path. */
export class RegistrationFileError extends Error {}

/** Whitespace-separated numbers of one text line, or null when a token is not a finite number. */
export function numbersOf(line: string): number[] | null {
  const tokens = line.trim().split(/\s+/).filter(Boolean);
  const values = tokens.map(Number);
  return tokens.length > 0 && values.every(Number.isFinite) ? values : null;
}

/**
 * Four text lines holding a 4×4 affine (row by row, last row 0 0 0 1). `firstLine` is the
 * 1-based line number of the first row, for messages.
 */
export function matrixRows(lines: readonly (string | undefined)[], firstLine: number): Matrix4 {
  const m: Matrix4 = [];
  for (let r = 0; r < 4; r++) {
    const line = lines[r];
    if (line === undefined)
      throw new RegistrationFileError(
        `truncated: the 4×4 matrix starting at line ${firstLine} has only ${r} row(s)`,
      );
    const row = numbersOf(line);
    if (!row || row.length !== 4)
      throw new RegistrationFileError(
        `line ${firstLine + r}: expected 4 numbers of the matrix, found ${JSON.stringify(line.trim())}`,
      );
    m.push(row);
  }
  const last = m[3];
  if (Math.abs(last[0]) + Math.abs(last[1]) + Math.abs(last[2]) + Math.abs(last[3] - 1) > 1e-6)
    throw new RegistrationFileError(
      `line ${firstLine + 3}: the last matrix row must be 0 0 0 1 (an affine), found ${last.join(' ')}`,
    );
  m[3] = [0, 0, 0, 1];
  return m;
}

/** The lines of a text file without the blank lines at its end. */
export function contentLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  return lines;
}
