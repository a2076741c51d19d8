/**
 * The one ROI name rule, for the editor and for every back-end writer (save, trace, merge).
 * ROI names become `inkscape:label` values that pycortex uses as dictionary keys and prints on
 * figures; keeping to letters, digits and a few punctuation marks keeps them safe in XML,
 * in Inkscape's layer dialog, in file names of exports and on the command line.
 */

export const ROI_NAME_MAX_LENGTH = 64;
const ALLOWED = /^[A-Za-z0-9][A-Za-z0-9 _.+()-]*$/;
/** any character outside ALLOWED's set */
const DISALLOWED = /[^A-Za-z0-9 _.+()-]/g;

export type NameCheck = { ok: true } | { ok: false; reason: string };

/**
 * `existing` are the other ROI names of the document (the ROI being renamed excluded).
 * Case-only differences are refused too: they are indistinguishable on case-insensitive disks.
 */
export function checkRoiName(name: string, existing: readonly string[]): NameCheck {
  if (name.length === 0) return { ok: false, reason: 'Enter a name.' };
  if (name !== name.trim()) return { ok: false, reason: 'No spaces at the start or end.' };
  if (name.length > ROI_NAME_MAX_LENGTH) {
    return { ok: false, reason: `At most ${ROI_NAME_MAX_LENGTH} characters.` };
  }
  if (!ALLOWED.test(name)) {
    return {
      ok: false,
      reason: 'Start with a letter or digit; use only letters, digits, spaces and _ - . + ( ).',
    };
  }
  const lower = name.toLowerCase();
  const clash = existing.find((n) => n.toLowerCase() === lower);
  if (clash !== undefined) return { ok: false, reason: `An ROI named "${clash}" already exists.` };
  return { ok: true };
}

/**
 * A valid ROI name from a `.ctab` label name: other characters become `_`, and it is cut to
 * leave room for a " 2"-style suffix within {@link ROI_NAME_MAX_LENGTH}.
 */
export function roiNameFromLabel(label: string): string {
  return (
    label
      .replace(DISALLOWED, '_')
      .replace(/^[^A-Za-z0-9]+/, '')
      .trim()
      .slice(0, ROI_NAME_MAX_LENGTH - 4) || 'label'
  );
}

/** `base`, or `base 2`, `base 3`… : the first that is a valid name not among `existing`. */
export function freeRoiName(base: string, existing: readonly string[]): string {
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? base : `${base} ${i}`;
    if (checkRoiName(candidate, existing).ok) return candidate;
  }
}

/** A free default name such as "ROI 3". */
export function nextRoiName(existing: readonly string[]): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  for (let i = 1; ; i++) if (!taken.has(`roi ${i}`)) return `ROI ${i}`;
}
