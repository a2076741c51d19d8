import type { LabelEntry } from '../subject.js';

/**
 * Label tables next to ROI templates (`<name>.mgz.ctab`, `<name>.ctab`): NSD writes two columns
 * `index name`, FreeSurfer `index name R G B A` (pycortex-formats.md §8). Blank lines and `#`
 * comments are skipped; a line that does not start with an integer and a name is an error.
 */

export class CtabError extends Error {}

export function parseCtab(text: string): LabelEntry[] {
  const out: LabelEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const cols = line.split(/\s+/);
    const index = Number(cols[0]);
    if (!Number.isInteger(index) || cols.length < 2)
      throw new CtabError(`line ${i + 1}: expected "index name [R G B A]", found ${JSON.stringify(line)}`);
    const entry: LabelEntry = { index, name: cols[1] };
    const rgba = cols.slice(2, 6).map(Number);
    if (rgba.length >= 3 && rgba.every((c) => Number.isInteger(c) && c >= 0 && c <= 255)) {
      // FreeSurfer's fourth colour column is transparency (0 = opaque)
      entry.rgba = [rgba[0], rgba[1], rgba[2], rgba.length === 4 ? 255 - rgba[3] : 255];
    }
    out.push(entry);
  }
  return out;
}
