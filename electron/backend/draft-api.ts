import { ApiError, type RoiStudioApi } from '../../shared/api.js';
import type { BackendContext } from './context.js';

export type DraftApi = Pick<RoiStudioApi, 'saveDraft' | 'loadDraft' | 'clearDraft'>;

// Scaffold: each method is replaced by its real implementation (see the issue that owns it).
export function draftApi(_ctx: BackendContext): DraftApi {
  const todo = (method: string) => () =>
    Promise.reject(new ApiError('INTERNAL', `${method} is not available yet`));
  return {
    saveDraft: todo('saveDraft'),
    loadDraft: todo('loadDraft'),
    clearDraft: todo('clearDraft'),
  };
}
