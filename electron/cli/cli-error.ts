import type { NumberLimit } from '../../shared/api-limits.js';

/** A failure the user caused or can fix: printed as one line on stderr, exit code 1 (2 for usage). */
export class CliError extends Error {
  constructor(
    message: string,
    public readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Read a required string option or fail with a usage error naming it. */
export function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new CliError(`missing --${name}`, 2);
  return v;
}

/** Parse a numeric option, refusing anything that is not a finite number in range. */
export function numberOption(
  values: Record<string, unknown>,
  name: string,
  fallback: number,
  { min = -Infinity, max = Infinity, integer = false }: Partial<NumberLimit> = {},
): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (
    typeof raw !== 'string' ||
    !Number.isFinite(v) ||
    v < min ||
    v > max ||
    (integer && !Number.isInteger(v))
  )
    throw new CliError(
      `--${name} must be ${integer ? 'an integer' : 'a number'} in [${min}, ${max}], got ${JSON.stringify(raw)}`,
      2,
    );
  return v;
}
