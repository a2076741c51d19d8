import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseFromArgs, userArgs } from './launch-args.js';

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
});
