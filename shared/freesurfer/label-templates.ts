import { gzipSync } from 'fflate';
import { parseCtab } from '../formats/ctab.js';
import { readAnnot } from '../formats/freesurfer-annot.js';
import { parseLabel } from '../formats/freesurfer-label.js';
import { encodeMgh, readMgh } from '../formats/mgh.js';
import { FreeSurferInputError, parseInput } from './input-error.js';
import { HEMIS, type Hemi, type HemiPair, type LabelEntry } from '../subject.js';

/**
 * Surface templates of an imported subject from the FreeSurfer `label/` folder: NSD's
 * `?h.NAME.mgz` (+ `NAME.mgz.ctab`) vertex maps, `?h.NAME.annot` parcellations and
 * `?h.NAME.label` files, all written as the `templates/lh.NAME.mgz` / `rh.NAME.mgz` vertex maps
 * with a `NAME.mgz.ctab` that the editor already reads.
 */

export type LabelKind = 'mgz' | 'annot' | 'label';

export interface LabelSource {
  name: string;
  kind: LabelKind;
  /** file names (in label/) per hemisphere; a .label may exist for one hemisphere only */
  files: Partial<HemiPair<string>>;
}

/** `all`, `none`, the default (NSD maps and .annot files) or a list of names. */
export type LabelSelection = 'all' | 'none' | 'default' | string[];

const PATTERN = /^(lh|rh)\.(.+)\.(mgz|annot|label)$/;
const PRIORITY: LabelKind[] = ['mgz', 'annot', 'label'];

/** The label sets a `label/` listing offers, one per name (an NSD map wins over an annot, an annot over a label). */
export function labelSources(files: readonly string[]): LabelSource[] {
  const byName = new Map<string, LabelSource>();
  for (const kind of PRIORITY)
    for (const f of [...files].sort()) {
      const m = PATTERN.exec(f);
      if (!m || m[3] !== kind) continue;
      const existing = byName.get(m[2]);
      if (existing && existing.kind !== kind) continue;
      const source = existing ?? { name: m[2], kind, files: {} };
      source.files[m[1] as Hemi] = f;
      byName.set(m[2], source);
    }
  return [...byName.values()]
    .filter((s) => s.kind === 'label' || (s.files.lh && s.files.rh))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The chosen sources; an unknown name fails listing what there is. */
export function selectLabelSources(sources: LabelSource[], selection: LabelSelection): LabelSource[] {
  if (selection === 'none') return [];
  if (selection === 'all') return sources;
  if (selection === 'default') return sources.filter((s) => s.kind !== 'label');
  const byName = new Map(sources.map((s) => [s.name, s]));
  const missing = selection.filter((n) => !byName.has(n));
  if (missing.length)
    throw new FreeSurferInputError(
      'label',
      `no label set ${missing.map((m) => JSON.stringify(m)).join(', ')} (has: ${sources.map((s) => s.name).join(', ') || 'none'})`,
    );
  return selection.map((n) => byName.get(n)!);
}

export interface TemplateFile {
  /** path inside the subject folder */
  path: string;
  bytes: Uint8Array;
}

/** Reads a file of the FreeSurfer subject folder by its path there (`label/lh.x.annot`). */
export type LabelReader = (file: string) => Promise<Uint8Array>;

async function parsed<T>(file: string, read: LabelReader, parse: (b: Uint8Array) => T): Promise<T> {
  const bytes = await read(file);
  return parseInput(file, () => parse(bytes));
}

function checkCount(file: string, count: number, expected: number): void {
  if (count !== expected)
    throw new FreeSurferInputError(file, `${count} vertices, but the hemisphere's surfaces have ${expected}`);
}

function ctabText(table: LabelEntry[]): string {
  return (
    table
      .map((e) => {
        const [r, g, b, a] = e.rgba ?? [0, 0, 0, 255];
        return `${e.index} ${e.name.replace(/\s+/g, '_')} ${r} ${g} ${b} ${255 - a}`;
      })
      .join('\n') + '\n'
  );
}

const mgz = (values: Int32Array) => gzipSync(encodeMgh(values, 1), { level: 6, mtime: 0 });

/** The template files of one source, checked against the hemispheres' vertex counts. */
export async function templateFiles(
  source: LabelSource,
  counts: HemiPair<number>,
  read: LabelReader,
  ctab: string | null,
): Promise<TemplateFile[]> {
  const out: TemplateFile[] = [];
  const put = (hemi: Hemi, bytes: Uint8Array) =>
    out.push({ path: `templates/${hemi}.${source.name}.mgz`, bytes });
  const table = `templates/${source.name}.mgz.ctab`;
  if (source.kind === 'mgz') {
    for (const hemi of HEMIS) {
      const file = `label/${source.files[hemi]!}`;
      const bytes = await read(file);
      const m = parseInput(file, () => readMgh(bytes));
      checkCount(file, m.values.length, counts[hemi]);
      put(hemi, bytes);
    }
    if (ctab !== null) {
      parseInput(`label/${source.name}.mgz.ctab`, () => parseCtab(ctab));
      out.push({ path: table, bytes: new TextEncoder().encode(ctab) });
    }
    return out;
  }
  if (source.kind === 'annot') {
    let entries: LabelEntry[] = [];
    for (const hemi of HEMIS) {
      const file = `label/${source.files[hemi]!}`;
      const annot = await parsed(file, read, readAnnot);
      checkCount(file, annot.labels.length, counts[hemi]);
      if (hemi === 'lh') entries = annot.table;
      put(hemi, mgz(annot.labels));
    }
    out.push({ path: table, bytes: new TextEncoder().encode(ctabText(entries)) });
    return out;
  }
  for (const hemi of HEMIS) {
    const values = new Int32Array(counts[hemi]);
    const file = source.files[hemi] && `label/${source.files[hemi]}`;
    if (file) {
      const label = await parsed(file, read, (b) => parseLabel(new TextDecoder().decode(b)));
      for (const v of label.vertices) {
        if (v >= values.length)
          throw new FreeSurferInputError(
            file,
            `vertex ${v} is outside the surface (${values.length} vertices)`,
          );
        values[v] = 1;
      }
    }
    put(hemi, mgz(values));
  }
  out.push({
    path: table,
    bytes: new TextEncoder().encode(`0 Unknown\n1 ${source.name.replace(/\s+/g, '_')}\n`),
  });
  return out;
}
