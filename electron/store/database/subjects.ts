import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { SubjectSummary, TemplateInfo, TransformInfo } from '../../../shared/api.js';
import { parseCtab } from '../../../shared/formats/ctab.js';
import { LEGACY_ROIS_FILE } from '../../../shared/formats/legacy-rois-file.js';
import type { LabelEntry } from '../../../shared/subject.js';
import { fileError } from '../files/file-errors.js';
import { SIDECAR_FILE } from '../write/sidecar-file.js';
import { listSurfaceFiles } from './surface-files.js';
import { listTransformNames, readTransformInfo } from './transforms.js';

/**
 * What a database holds (pycortex-formats.md §1): every folder in the filestore is a subject.
 * Reading stays cheap — surface names, reference headers, label tables — so the list appears
 * at once; a subject that cannot be opened is listed with the reason instead of failing all.
 */
export async function listSubjects(dbPath: string): Promise<SubjectSummary[]> {
  let entries;
  try {
    entries = await readdir(dbPath, { withFileTypes: true });
  } catch (e) {
    throw fileError(dbPath, e);
  }
  const names = entries
    .filter((e) => (e.isDirectory() || e.isSymbolicLink()) && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  const subjects = await Promise.all(names.map((n) => summariseSubject(dbPath, n)));
  return subjects.filter((s): s is SubjectSummary => s !== null);
}

/** One subject's summary; null for a symlink that is not a folder. */
export async function summariseSubject(dbPath: string, name: string): Promise<SubjectSummary | null> {
  const dir = join(dbPath, name);
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) return null;
  const notes: string[] = [];
  const [surfaces, transforms, templates, hasOverlay, hasRois, hasSidecar, warningText] = await Promise.all([
    surfaceTypes(dbPath, name),
    transformInfos(dbPath, name, notes),
    findTemplates(join(dir, 'templates'), notes),
    exists(join(dir, 'overlays.svg')),
    exists(join(dir, LEGACY_ROIS_FILE)),
    exists(join(dir, SIDECAR_FILE)),
    readFile(join(dir, 'warning.txt'), 'utf8').catch(() => undefined),
  ]);
  if (!hasOverlay && hasRois)
    notes.push(
      'ROIs are in the legacy rois.svg: they open as pycortex converts them, and the first save writes overlays.svg (rois.svg is kept as it is)',
    );
  const warning = [warningText?.trim(), ...notes].filter((s) => s).join('\n');
  return {
    name,
    surfaces: surfaces.types,
    transforms,
    templates,
    hasOverlay,
    ...(!hasOverlay && hasRois ? { hasLegacyRois: true } : {}),
    hasSidecar,
    ...(warning ? { warning } : {}),
    ...(surfaces.problem ? { problem: surfaces.problem } : {}),
  };
}

async function surfaceTypes(dbPath: string, subject: string): Promise<{ types: string[]; problem?: string }> {
  try {
    const files = await listSurfaceFiles(dbPath, subject);
    const types = [...files.entries()].filter(([, f]) => f.lh && f.rh).map(([t]) => t);
    const flat = files.get('flat');
    if (!flat) return { types, problem: 'no flat surface (surfaces/flat_lh.gii and flat_rh.gii)' };
    if (!flat.lh || !flat.rh)
      return {
        types,
        problem: `flat surface of one hemisphere only (${basename((flat.lh ?? flat.rh) as string)})`,
      };
    const oneSided = [...files.entries()].filter(([, f]) => !f.lh || !f.rh).map(([t]) => t);
    if (oneSided.length && ['wm', 'pia', 'fiducial'].some((t) => oneSided.includes(t)))
      return { types, problem: `surfaces with one hemisphere only: ${oneSided.join(', ')}` };
    return { types };
  } catch (e) {
    const err = fileError(join(dbPath, subject, 'surfaces'), e);
    return { types: [], problem: err.code === 'NOT_FOUND' ? 'no surfaces/ folder' : err.message };
  }
}

async function transformInfos(dbPath: string, subject: string, notes: string[]): Promise<TransformInfo[]> {
  let names: string[];
  try {
    names = await listTransformNames(dbPath, subject);
  } catch (e) {
    notes.push(`transforms cannot be listed: ${(e as Error).message}`);
    return [];
  }
  const infos = await Promise.all(
    names.map((n) =>
      readTransformInfo(dbPath, subject, n).catch((e: unknown) => {
        notes.push(`transform ${n} is unusable: ${(e as Error).message}`);
        return null;
      }),
    ),
  );
  return infos.filter((t): t is TransformInfo => t !== null);
}

const VOLUME = /^(.+)\.nii(\.gz)?$/;
const VERTEX = /^lh\.(.+)\.(mgz|mgh)$/;

/**
 * `templates/*.nii(.gz)` volumes and `lh.<name>.mgz` / `rh.<name>.mgz` vertex maps, each with
 * the label table found next to it (`<name>.mgz.ctab`, then `<name>.ctab`).
 */
export async function findTemplates(dir: string, notes: string[] = []): Promise<TemplateInfo[]> {
  let files: string[];
  try {
    files = (await readdir(dir, { withFileTypes: true })).filter((e) => !e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
  const present = new Set(files);
  const out: TemplateInfo[] = [];
  for (const f of files.sort()) {
    const vol = VOLUME.exec(f);
    const vtx = VERTEX.exec(f);
    if (vol) out.push({ name: vol[1], path: join(dir, f), kind: 'volume' });
    else if (vtx && present.has(`rh.${vtx[1]}.${vtx[2]}`))
      out.push({ name: vtx[1], path: join(dir, f), kind: 'vertex' });
  }
  for (const t of out) {
    const labels = await labelsFor(dir, t.name, present, notes);
    if (labels) t.labels = labels;
  }
  return out;
}

/** The label table beside a template, if any; an unreadable table becomes a note, not a failure. */
export async function labelsFor(
  dir: string,
  name: string,
  present?: Set<string>,
  notes: string[] = [],
): Promise<LabelEntry[] | undefined> {
  for (const candidate of [`${name}.mgz.ctab`, `${name}.ctab`]) {
    if (present && !present.has(candidate)) continue;
    const path = join(dir, candidate);
    const text = await readFile(path, 'utf8').catch(() => null);
    if (text === null) continue;
    try {
      return parseCtab(text);
    } catch (e) {
      notes.push(`${path}: ${(e as Error).message}`);
      return undefined;
    }
  }
  return undefined;
}

/** Display name of a template file: `prf-visualrois.nii.gz` → `prf-visualrois`, `lh.x.mgz` → `x`. */
export function templateName(path: string): string {
  const f = basename(path);
  return (
    VOLUME.exec(f)?.[1] ??
    VERTEX.exec(f)?.[1] ??
    /^rh\.(.+)\.(mgz|mgh)$/.exec(f)?.[1] ??
    f.replace(/\.[^.]+$/, '')
  );
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null)) !== null;
}
