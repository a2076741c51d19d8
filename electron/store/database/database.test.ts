import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverDatabase } from './database.js';
import { filestoreFromConfig, installedDatabaseDirs, pycortexConfigFiles } from './pycortex-config.js';
import { MAX_RECENT, readRecentDatabases, rememberDatabase } from './recent-databases.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'roi-studio-discovery-'));
}

describe('pycortex options.cfg', () => {
  it('reads [basic] filestore like configparser, expanding ~', () => {
    const cfg =
      '[basic]\nFileStore : ~/pycortex-db\n; comment\ncache = /tmp/c\n\n[webgl]\nfilestore = /wrong\n';
    expect(filestoreFromConfig(cfg, '/home/u')).toBe('/home/u/pycortex-db');
    expect(filestoreFromConfig('[basic]\nfilestore=/data/db\n', '/h')).toBe('/data/db');
    expect(filestoreFromConfig('[webgl]\nfilestore = /x\n', '/h')).toBeNull();
    expect(filestoreFromConfig('', '/h')).toBeNull();
  });

  it('looks where appdirs puts pycortex on each platform', () => {
    expect(pycortexConfigFiles({ HOME: '/home/u', XDG_CONFIG_HOME: '/xdg' }, 'linux')).toEqual([
      '/xdg/pycortex/options.cfg',
      '/home/u/.config/pycortex/options.cfg',
    ]);
    expect(pycortexConfigFiles({ HOME: '/Users/u' }, 'darwin')).toEqual([
      '/Users/u/Library/Application Support/pycortex/options.cfg',
    ]);
    expect(
      pycortexConfigFiles({ HOME: 'C:/Users/u', LOCALAPPDATA: 'C:/Users/u/AppData/Local' }, 'win32')[0],
    ).toMatch(/AppData[\\/]Local[\\/]JamesGao[\\/]pycortex[\\/]options\.cfg$/);
    expect(installedDatabaseDirs({ HOME: '/home/u', CONDA_PREFIX: '/opt/conda' }, 'linux')[0]).toBe(
      '/opt/conda/share/pycortex/db',
    );
  });
});

describe('discoverDatabase order', () => {
  it('argument, then ROI_STUDIO_DB, then options.cfg, then an installed pycortex, then the demo', async () => {
    const home = await tempDir();
    const [arg, env, cfg, conda] = ['arg', 'env', 'cfg', 'conda'].map((n) => join(home, n));
    for (const d of [arg, env, cfg, join(conda, 'share', 'pycortex', 'db')])
      await mkdir(d, { recursive: true });
    await mkdir(join(home, '.config', 'pycortex'), { recursive: true });
    await writeFile(join(home, '.config', 'pycortex', 'options.cfg'), `[basic]\nfilestore = ${cfg}\n`);
    const base = { HOME: home, CONDA_PREFIX: conda };
    const appDataDir = join(home, 'appdata');
    const go = (db: string | undefined, e: NodeJS.ProcessEnv) =>
      discoverDatabase({ db, env: e, platform: 'linux', appDataDir });
    expect(await go(arg, { ...base, ROI_STUDIO_DB: env })).toEqual({ path: arg, source: 'argument' });
    expect(await go(undefined, { ...base, ROI_STUDIO_DB: env })).toEqual({ path: env, source: 'env' });
    expect(await go(undefined, base)).toEqual({ path: cfg, source: 'pycortex-config' });
    // a configured filestore that does not exist falls through to the installed database
    await writeFile(join(home, '.config', 'pycortex', 'options.cfg'), '[basic]\nfilestore = /nope\n');
    expect(await go(undefined, base)).toEqual({
      path: join(conda, 'share', 'pycortex', 'db'),
      source: 'pycortex-config',
    });
  });

  it('refuses a named database that does not exist instead of opening another', async () => {
    const home = await tempDir();
    const o = { env: { HOME: home }, platform: 'linux' as const, appDataDir: join(home, 'a') };
    await expect(discoverDatabase({ ...o, db: join(home, 'typo') })).rejects.toThrow(
      /typo \(the --db folder\) does not exist/,
    );
    await writeFile(join(home, 'file'), 'x');
    await expect(discoverDatabase({ ...o, db: join(home, 'file') })).rejects.toThrow(/is not a folder/);
    await mkdir(join(home, 'db', 'S1', 'surfaces'), { recursive: true });
    await expect(discoverDatabase({ ...o, db: join(home, 'db', 'S1') })).rejects.toThrow(
      /is a subject folder \(it has surfaces\/\); open the database folder that contains it/,
    );
    expect((await discoverDatabase({ ...o, db: join(home, 'db') })).path).toBe(join(home, 'db'));
    await expect(discoverDatabase({ ...o, env: { HOME: home, ROI_STUDIO_DB: '/no/db' } })).rejects.toThrow(
      /ROI_STUDIO_DB/,
    );
  });

  it('falls back to the generated demo database', async () => {
    const home = await tempDir();
    const d = await discoverDatabase({
      env: { HOME: home },
      platform: 'linux',
      appDataDir: join(home, 'appdata'),
    });
    expect(d.source).toBe('demo');
    expect(d.path.startsWith(join(home, 'appdata'))).toBe(true);
  });
});

describe('recent databases', () => {
  it('most recent first, no duplicates, at most ten, survives a damaged file', async () => {
    const dir = await tempDir();
    expect(await readRecentDatabases(dir)).toEqual([]);
    for (let i = 0; i < 12; i++) await rememberDatabase(dir, `/db/${i}`);
    await rememberDatabase(dir, '/db/5');
    const recent = await readRecentDatabases(dir);
    expect(recent).toHaveLength(MAX_RECENT);
    expect(recent.slice(0, 3)).toEqual(['/db/5', '/db/11', '/db/10']);
    expect(JSON.parse(await readFile(join(dir, 'recent.json'), 'utf8')).recent[0]).toBe('/db/5');
    await writeFile(join(dir, 'recent.json'), '{broken');
    expect(await readRecentDatabases(dir)).toEqual([]);
    expect(await rememberDatabase(dir, '/db/x')).toEqual(['/db/x']);
  });
});
