import type { FreeSurferImportResult } from '../api.js';

/**
 * What an import that replaced a subject tells the user, for the CLI and the app alike: what
 * was carried over, what the import wrote anew, and where the old subject is kept.
 */
export function replacedSubjectLines(
  r: Pick<FreeSurferImportResult, 'kept' | 'replaced' | 'backup'>,
): string[] {
  if (!r.backup) return [];
  const lines: string[] = [];
  if (r.kept.length) lines.push(`Kept from the replaced subject: ${r.kept.join(', ')}.`);
  if (r.replaced.length)
    lines.push(`Written anew by the import (the old versions are in the backup): ${r.replaced.join(', ')}.`);
  lines.push(
    `The replaced subject is kept whole in ${r.backup} (its cache/ is not carried over: pycortex rebuilds it); delete that folder when you no longer need it.`,
  );
  return lines;
}
