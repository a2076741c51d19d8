import { chmod, lstat, mkdir, mkdtemp, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { carryOver } from './subject-carry-over.js';

const root = await mkdtemp(join(tmpdir(), 'roi-studio-carry-over-'));
afterAll(async () => {
  await chmod(join(root, 'new', 'transforms', 'locked'), 0o755).catch(() => undefined);
  await chmod(join(root, 'old', 'transforms', 'locked'), 0o755).catch(() => undefined);
  await rm(root, { recursive: true, force: true });
});

describe('carryOver', () => {
  it('copies what only the old subject has (read-only folders and links as they are), reports what differs', async () => {
    const oldDir = join(root, 'old');
    const newDir = join(root, 'new');
    await mkdir(join(oldDir, 'transforms', 'locked'), { recursive: true });
    await mkdir(join(oldDir, 'cache'), { recursive: true });
    await mkdir(join(newDir, 'transforms'), { recursive: true });
    await writeFile(join(oldDir, 'transforms', 'locked', 'matrices.xfm'), 'mine');
    await chmod(join(oldDir, 'transforms', 'locked'), 0o555);
    await symlink('transforms/locked', join(oldDir, 'latest'));
    await writeFile(join(oldDir, 'cache', 'flat.npz'), 'derived');
    await writeFile(join(oldDir, 'overlays.svg'), 'old overlay');
    await writeFile(join(newDir, 'overlays.svg'), 'new overlay');

    const carried = await carryOver(oldDir, newDir, ['cache']);
    expect(carried).toEqual({ kept: ['latest', 'transforms/locked/'], replaced: ['overlays.svg'] });
    expect(await readFile(join(newDir, 'transforms', 'locked', 'matrices.xfm'), 'utf8')).toBe('mine');
    expect((await lstat(join(newDir, 'transforms', 'locked'))).mode & 0o777).toBe(0o555);
    expect(await readlink(join(newDir, 'latest'))).toBe('transforms/locked');
    expect(await readFile(join(newDir, 'overlays.svg'), 'utf8')).toBe('new overlay');
    await expect(lstat(join(newDir, 'cache'))).rejects.toThrow(/ENOENT/);
  });
});
