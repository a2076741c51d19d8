import type { SurfaceMesh, VertexMapper, VertexSampling } from '../../../shared/api.js';
import { ApiError } from '../../../shared/api-errors.js';
import { mergedPoints, nudgedPoints } from '../../../shared/flatmap/merge-surfaces.js';
import { buildVertexSampling } from '../../../shared/mesh/vertex-mappers.js';
import { flatMorphTarget, meanY } from '../../../shared/mesh/unfold.js';
import type { HemiPair, Surface } from '../../../shared/subject.js';
import { loadCurvature } from './curvature.js';
import { flatFrameOf } from './flat-shape.js';
import { fiducialSurfaces, loadInflatedSurfaces, loadSubjectSurfaces } from '../database/subject-surfaces.js';
import { readTransform } from '../database/transforms.js';

/**
 * The 3-D view's data from the store's parsed surfaces: the meshes it morphs between and the
 * Volume → vertex mappers, computed once per surface set (and transform) and reused.
 */

function mergedTriangles(pair: HemiPair<Surface>): Uint32Array {
  const nL = pair.lh.points.length / 3;
  const out = new Uint32Array(pair.lh.triangles.length + pair.rh.triangles.length);
  out.set(pair.lh.triangles);
  const off = pair.lh.triangles.length;
  for (let t = 0; t < pair.rh.triangles.length; t++) out[off + t] = pair.rh.triangles[t] + nL;
  return out;
}

function noFiducial(subject: string): ApiError {
  return new ApiError(
    'NOT_FOUND',
    `subject ${subject}: the 3-D view needs wm and pia surfaces (or fiducial_{lh,rh}) in surfaces/`,
  );
}

export async function surfaceMeshFor(
  dbPath: string,
  subject: string,
  cacheDir: string,
): Promise<SurfaceMesh> {
  const surfaces = await loadSubjectSurfaces(dbPath, subject);
  const fid = fiducialSurfaces(surfaces);
  if (!fid) throw noFiducial(subject);
  const [inflated, curvature] = await Promise.all([
    loadInflatedSurfaces(dbPath, subject),
    loadCurvature(dbPath, subject, cacheDir),
  ]);
  const frame = flatFrameOf(surfaces.flat);
  const fiducial = mergedPoints(fid);
  const triangles = mergedTriangles(fid);
  return {
    subject,
    nL: frame.nL,
    nR: frame.nR,
    triangles,
    fiducial,
    ...(inflated ? { inflated: nudgedPoints(inflated) } : {}),
    flat: flatMorphTarget(frame.xy, frame.valid, triangles, meanY(fiducial)),
    valid: frame.valid,
    curvature,
  };
}

/** Recently used samplings: switching templates on one transform needs no work. */
const recent = new Map<string, { surfaces: object; sampling: VertexSampling }>();
const RECENT_LIMIT = 3;

export async function vertexSamplingFor(
  dbPath: string,
  subject: string,
  transform: string,
  mapper: VertexMapper,
): Promise<VertexSampling> {
  const [surfaces, xfm] = await Promise.all([
    loadSubjectSurfaces(dbPath, subject),
    readTransform(dbPath, subject, transform),
  ]);
  const key = `${dbPath}\0${subject}\0${transform}\0${mapper}\0${JSON.stringify(xfm.coord)}`;
  const hit = recent.get(key);
  if (hit && hit.surfaces === surfaces) return hit.sampling;
  const fid = fiducialSurfaces(surfaces);
  if (!fid) throw noFiducial(subject);
  // without pia and wm the line runs through the fiducial, as the flatmap samples it (§4.6)
  const matrix = buildVertexSampling(mapper, {
    fiducial: mergedPoints(fid),
    pia: mergedPoints(surfaces.pia ?? fid),
    wm: mergedPoints(surfaces.wm ?? fid),
    valid: flatFrameOf(surfaces.flat).valid,
    coord: xfm.coord,
    shape: xfm.shape,
  });
  const sampling: VertexSampling = { subject, transform, mapper, ...matrix };
  recent.delete(key);
  recent.set(key, { surfaces, sampling });
  while (recent.size > RECENT_LIMIT) recent.delete(recent.keys().next().value!);
  return sampling;
}
