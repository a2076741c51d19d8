import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where ROI Studio keeps its own files (never inside a user's database). `ROI_STUDIO_HOME`
 * overrides both folders, so tests and CI never touch the real home directory.
 */
export interface AppPaths {
  /** recent databases, drafts, the generated demo database */
  data: string;
  /** disposable: pixel maps, computed curvature */
  cache: string;
}

export function appPaths(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): AppPaths {
  if (env.ROI_STUDIO_HOME)
    return { data: join(env.ROI_STUDIO_HOME, 'data'), cache: join(env.ROI_STUDIO_HOME, 'cache') };
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  if (platform === 'win32') {
    const roaming = env.APPDATA ?? join(home, 'AppData', 'Roaming');
    const local = env.LOCALAPPDATA ?? join(home, 'AppData', 'Local');
    return { data: join(roaming, 'ROI Studio'), cache: join(local, 'ROI Studio', 'Cache') };
  }
  if (platform === 'darwin') {
    return {
      data: join(home, 'Library', 'Application Support', 'ROI Studio'),
      cache: join(home, 'Library', 'Caches', 'ROI Studio'),
    };
  }
  return {
    data: join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'roi-studio'),
    cache: join(env.XDG_CACHE_HOME ?? join(home, '.cache'), 'roi-studio'),
  };
}
