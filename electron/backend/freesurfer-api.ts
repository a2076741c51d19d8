import { basename, dirname } from 'node:path';
import { ApiError, type ImportProgress, type RoiStudioApi } from '../../shared/api.js';
import { DEFAULT_IMPORT_OPTIONS, IMPORT_STAGES } from '../../shared/freesurfer/import-subject.js';
import { importFreeSurfer } from '../store/import/freesurfer-import.js';
import type { BackendContext } from './context.js';

export type FreeSurferApi = Pick<RoiStudioApi, 'importFreeSurfer' | 'getImportProgress'>;

/** Imports into the open database, one at a time; the UI polls the stage for its progress bar. */
export function freeSurferApi(ctx: BackendContext): FreeSurferApi {
  let progress: ImportProgress | null = null;
  return {
    async importFreeSurfer(request) {
      if (progress) throw new ApiError('BAD_REQUEST', `an import is already running (${progress.stage})`);
      const { folder, name, replace, ...options } = request;
      const steps = IMPORT_STAGES.length;
      progress = { stage: 'starting', step: 0, steps };
      try {
        const r = await importFreeSurfer({
          subjectsDir: dirname(folder),
          subject: basename(folder),
          db: ctx.database.path,
          name,
          replace,
          options: { ...DEFAULT_IMPORT_OPTIONS, ...options },
          progress: (stage) => (progress = { stage, step: IMPORT_STAGES.indexOf(stage) + 1, steps }),
        });
        return {
          subject: r.subject,
          path: r.path,
          vertices: r.vertices,
          templates: r.templates,
          kept: r.kept,
          replaced: r.replaced,
          ...(r.backup ? { backup: r.backup } : {}),
        };
      } finally {
        progress = null;
      }
    },
    async getImportProgress() {
      return progress;
    },
  };
}
