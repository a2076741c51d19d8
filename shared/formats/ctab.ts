import type { LabelEntry } from '../subject.js';

/**
 * Label tables next to ROI templates (pycortex-formats.md §8): NSD's two-column
 * `<index> <name>` (`prf-visualrois.mgz.ctab`) and FreeSurfer's `<index> <name> R G B A`, where
 * the last column is transparency (0 = opaque). Blank lines and `#` comments are skipped.
 */

export class CtabError extends Error {}

export function parseCtab(text: string): LabelEntry[] {
  const out: LabelEntry[] = [];
  const seen = new Map<number, number>();
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].trim();
    if (line === '' || line.startsWith('#')) continue;
    const where = `line ${n + 1}`;
    const tokens = line.split(/\s+/);
    if (!/^[+-]?\d+$/.test(tokens[0]))
      throw new CtabError(`${where}: label index ${JSON.stringify(tokens[0])} is not an integer`);
    const index = Number(tokens[0]);
    if (tokens.length < 2) throw new CtabError(`${where}: label ${index} has no name`);
    const name = tokens[1];
    const colours = tokens.slice(2);
    const entry: LabelEntry = { index, name };
    if (colours.length > 0) {
      if (colours.length !== 3 && colours.length !== 4)
        throw new CtabError(`${where}: expected "<index> <name> R G B [A]", found ${tokens.length} columns`);
      const v = colours.map((c) => (/^\d+$/.test(c) ? Number(c) : NaN));
      const bad = v.findIndex((x) => !(x >= 0 && x <= 255));
      if (bad >= 0)
        throw new CtabError(`${where}: colour value ${JSON.stringify(colours[bad])} is not in 0..255`);
      entry.rgba = [v[0], v[1], v[2], 255 - (v[3] ?? 0)];
    }
    const previous = seen.get(index);
    if (previous !== undefined)
      throw new CtabError(`${where}: label index ${index} already used on line ${previous}`);
    seen.set(index, n + 1);
    out.push(entry);
  }
  if (out.length === 0) throw new CtabError('no labels (empty table)');
  return out;
}
