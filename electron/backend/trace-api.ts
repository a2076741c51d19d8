import { ApiError, type RoiStudioApi } from '../../shared/api.js';
import type { BackendContext } from './context.js';

export type TraceApi = Pick<RoiStudioApi, 'traceLabels' | 'exportRois'>;

// Scaffold: each method is replaced by its real implementation (see the issue that owns it).
export function traceApi(_ctx: BackendContext): TraceApi {
  const todo = (method: string) => () =>
    Promise.reject(new ApiError('INTERNAL', `${method} is not available yet`));
  return {
    traceLabels: todo('traceLabels'),
    exportRois: todo('exportRois'),
  };
}
