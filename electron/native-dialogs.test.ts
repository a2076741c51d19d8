import { mkdir, mkdtemp, realpath, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowPath, nativeDialogs, type DialogLike } from './native-dialogs.js';

describe('native dialogs', () => {
  it('returns the chosen path and allows it; cancel returns null and allows nothing', async () => {
    const answers = [
      { canceled: false, filePaths: ['/data/other-db'] },
      { canceled: true, filePaths: [] },
      { canceled: false, filePaths: ['/data/t.nii.gz'] },
    ];
    const asked: string[][] = [];
    const dialog: DialogLike = {
      showOpenDialog: async (o) => {
        asked.push(o.properties);
        return answers.shift()!;
      },
    };
    const chosen = new Set<string>();
    const d = nativeDialogs(dialog, chosen);
    expect(await d.chooseFolder()).toBe('/data/other-db');
    expect(await d.chooseFolder()).toBeNull();
    expect(await d.chooseFile()).toBe('/data/t.nii.gz');
    expect(asked).toEqual([['openDirectory'], ['openDirectory'], ['openFile']]);
    expect([...chosen]).toEqual(['/data/other-db', '/data/t.nii.gz']);
  });

  it('allows a picked path under its real name too (symlinked folders)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roi-studio-pick-'));
    await mkdir(join(dir, 'real-db'));
    await symlink(join(dir, 'real-db'), join(dir, 'link-db'));
    const chosen = new Set<string>();
    allowPath(chosen, join(dir, 'link-db'));
    expect(chosen.has(join(dir, 'link-db'))).toBe(true);
    expect(chosen.has(await realpath(join(dir, 'real-db')))).toBe(true);
  });
});
