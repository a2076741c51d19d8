import { ApiError, type RoiStudioApi } from '../../shared/api.js';
import type { BackendContext } from './context.js';

export type FlatmapApi = Pick<RoiStudioApi, 'getCurvature' | 'getVertexMap' | 'getPixelMap'>;

// Scaffold: each method is replaced by its real implementation (see the issue that owns it).
export function flatmapApi(_ctx: BackendContext): FlatmapApi {
  const todo = (method: string) => () =>
    Promise.reject(new ApiError('INTERNAL', `${method} is not available yet`));
  return {
    getCurvature: todo('getCurvature'),
    getVertexMap: todo('getVertexMap'),
    getPixelMap: todo('getPixelMap'),
  };
}
