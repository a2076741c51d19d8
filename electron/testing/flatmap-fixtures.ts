import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildFlatDelaunay } from '../../shared/flatmap/flat-delaunay.js';
import { buildFlatFrame, type FlatFrame } from '../../shared/flatmap/flat-frame.js';
import { buildFlatMask } from '../../shared/flatmap/flat-mask.js';
import { imageGrid } from '../../shared/flatmap/image-grid.js';
import { mergedPoints } from '../../shared/flatmap/merge-surfaces.js';
import type { PixelSamplingInput } from '../../shared/flatmap/pixel-map.js';
import { unzipSync } from 'fflate';
import { parseNpy, type NpyArray } from '../../shared/formats/npy.js';
import { loadSubjectSurfaces, type SubjectSurfaces } from '../store/database/subject-surfaces.js';
import { readTransform } from '../store/database/transforms.js';
import { GOLDEN, SHARED_DB } from './shared-data.js';

/** Real-subject inputs and pycortex goldens for the flatmap engine's tests (loaded once per file). */

const surfaces = new Map<string, Promise<SubjectSurfaces>>();

export function subjectSurfaces(subject: string): Promise<SubjectSurfaces> {
  let p = surfaces.get(subject);
  if (!p) surfaces.set(subject, (p = loadSubjectSurfaces(SHARED_DB, subject)));
  return p;
}

export async function subjectFrame(subject: string): Promise<FlatFrame> {
  return buildFlatFrame((await subjectSurfaces(subject)).flat);
}

/** The pixel-sampling input of a real subject and transform at height 1024, as the engine builds it. */
export async function subjectSamplingInput(
  subject: string,
  xfm: string,
  thick: number,
): Promise<PixelSamplingInput> {
  const [frame, surfaces, transform] = await Promise.all([
    subjectFrame(subject),
    subjectSurfaces(subject),
    readTransform(SHARED_DB, subject, xfm),
  ]);
  return {
    delaunay: buildFlatDelaunay(frame),
    mask: buildFlatMask(frame, 1024),
    grid: imageGrid(frame.extents, 1024),
    pia: mergedPoints(surfaces.pia!),
    wm: mergedPoints(surfaces.wm!),
    coord: transform.coord,
    shape: transform.shape,
    thick,
    depth: 0.5,
  };
}

/** The numeric arrays of an .npz (entries of other dtypes, such as strings, are skipped). */
export async function readNpzFile(path: string): Promise<Record<string, NpyArray>> {
  const files = unzipSync(new Uint8Array(await readFile(path)));
  const out: Record<string, NpyArray> = {};
  for (const [name, bytes] of Object.entries(files)) {
    try {
      out[name.replace(/\.npy$/, '')] = parseNpy(bytes);
    } catch {
      // not a numeric array
    }
  }
  return out;
}

export function goldenPath(subject: string, file: string): string {
  return join(GOLDEN, subject, file);
}

/** Agreement of two float images the way the issue measures it; also printed by the tests. */
export function imageAgreement(ours: Float32Array, theirs: Float32Array) {
  let nanSame = 0;
  let both = 0;
  let close = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of theirs) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const tol = 1e-4 * Math.max(hi - lo, 1e-12);
  for (let i = 0; i < theirs.length; i++) {
    const a = ours[i];
    const b = theirs[i];
    if (Number.isNaN(a) === Number.isNaN(b)) nanSame++;
    if (!Number.isNaN(a) && !Number.isNaN(b)) {
      both++;
      if (Math.abs(a - b) <= tol) close++;
    }
  }
  return { nanAgreement: nanSame / theirs.length, valueAgreement: both ? close / both : 1, finiteBoth: both };
}
