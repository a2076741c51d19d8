import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseGiftiSurface } from '../../shared/formats/gifti.js';
import type { HemiPair, Surface } from '../../shared/subject.js';

/** The surfaces of a subject that flatmaps, membership and exports use. */
export interface SubjectSurfaces {
  flat: HemiPair<Surface>;
  wm?: HemiPair<Surface>;
  pia?: HemiPair<Surface>;
  fiducial?: HemiPair<Surface>;
}

async function readSurface(path: string): Promise<Surface> {
  const text = await readFile(path, 'latin1');
  try {
    return parseGiftiSurface(text);
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
}

async function readPair(dir: string, type: string): Promise<HemiPair<Surface>> {
  const [lh, rh] = await Promise.all([
    readSurface(join(dir, `${type}_lh.gii`)),
    readSurface(join(dir, `${type}_rh.gii`)),
  ]);
  return { lh, rh };
}

/** Minimal loader (flat required; wm, pia, fiducial when present). */
export async function loadSubjectSurfaces(dbPath: string, subject: string): Promise<SubjectSurfaces> {
  const dir = join(dbPath, subject, 'surfaces');
  const optional = (type: string) => readPair(dir, type).catch(() => undefined);
  const [flat, wm, pia, fiducial] = await Promise.all([
    readPair(dir, 'flat'),
    optional('wm'),
    optional('pia'),
    optional('fiducial'),
  ]);
  return { flat, wm, pia, fiducial };
}
