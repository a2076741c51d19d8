import { basename } from 'node:path';
import { ApiError } from '../../../shared/api-errors.js';
import { midSurface } from '../../../shared/mesh/curvature.js';
import { HEMIS, type HemiPair, type Surface } from '../../../shared/subject.js';
import { fileSignature, rememberedWhile, type Remembered } from '../files/file-signature.js';
import { readSurfaceFile } from './surface-file.js';
import { listSurfaceFiles, type SurfaceFiles } from './surface-files.js';

/** The surfaces of a subject that flatmaps, membership and exports use. */
export interface SubjectSurfaces {
  flat: HemiPair<Surface>;
  wm?: HemiPair<Surface>;
  pia?: HemiPair<Surface>;
  fiducial?: HemiPair<Surface>;
}

const TYPES = ['flat', 'wm', 'pia', 'fiducial'] as const;
type SurfaceType = (typeof TYPES)[number];

/**
 * One parse per subject while its files stay the same (keyed by path, size and mtime); callers
 * share the arrays and must not modify them. The flat pair has its own entry so the flatmap
 * engine can start triangulating it while the other surfaces are parsed; the full set reuses
 * that same flat object.
 */
const flatMemo = new Map<string, Remembered<HemiPair<Surface>>>();
const allMemo = new Map<string, Remembered<SubjectSurfaces>>();

/** The flat surfaces of both hemispheres, validated as {@link loadSubjectSurfaces} does. */
export async function loadFlatSurfaces(dbPath: string, subject: string): Promise<HemiPair<Surface>> {
  const files = await listSurfaceFiles(dbPath, subject);
  const signature = await fileSignature(usedFiles(files, subject, ['flat']));
  return rememberedWhile(
    flatMemo,
    `${dbPath}\0${subject}`,
    signature,
    () => readPair(files, 'flat') as Promise<HemiPair<Surface>>,
  );
}

/**
 * flat (required), wm, pia and fiducial (when present) of both hemispheres, validated:
 * both hemispheres of each type present, the same vertex count across types within a
 * hemisphere (pycortex assumes it and never checks), finite coordinates, readable files.
 */
export async function loadSubjectSurfaces(dbPath: string, subject: string): Promise<SubjectSurfaces> {
  const files = await listSurfaceFiles(dbPath, subject);
  const signature = await fileSignature(usedFiles(files, subject, TYPES));
  return rememberedWhile(allMemo, `${dbPath}\0${subject}`, signature, async () => {
    const flat = await loadFlatSurfaces(dbPath, subject);
    const [wm, pia, fiducial] = await allInOrder([
      readPair(files, 'wm'),
      readPair(files, 'pia'),
      readPair(files, 'fiducial'),
    ]);
    const out: SubjectSurfaces = { flat, wm, pia, fiducial };
    checkVertexCounts(out, files);
    return out;
  });
}

const inflatedMemo = new Map<string, Remembered<HemiPair<Surface> | undefined>>();

/**
 * The inflated surfaces of both hemispheres (the 3-D view's morph), undefined when the subject
 * has none; validated as {@link loadSubjectSurfaces} does, against the flat vertex counts.
 */
export async function loadInflatedSurfaces(
  dbPath: string,
  subject: string,
): Promise<HemiPair<Surface> | undefined> {
  const files = await listSurfaceFiles(dbPath, subject);
  const signature = await fileSignature(usedFiles(files, subject, ['flat', 'inflated']));
  return rememberedWhile(inflatedMemo, `${dbPath}\0${subject}`, signature, async () => {
    const [flat, inflated] = await Promise.all([
      loadFlatSurfaces(dbPath, subject),
      readPair(files, 'inflated'),
    ]);
    if (inflated) checkVertexCounts({ flat, inflated }, files);
    return inflated;
  });
}

/** pycortex's fiducial: the fiducial files if present, else (wm + pia)/2 with the wm triangles. */
export function fiducialSurfaces(s: SubjectSurfaces): HemiPair<Surface> | undefined {
  if (s.fiducial) return s.fiducial;
  if (!s.wm || !s.pia) return undefined;
  const wm = s.wm;
  const pia = s.pia;
  const mid = (h: 'lh' | 'rh'): Surface => ({
    points: midSurface(wm[h].points, pia[h].points),
    triangles: wm[h].triangles,
  });
  return { lh: mid('lh'), rh: mid('rh') };
}

function usedFiles(
  files: SurfaceFiles,
  subject: string,
  types: readonly (SurfaceType | 'inflated')[],
): string[] {
  for (const type of types) {
    const entry = files.get(type);
    if (!entry) {
      if (type === 'flat')
        throw new ApiError(
          'NOT_FOUND',
          `subject ${subject}: no flat surface (surfaces/flat_lh.gii, flat_rh.gii)`,
        );
      continue;
    }
    for (const h of HEMIS) {
      if (!entry[h]) {
        const other = entry[h === 'lh' ? 'rh' : 'lh'] as string;
        throw new ApiError(
          'NOT_FOUND',
          `subject ${subject}: ${type}_${h} is missing (found ${basename(other)} for the other hemisphere)`,
          other,
        );
      }
    }
  }
  return types.flatMap((t) => HEMIS.map((h) => files.get(t)?.[h]).filter((f): f is string => !!f));
}

async function readPair(
  files: SurfaceFiles,
  type: SurfaceType | 'inflated',
): Promise<HemiPair<Surface> | undefined> {
  const entry = files.get(type);
  if (!entry?.lh || !entry.rh) return undefined;
  const [lh, rh] = await allInOrder([readSurfaceFile(entry.lh), readSurfaceFile(entry.rh)]);
  return { lh, rh };
}

/**
 * Promise.all whose error is the first failure in the given order, not the first to arrive: with
 * two bad files the message always names the left hemisphere's (and wm before pia).
 */
async function allInOrder<T>(promises: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<T>).value);
}

function checkVertexCounts(
  s: Partial<Record<SurfaceType | 'inflated', HemiPair<Surface>>> & { flat: HemiPair<Surface> },
  files: SurfaceFiles,
): void {
  for (const h of HEMIS) {
    const n = s.flat[h].points.length / 3;
    for (const type of [...TYPES, 'inflated'] as const) {
      const pair = s[type];
      if (!pair) continue;
      const m = pair[h].points.length / 3;
      if (m !== n) {
        const file = files.get(type)?.[h] as string;
        throw new ApiError(
          'INVALID_FILE',
          `${file}: ${m} vertices, but ${basename(files.get('flat')?.[h] as string)} has ${n}; all surfaces of a hemisphere must share vertices`,
          file,
        );
      }
    }
  }
}
