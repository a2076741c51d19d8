import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BackendContext } from '../../backend/context.js';
import { allowedPath } from './path-guard.js';

let root: string;
let ctx: BackendContext;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'roi-studio-guard-'));
  await mkdir(join(root, 'db', 'S1'), { recursive: true });
  await mkdir(join(root, 'exports'));
  await mkdir(join(root, 'elsewhere'));
  await writeFile(join(root, 'elsewhere', 'template.nii.gz'), '');
  await writeFile(join(root, 'elsewhere', 'secret.txt'), '');
  await symlink(join(root, 'elsewhere'), join(root, 'db', 'S1', 'link'));
  ctx = {
    database: { path: join(root, 'db'), source: 'argument' },
    appDataDir: '',
    cacheDir: '',
    chosenFiles: new Set([join(root, 'exports'), join(root, 'elsewhere', 'template.nii.gz')]),
  };
});

const code = (f: () => unknown) => {
  try {
    f();
    return 'allowed';
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('allowedPath', () => {
  it('allows the database, chosen files and anything inside a chosen folder', () => {
    expect(allowedPath(ctx, 'S1/overlays.svg')).toBe(join(root, 'db', 'S1', 'overlays.svg'));
    expect(code(() => allowedPath(ctx, join(root, 'elsewhere', 'template.nii.gz')))).toBe('allowed');
    expect(code(() => allowedPath(ctx, join(root, 'exports', 'figure.png')))).toBe('allowed');
    expect(code(() => allowedPath(ctx, join(root, 'exports', 'V1', 'lh.V1.label')))).toBe('allowed');
  });

  it('refuses siblings of chosen files, traversal and symlinks out of the database', () => {
    expect(code(() => allowedPath(ctx, join(root, 'elsewhere', 'secret.txt')))).toBe('FORBIDDEN');
    expect(code(() => allowedPath(ctx, '../elsewhere/secret.txt'))).toBe('FORBIDDEN');
    expect(code(() => allowedPath(ctx, join(root, 'exports-evil', 'x')))).toBe('FORBIDDEN');
    expect(code(() => allowedPath(ctx, 'S1/link/secret.txt'))).toBe('FORBIDDEN');
    expect(code(() => allowedPath(ctx, ''))).toBe('BAD_REQUEST');
    expect(code(() => allowedPath(ctx, 'a\0b'))).toBe('BAD_REQUEST');
  });
});
