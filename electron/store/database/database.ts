import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { DatabaseSource } from '../../../shared/api.js';
import { ApiError } from '../../../shared/api-errors.js';
import { configuredFilestore, installedDatabaseDirs } from './pycortex-config.js';

/**
 * Which pycortex filestore to open, in this order: the folder given on the command line (or
 * opened by the user); `ROI_STUDIO_DB`; pycortex's own `options.cfg` `[basic] filestore`;
 * the database of an installed pycortex (`$CONDA_PREFIX/share/pycortex/db`, …); else the
 * bundled demo database, generated into app data on first use.
 */
export interface DiscoveryOptions {
  db?: string;
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  appDataDir: string;
}

export interface DiscoveredDatabase {
  path: string;
  source: DatabaseSource;
}

export async function discoverDatabase(o: DiscoveryOptions): Promise<DiscoveredDatabase> {
  const platform = o.platform ?? process.platform;
  if (o.db !== undefined && o.db !== '')
    return { path: await requireFolder(o.db, 'the --db folder'), source: 'argument' };
  const fromEnv = o.env.ROI_STUDIO_DB;
  if (fromEnv) return { path: await requireFolder(fromEnv, 'ROI_STUDIO_DB'), source: 'env' };
  const configured = await configuredFilestore(o.env, platform);
  if (configured && (await isFolder(configured.path)))
    return { path: resolve(configured.path), source: 'pycortex-config' };
  for (const dir of installedDatabaseDirs(o.env, platform))
    if (await isFolder(dir)) return { path: dir, source: 'pycortex-config' };
  // Loaded only here: generating the demo (and parsing its overlay) is most of a command's start-up.
  const { ensureDemoDatabase } = await import('./demo-database.js');
  return { path: await ensureDemoDatabase(o.appDataDir), source: 'demo' };
}

async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}

/** An explicitly named database must exist: a typo should not silently open something else. */
export async function requireFolder(path: string, what = 'the database'): Promise<string> {
  const abs = resolve(path);
  const info = await stat(abs).catch(() => null);
  if (!info) throw new ApiError('NOT_FOUND', `${abs} (${what}) does not exist`, abs);
  if (!info.isDirectory()) throw new ApiError('BAD_REQUEST', `${abs} (${what}) is not a folder`, abs);
  // a common slip: choosing one subject instead of the filestore that holds the subjects
  if (await isFolder(join(abs, 'surfaces')))
    throw new ApiError(
      'BAD_REQUEST',
      `${abs} (${what}) is a subject folder (it has surfaces/); open the database folder that contains it, ${dirname(abs)}`,
      abs,
    );
  return abs;
}
