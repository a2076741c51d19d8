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

/**
 * A file name for an ROI that needs no quoting in a shell: anything but letters, digits and
 * `. _ + -` (spaces, parentheses, path separators) becomes `_` ("V2 dorsal part" →
 * "V2_dorsal_part"), and a leading `-` too, so the name is never read as an option.
 */
export function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9._+-]/g, '_').replace(/^-/, '_') || '_';
}

/**
 * One export file stem per ROI name, no two equal even ignoring case (a case-insensitive disk,
 * or a zip unpacked on one, would let one file overwrite the other). A name that is file-safe
 * as it is keeps it; another name whose {@link fileSafe} form is taken gets `-2`, `-3`… ("V2
 * dorsal" beside "V2_dorsal" → "V2_dorsal-2"). Given all ROI names of the overlay in document
 * order, an ROI's file name is the same whichever ROIs are exported.
 */
export function roiFileStems(names: readonly string[]): Map<string, string> {
  const stems = new Map<string, string>();
  const taken = new Set<string>();
  const claim = (name: string, stem: string) => {
    stems.set(name, stem);
    taken.add(stem.toLowerCase());
  };
  for (const name of names) if (fileSafe(name) === name && !taken.has(name.toLowerCase())) claim(name, name);
  for (const name of names) {
    if (stems.has(name)) continue;
    const base = fileSafe(name);
    let stem = base;
    for (let k = 2; taken.has(stem.toLowerCase()); k++) stem = `${base}-${k}`;
    claim(name, stem);
  }
  return stems;
}
