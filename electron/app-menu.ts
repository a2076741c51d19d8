import { basename } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/menu.js';

export interface MenuActions {
  platform: NodeJS.Platform;
  /** recent databases, most recent first */
  recent: string[];
  /** deliver a command to the focused window's renderer */
  send(command: MenuCommand): void;
  /** native folder picker; resolves the chosen (and now allowed) path, or null */
  chooseFolder(title: string): Promise<string | null>;
  /** allow a path the user picked from a menu (Open recent) */
  allow(path: string): void;
  /** the project's web pages, in the user's browser */
  openProjectPage(): void;
  openIssues(): void;
  about(): void;
}

/**
 * The native menu bar. Every item that acts on the document is a {@link MenuCommand} the
 * renderer carries out, so menu, toolbar button and shortcut share one implementation.
 */
export function buildMenuTemplate(a: MenuActions): MenuItemConstructorOptions[] {
  const mac = a.platform === 'darwin';
  const send = (command: MenuCommand) => () => a.send(command);
  const openDatabase = async () => {
    const path = await a.chooseFolder('Open a pycortex database (filestore) folder');
    if (path) a.send({ command: 'open-database', path });
  };
  const exportRois = async () => {
    const out = await a.chooseFolder('Export ROIs into this folder');
    if (out) a.send({ command: 'export', out });
  };

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open Database…', accelerator: 'CmdOrCtrl+O', click: () => void openDatabase() },
      {
        label: 'Open Recent',
        enabled: a.recent.length > 0,
        submenu: a.recent.map((path) => ({
          label: `${basename(path)} — ${path}`,
          click: () => {
            a.allow(path);
            a.send({ command: 'open-database', path });
          },
        })),
      },
      { type: 'separator' },
      { label: 'Save', accelerator: 'CmdOrCtrl+S', click: send({ command: 'save' }) },
      { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => void exportRois() },
      { label: 'Add Transform…', click: send({ command: 'add-transform' }) },
      { label: 'Import FreeSurfer Subject…', click: send({ command: 'import-freesurfer' }) },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: send({ command: 'undo' }) },
      {
        label: 'Redo',
        accelerator: mac ? 'Shift+CmdOrCtrl+Z' : 'CmdOrCtrl+Y',
        click: send({ command: 'redo' }),
      },
      { type: 'separator' },
      // For text fields (ROI names).
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { label: 'Zoom In', accelerator: 'CmdOrCtrl+=', click: send({ command: 'zoom-in' }) },
      { label: 'Zoom Out', accelerator: 'CmdOrCtrl+-', click: send({ command: 'zoom-out' }) },
      { label: 'Fit to Window', accelerator: 'CmdOrCtrl+0', click: send({ command: 'zoom-fit' }) },
      { type: 'separator' },
      { label: 'Rotate Left', accelerator: 'CmdOrCtrl+[', click: send({ command: 'rotate-left' }) },
      { label: 'Rotate Right', accelerator: 'CmdOrCtrl+]', click: send({ command: 'rotate-right' }) },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: 'ROI Studio on GitHub', click: () => a.openProjectPage() },
      { label: 'Report a Problem', click: () => a.openIssues() },
      ...(mac ? [] : [{ type: 'separator' as const }, { label: 'About ROI Studio', click: () => a.about() }]),
    ],
  };
  const appMenu: MenuItemConstructorOptions = {
    label: 'ROI Studio',
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  return mac ? [appMenu, file, edit, view, help] : [file, edit, view, help];
}
