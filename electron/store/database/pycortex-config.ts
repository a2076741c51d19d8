import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where pycortex keeps its database, read the way pycortex finds it (pycortex-formats.md §1.1):
 * `[basic] filestore` of the user's `options.cfg` (appdirs' user data dir for "pycortex" by
 * "JamesGao"), then where a pip/conda install puts the database.
 */

/** The `options.cfg` files pycortex would read on this platform, most specific first. */
export function pycortexConfigFiles(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA ?? join(home, 'AppData', 'Local');
    return [join(local, 'JamesGao', 'pycortex', 'options.cfg')];
  }
  if (platform === 'darwin') return [join(home, 'Library', 'Application Support', 'pycortex', 'options.cfg')];
  const xdg = env.XDG_CONFIG_HOME;
  const files = xdg ? [join(xdg, 'pycortex', 'options.cfg')] : [];
  files.push(join(home, '.config', 'pycortex', 'options.cfg'));
  return [...new Set(files)];
}

/** Database folders of installed pycortex copies: `<prefix>/share/pycortex/db`. */
export function installedDatabaseDirs(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  const prefixes = [env.CONDA_PREFIX, env.VIRTUAL_ENV].filter((p): p is string => !!p);
  if (platform !== 'win32') prefixes.push(join(home, '.local'), '/usr/local', '/usr');
  return [...new Set(prefixes.map((p) => join(p, 'share', 'pycortex', 'db')))];
}

/**
 * `[basic] filestore` from INI text as Python's configparser reads it: `key = value` or
 * `key: value`, keys case-insensitive, `#`/`;` comment lines, indented continuation lines
 * ignored. `~` is expanded as pycortex does. Null when absent.
 */
export function filestoreFromConfig(text: string, home: string): string | null {
  let section = '';
  let found: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*[#;]/.test(raw) || raw.trim() === '' || /^\s/.test(raw)) continue;
    const header = /^\[([^\]]+)\]/.exec(raw);
    if (header) {
      section = header[1].trim();
      continue;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (kv && section === 'basic' && kv[1].trim().toLowerCase() === 'filestore') found = kv[2].trim();
  }
  if (!found) return null;
  return found.replace(/^~(?=$|[\\/])/, home);
}

/** The first `filestore` configured in an existing options.cfg, with the file it came from. */
export async function configuredFilestore(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): Promise<{ path: string; config: string } | null> {
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  for (const config of pycortexConfigFiles(env, platform)) {
    const text = await readFile(config, 'utf8').catch(() => null);
    if (text === null) continue;
    const path = filestoreFromConfig(text, home);
    if (path) return { path, config };
  }
  return null;
}
