import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { databaseAndSubject } from './subject-options.js';

let db: string;
beforeAll(async () => {
  db = join(await mkdtemp(join(tmpdir(), 'roi-studio-opts-')), 'db');
  await mkdir(join(db, 'S1'), { recursive: true });
  await mkdir(join(db, 'sub-02'));
});

const failure = (values: Record<string, unknown>) => {
  try {
    databaseAndSubject(values);
    return null;
  } catch (e) {
    return [(e as { exitCode: number }).exitCode, (e as Error).message];
  }
};

describe('--db/--subject', () => {
  it('resolves an existing database and subject', () => {
    expect(databaseAndSubject({ db, subject: 'S1' })).toEqual({ db, subject: 'S1' });
  });

  it('names the problem: missing option, missing folder, bad name, unknown subject', () => {
    expect(failure({ subject: 'S1' })).toEqual([2, 'missing --db']);
    expect(failure({ db })).toEqual([2, 'missing --subject']);
    expect(failure({ db: join(db, 'nope'), subject: 'S1' })).toEqual([
      1,
      `${join(db, 'nope')}: no such database folder (--db)`,
    ]);
    expect(failure({ db, subject: '../S1' })).toEqual([2, 'not a subject name: "../S1"']);
    expect(failure({ db, subject: 'S3' })).toEqual([1, `${db}: no subject "S3" (subjects: S1, sub-02)`]);
  });
});
