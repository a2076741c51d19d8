import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../../../shared/api-errors.js';
import { encodeNpz, npyToFloat64, parseNpz } from '../../../shared/formats/npy.js';
import { HEMIS } from '../../../shared/subject.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { pycortexCurvatureOffThread } from './curvature-off-thread.js';
import { fileError, parseOrFail } from '../files/file-errors.js';
import { listSurfaceFiles } from '../database/surface-files.js';
import { fileHash, fileSignature, rememberedWhile, type Remembered } from '../files/file-signature.js';
import { fiducialSurfaces, loadSubjectSurfaces, type SubjectSurfaces } from '../database/subject-surfaces.js';

/**
 * The subject's curvature, one value per merged vertex (left then right): pycortex's
 * `surface-info/curvature.npz` when present, else computed the way pycortex would generate it
 * and cached in ROI Studio's own cache folder, keyed by the content of the surfaces it was
 * computed from. Never written into the user's database.
 */
export async function loadCurvature(
  dbPath: string,
  subject: string,
  cacheDir: string,
): Promise<Float32Array> {
  const surfaces = await loadSubjectSurfaces(dbPath, subject);
  const stored = join(dbPath, subject, 'surface-info', 'curvature.npz');
  // the surface loader hands out the same object while the surfaces are unchanged; the
  // stored file is compared by stat (absent is a signature too)
  const storedSignature = await fileSignature([stored]).catch(() => 'absent');
  let memo = remembered.get(surfaces);
  if (!memo) remembered.set(surfaces, (memo = new Map()));
  return rememberedWhile(memo, cacheDir, storedSignature, () =>
    readOrCompute(surfaces, dbPath, subject, cacheDir, stored),
  );
}

/** Curvature per surface set (the subject's, while unchanged) and cache folder: a reopen reads nothing. */
let remembered = new WeakMap<SubjectSurfaces, Map<string, Remembered<Float32Array>>>();

/** Forget the remembered curvatures (the bench measures the disk cache with it). */
export function forgetRememberedCurvature(): void {
  remembered = new WeakMap();
}

async function readOrCompute(
  surfaces: SubjectSurfaces,
  dbPath: string,
  subject: string,
  cacheDir: string,
  stored: string,
): Promise<Float32Array> {
  const counts = [surfaces.flat.lh.points.length / 3, surfaces.flat.rh.points.length / 3] as const;
  const bytes = await readFile(stored).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw fileError(stored, e);
  });
  if (bytes) return parseOrFail(stored, () => leftRight(bytes, counts));

  const sources = await fiducialSources(dbPath, subject);
  const key = await contentKey(sources);
  const cached = join(cacheDir, 'curvature', `${subject.replace(/[^\w.-]/g, '_')}-${key}.npz`);
  const hit = await readFile(cached).catch(() => null);
  if (hit) {
    try {
      return leftRight(hit, counts);
    } catch {
      // a damaged cache entry is recomputed below
    }
  }
  // one computation per cache entry even when several requests arrive at once
  const running = inFlight.get(cached);
  if (running) return running;
  const job = compute(surfaces, subject, sources, cached).finally(() => inFlight.delete(cached));
  inFlight.set(cached, job);
  return job;
}

const inFlight = new Map<string, Promise<Float32Array>>();

async function compute(
  surfaces: SubjectSurfaces,
  subject: string,
  sources: string[],
  cached: string,
): Promise<Float32Array> {
  const fid = fiducialSurfaces(surfaces);
  if (!fid)
    throw new ApiError(
      'NOT_FOUND',
      `subject ${subject}: no surface-info/curvature.npz and no wm+pia or fiducial surfaces to compute it from`,
    );
  // both hemispheres at once, each on a worker thread
  const [left, right] = await Promise.all(
    HEMIS.map((h) => pycortexCurvatureOffThread(fid[h].points, fid[h].triangles)),
  ).catch((e: unknown) => {
    throw new ApiError(
      'INVALID_FILE',
      `subject ${subject}: cannot compute the curvature from ${sources.join(', ')}: ${e instanceof Error ? e.message : String(e)}`,
      sources[0],
    );
  });
  await writeAtomically(
    cached,
    encodeNpz({ left: { data: left, shape: [left.length] }, right: { data: right, shape: [right.length] } }),
  );
  return merge(left, right);
}

/** The files pycortex's fiducial comes from: fiducial_* if present, else wm_* and pia_*. */
async function fiducialSources(dbPath: string, subject: string): Promise<string[]> {
  const files = await listSurfaceFiles(dbPath, subject);
  const types = files.has('fiducial') ? ['fiducial'] : ['wm', 'pia'];
  return types.flatMap((t) => HEMIS.map((h) => files.get(t)?.[h] ?? `${t}_${h} (missing)`));
}

/** Hash of the source files' contents (each remembered while its size and mtime stay the same). */
async function contentKey(paths: string[]): Promise<string> {
  const parts = await Promise.all(paths.map((p) => fileHash(p).catch(() => 'missing')));
  const hash = createHash('sha256');
  hash.update(`pycortex-curvature-v2 smooth=20\n${parts.join('\n')}\n`);
  return hash.digest('hex').slice(0, 24);
}

function leftRight(bytes: Uint8Array, counts: readonly [number, number]): Float32Array {
  const arrays = parseNpz(bytes);
  if (!arrays.left || !arrays.right) throw new Error('curvature .npz needs arrays "left" and "right"');
  const left = npyToFloat64(arrays.left);
  const right = npyToFloat64(arrays.right);
  if (left.length !== counts[0] || right.length !== counts[1])
    throw new Error(
      `has ${left.length} + ${right.length} values but the surfaces have ${counts[0]} + ${counts[1]} vertices`,
    );
  return merge(left, right);
}

function merge(left: ArrayLike<number>, right: ArrayLike<number>): Float32Array {
  const out = new Float32Array(left.length + right.length);
  out.set(left);
  out.set(right, left.length);
  return out;
}

async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFileAtomic(path, bytes, { flush: false }); // a cache can be recomputed
}
