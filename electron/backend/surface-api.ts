import type { RoiStudioApi } from '../../shared/api.js';
import { surfaceMeshFor, vertexSamplingFor } from '../store/flatmap/surface-mesh.js';
import type { BackendContext } from './context.js';

export type SurfaceApi = Pick<RoiStudioApi, 'getSurfaceMesh' | 'getVertexSampling'>;

/** The 3-D view's meshes and vertex mappers; colours are composed in the renderer. */
export function surfaceApi(ctx: BackendContext): SurfaceApi {
  return {
    getSurfaceMesh: (subject) => surfaceMeshFor(ctx.database.path, subject, ctx.cacheDir),
    getVertexSampling: (subject, transform, mapper) =>
      vertexSamplingFor(ctx.database.path, subject, transform, mapper),
  };
}
