import type { RoiStudioApi } from '../../shared/api.js';
import { curvatureImageFor, pixelMapFor, vertexMapFor } from '../store/flatmap/flatmap-engine.js';
import type { BackendContext } from './context.js';

export type FlatmapApi = Pick<RoiStudioApi, 'getCurvature' | 'getVertexMap' | 'getPixelMap'>;

/** Flatmap rasters for the renderer; maps are computed here once and composed there per frame. */
export function flatmapApi(ctx: BackendContext): FlatmapApi {
  return {
    getCurvature: (subject, height) => curvatureImageFor(ctx.database.path, subject, height, ctx.cacheDir),
    getVertexMap: (subject, height) => vertexMapFor(ctx.database.path, subject, height),
    getPixelMap: async (subject, transform, options) =>
      (await pixelMapFor(ctx.database.path, subject, transform, options, ctx.cacheDir)).map,
  };
}
