import type { RoiStudioApi } from '../../shared/api.js';
import { restoreFromSidecar } from '../store/outputs/sidecar.js';
import { checkSubject } from '../../shared/subject-name.js';
import type { BackendContext } from './context.js';

export type SidecarApi = Pick<RoiStudioApi, 'restoreFromSidecar'>;

/** The sidecar's ROIs re-drawn for the editor, which adds them as one undoable edit (nothing is written). */
export function sidecarApi(ctx: BackendContext): SidecarApi {
  return {
    async restoreFromSidecar(subject) {
      const { rois } = await restoreFromSidecar(ctx.database.path, checkSubject(subject));
      return rois;
    },
  };
}
