import { describe, expect, it } from 'vitest';
import { nativeDialogs, type DialogLike } from './native-dialogs.js';

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
});
