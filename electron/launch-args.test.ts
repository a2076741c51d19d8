import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliArgs, cliProcess, databaseFromArgs, userArgs } from './launch-args.js';

describe('launch arguments', () => {
  it('finds the database in --db DIR, --db=DIR or the first plain argument', () => {
    expect(databaseFromArgs(['--db', 'data/db'], '/home/u')).toBe(resolve('/home/u', 'data/db'));
    expect(databaseFromArgs(['--db=/srv/db'], '/home/u')).toBe('/srv/db');
    expect(databaseFromArgs(['--no-sandbox', '/srv/pycortex'], '/')).toBe('/srv/pycortex');
    expect(databaseFromArgs(['--dev'], '/')).toBeUndefined();
    expect(databaseFromArgs([], '/')).toBeUndefined();
  });

  it('skips the executable, and the app path when not packaged', () => {
    expect(userArgs(['/usr/bin/electron', '.', '--db', 'x'], false)).toEqual(['--db', 'x']);
    expect(userArgs(['/opt/ROI Studio/roi-studio', '/srv/db'], true)).toEqual(['/srv/db']);
    expect(userArgs(['electron', '--inspect=0', '--remote-debugging-port=0', '.', '--dev'], false)).toEqual([
      '--inspect=0',
      '--remote-debugging-port=0',
      '--dev',
    ]);
  });

  it('runs `--cli <command> …` as the CLI: the words after it, through this executable as Node', () => {
    expect(cliArgs(['--cli', 'subjects', '--db', 'x'])).toEqual(['subjects', '--db', 'x']);
    expect(cliArgs(['--no-sandbox', '--cli', 'serve'])).toEqual(['serve']);
    expect(cliArgs(['--cli'])).toEqual([]);
    expect(cliArgs(['--db', '/srv/db'])).toBeUndefined();
    const run = cliProcess(['flatmap', '--help'], '/opt/ROI Studio/roi-studio', '/app/out/electron', {
      PATH: '/bin',
    });
    expect(run).toEqual({
      command: '/opt/ROI Studio/roi-studio',
      args: [join('/app/out/electron', 'cli.js'), 'flatmap', '--help'],
      env: { PATH: '/bin', ELECTRON_RUN_AS_NODE: '1' },
    });
  });
});
