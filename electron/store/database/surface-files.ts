import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Hemi } from '../../../shared/subject.js';
import { fileError } from '../files/file-errors.js';

/** Per surface type, the file of each hemisphere found in `surfaces/`. */
export type SurfaceFiles = Map<string, Partial<Record<Hemi, string>>>;

/** pycortex tries these in order for one surface base name; the first present wins. */
export const SURFACE_EXTENSIONS = ['.gii', '.npz', '.vtk', '.off', '.stl'];

const NAME = /^(.+)_(lh|rh)$/;

/**
 * Surfaces as pycortex names them, `<type>_<hemi>.<ext>`, accepting only lh/rh hemispheres
 * (pycortex would also list backups like `flat_lh_rotbkup00.gii` and `.DS_Store`).
 */
export async function listSurfaceFiles(dbPath: string, subject: string): Promise<SurfaceFiles> {
  const dir = join(dbPath, subject, 'surfaces');
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  } catch (e) {
    throw fileError(dir, e);
  }
  const out: SurfaceFiles = new Map();
  const rank = (f: string) => SURFACE_EXTENSIONS.indexOf(extname(f).toLowerCase());
  for (const name of names.sort()) {
    if (name.startsWith('.') || rank(name) < 0) continue;
    const m = NAME.exec(name.slice(0, -extname(name).length));
    if (!m) continue;
    const [, type, hemi] = m as unknown as [string, string, Hemi];
    const entry = out.get(type) ?? {};
    const current = entry[hemi];
    if (!current || rank(name) < rank(current)) entry[hemi] = join(dir, name);
    out.set(type, entry);
  }
  return out;
}
