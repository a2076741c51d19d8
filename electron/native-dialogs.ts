import { realpathSync } from 'node:fs';
import type { Dialogs } from './backend/context.js';

/** Record a path the user picked, also under its real name (the path guard compares real paths). */
export function allowPath(chosen: Set<string>, path: string): void {
  chosen.add(path);
  try {
    chosen.add(realpathSync.native(path));
  } catch {
    // not there (yet): the lexical path is all there is
  }
}

/** The two members of Electron's `dialog` used here (tests pass a fake). */
export interface DialogLike {
  showOpenDialog(options: {
    title?: string;
    properties: ('openFile' | 'openDirectory' | 'createDirectory')[];
    filters?: { name: string; extensions: string[] }[];
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
}

/**
 * Native pickers for the back end. A path the user picks becomes allowed (ctx.chosenFiles):
 * choosing is the user's consent to read that file or open that folder.
 */
export function nativeDialogs(dialog: DialogLike, chosen: Set<string>): Dialogs {
  const pick = async (options: Parameters<DialogLike['showOpenDialog']>[0]) => {
    const result = await dialog.showOpenDialog(options);
    const path = result.canceled ? undefined : result.filePaths[0];
    if (!path) return null;
    allowPath(chosen, path);
    return path;
  };
  return {
    chooseFolder: (title) =>
      pick({ title: title ?? 'Open a pycortex database (filestore) folder', properties: ['openDirectory'] }),
    chooseFile: (filters) =>
      pick({
        title: 'Choose a file',
        properties: ['openFile'],
        filters: filters ?? [
          { name: 'Volumes and vertex data', extensions: ['nii', 'gz', 'mgz', 'mgh', 'npz'] },
          { name: 'All files', extensions: ['*'] },
        ],
      }),
  };
}
