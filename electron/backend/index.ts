import type { RoiStudioApi } from '../../shared/api.js';
import type { BackendContext } from './context.js';
import { databaseApi } from './database-api.js';
import { draftApi } from './draft-api.js';
import { flatmapApi } from './flatmap-api.js';
import { freeSurferApi } from './freesurfer-api.js';
import { overlayApi } from './overlay-api.js';
import { sidecarApi } from './sidecar-api.js';
import { surfaceApi } from './surface-api.js';
import { traceApi } from './trace-api.js';
import { transformApi } from './transform-api.js';

/** The whole API over the on-disk store; Electron IPC and `serve` both wrap this one object. */
export function createBackend(ctx: BackendContext): RoiStudioApi {
  return {
    ...databaseApi(ctx),
    ...flatmapApi(ctx),
    ...surfaceApi(ctx),
    ...overlayApi(ctx),
    ...traceApi(ctx),
    ...transformApi(ctx),
    ...sidecarApi(ctx),
    ...draftApi(ctx),
    ...freeSurferApi(ctx),
  };
}
