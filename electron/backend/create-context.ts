import { appPaths } from '../store/files/app-paths.js';
import { discoverDatabase } from '../store/database/database.js';
import { rememberDatabase } from '../store/database/recent-databases.js';
import type { BackendContext, Dialogs } from './context.js';

export interface CreateContextOptions {
  /** `--db` from the command line, if given */
  db?: string;
  env: NodeJS.ProcessEnv;
  dialogs?: Dialogs;
  platform?: NodeJS.Platform;
}

/**
 * The back end's shared state for the desktop app and `serve`: app folders from app-paths,
 * the database from discovery (argument, ROI_STUDIO_DB, pycortex's options.cfg, an installed
 * pycortex, else the demo). A database the user named is remembered in the recent list.
 */
export async function createContext(options: CreateContextOptions): Promise<BackendContext> {
  const app = appPaths(options.env, options.platform);
  const database = await discoverDatabase({
    db: options.db,
    env: options.env,
    platform: options.platform,
    appDataDir: app.data,
  });
  if (database.source !== 'demo') await rememberDatabase(app.data, database.path).catch(() => undefined);
  return {
    database,
    appDataDir: app.data,
    cacheDir: app.cache,
    chosenFiles: new Set(),
    ...(options.dialogs ? { dialogs: options.dialogs } : {}),
  };
}
