import { ApiError, type RoiStudioApi } from '../../shared/api.js';
import type { BackendContext } from './context.js';

export type OverlayApi = Pick<
  RoiStudioApi,
  'getFlatGeometry' | 'loadOverlay' | 'saveOverlay' | 'getRoiVertices'
>;

// Scaffold: each method is replaced by its real implementation (see the issue that owns it).
export function overlayApi(_ctx: BackendContext): OverlayApi {
  const todo = (method: string) => () =>
    Promise.reject(new ApiError('INTERNAL', `${method} is not available yet`));
  return {
    getFlatGeometry: todo('getFlatGeometry'),
    loadOverlay: todo('loadOverlay'),
    saveOverlay: todo('saveOverlay'),
    getRoiVertices: todo('getRoiVertices'),
  };
}
