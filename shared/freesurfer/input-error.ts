/**
 * A problem with one file of the FreeSurfer subject folder: `file` is its path inside that
 * folder (`surf/lh.pial`), so the caller can name the full path in the one error it shows.
 */
export class FreeSurferInputError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

/** Run a parser over a file's bytes; its failure becomes a {@link FreeSurferInputError} for that file. */
export function parseInput<T>(file: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof FreeSurferInputError) throw e;
    throw new FreeSurferInputError(file, (e as Error).message);
  }
}
