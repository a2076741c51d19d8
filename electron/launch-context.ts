import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ApiError } from '../shared/api.js';
import type { BackendContext, Dialogs } from './backend/context.js';
import { appPaths } from './store/app-paths.js';
import { ensureDemoDatabase } from './store/demo-database.js';

/**
 * The back end's shared state for the desktop app and `serve`: the database named by the user,
 * else the demo database generated into app data on first run.
 * (Interim: the store's own context builder, with pycortex-config discovery, replaces this.)
 */
export async function launchContext(options: {
  db?: string;
  env: NodeJS.ProcessEnv;
  dialogs?: Dialogs;
}): Promise<BackendContext> {
  const app = appPaths(options.env);
  let database: BackendContext['database'];
  if (options.db !== undefined) {
    const path = resolve(options.db);
    const info = await stat(path).catch(() => null);
    if (!info?.isDirectory()) throw new ApiError('NOT_FOUND', `${path} is not a folder`, path);
    database = { path, source: 'argument' };
  } else {
    database = { path: await ensureDemoDatabase(app.data), source: 'demo' };
  }
  return {
    database,
    appDataDir: app.data,
    cacheDir: app.cache,
    chosenFiles: new Set(),
    ...(options.dialogs ? { dialogs: options.dialogs } : {}),
  };
}
