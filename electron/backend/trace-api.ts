import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError, type RoiStudioApi } from '../../shared/api.js';
import { isFigureKind } from '../../shared/api-schema.js';
import { exportRois } from '../store/outputs/exports.js';
import { exportFigure } from '../store/outputs/figures.js';
import { allowedPath } from '../store/write/path-guard.js';
import { traceTemplate } from '../store/outputs/template-trace.js';
import type { BackendContext } from './context.js';

export type TraceApi = Pick<RoiStudioApi, 'traceLabels' | 'exportRois'>;

/**
 * A template is a path (inside the database or chosen by the user) or the name of a volume in
 * the subject's `templates/` folder (`prf-visualrois` → templates/prf-visualrois.nii.gz).
 */
export function resolveTemplate(ctx: BackendContext, subject: string, template: string): string {
  if (/[/\\]|\.nii(\.gz)?$/i.test(template)) return allowedPath(ctx, template);
  for (const ext of ['.nii.gz', '.nii']) {
    const file = join(ctx.database.path, subject, 'templates', `${template}${ext}`);
    if (existsSync(file)) return file;
  }
  throw new ApiError(
    'NOT_FOUND',
    `no template "${template}" in ${join(ctx.database.path, subject, 'templates')}`,
  );
}

export function traceApi(ctx: BackendContext): TraceApi {
  return {
    async traceLabels(request) {
      const file = resolveTemplate(ctx, request.subject, request.template);
      const { rois } = await traceTemplate(
        ctx.database.path,
        request.subject,
        request.transform,
        file,
        request.labels,
        { cacheDir: ctx.cacheDir, raw: request.raw },
      );
      return rois;
    },
    async exportRois(request) {
      const out = allowedPath(ctx, request.out);
      if (isFigureKind(request.kind)) {
        if (!out.toLowerCase().endsWith(`.${request.kind}`))
          throw new ApiError(
            'BAD_REQUEST',
            `${out}: a ${request.kind} figure needs a .${request.kind} file name`,
          );
        const volume = request.volume === undefined ? undefined : allowedPath(ctx, request.volume);
        const file = await exportFigure(ctx.database.path, {
          subject: request.subject,
          out,
          dpi: request.dpi,
          volume,
          transform: request.transform,
          rois: request.rois,
          ...request.figure,
          cacheDir: ctx.cacheDir,
        });
        return { files: [file] };
      }
      const files = await exportRois(ctx.database.path, {
        subject: request.subject,
        kind: request.kind,
        out,
        rois: request.rois,
        transform: request.transform,
      });
      return { files };
    },
  };
}
