import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session, shell } from 'electron';
import type { RoiStudioApi } from '../shared/api.js';
import { MENU_CHANNEL, type MenuCommand } from '../shared/menu.js';
import { buildMenuTemplate } from './app-menu.js';
import type { BackendContext } from './backend/context.js';
import { createContext } from './backend/create-context.js';
import { createBackend } from './backend/index.js';
import { createCloseGuard, type CloseChoice } from './close-guard.js';
import { registerIpc } from './ipc.js';
import { cliArgs, cliProcess, databaseFromArgs, userArgs } from './launch-args.js';
import { allowPath, nativeDialogs } from './native-dialogs.js';
import { appUrlChecker, createSecureWindow, hardenContents, hardenSession } from './window-security.js';
import { fitToDisplays, readWindowState, windowStateFile, writeWindowState } from './window-state.js';

/**
 * The desktop shell: one instance, one window on the built renderer, native menus and dialogs.
 * Everything with logic in it lives in the modules imported above, which are tested with fakes;
 * this file only wires them to Electron.
 */

const here = dirname(fileURLToPath(import.meta.url));
const RENDERER_DIR = join(here, '..', 'renderer');
const PRELOAD = join(here, 'preload.cjs');
const args = userArgs(process.argv, app.isPackaged);
// Always the built files, also in `npm run dev` (a watch build): one strict CSP everywhere.
const isAppUrl = appUrlChecker(RENDERER_DIR);

let win: BrowserWindow | null = null;
let ctx: BackendContext;
let api: RoiStudioApi;

const send = (command: MenuCommand) => win?.webContents.send(MENU_CHANNEL, command);

const guard = createCloseGuard({
  async ask(): Promise<CloseChoice> {
    if (!win) return 'discard';
    const { response } = await dialog.showMessageBox(win, {
      type: 'warning',
      buttons: ['Save', "Don't Save", 'Cancel'],
      defaultId: 0,
      cancelId: 2,
      message: 'Save your ROI changes before closing?',
      detail: 'Unsaved edits are kept as a draft, but are not in overlays.svg until you save.',
    });
    return (['save', 'discard', 'cancel'] as const)[response] ?? 'cancel';
  },
  requestSave: () => send({ command: 'save' }),
  close: () => win?.close(),
});

async function refreshMenu(): Promise<void> {
  const recent = await api.getDatabase().then(
    (info) => info.recent,
    () => [],
  );
  const template = buildMenuTemplate({
    platform: process.platform,
    recent,
    send,
    async chooseFolder(title) {
      const result = win
        ? await dialog.showOpenDialog(win, { title, properties: ['openDirectory', 'createDirectory'] })
        : await dialog.showOpenDialog({ title, properties: ['openDirectory', 'createDirectory'] });
      const path = result.canceled ? undefined : result.filePaths[0];
      if (!path) return null;
      allowPath(ctx.chosenFiles, path);
      return path;
    },
    allow: (path) => allowPath(ctx.chosenFiles, path),
    // Fixed addresses only: nothing the page says can choose what is opened.
    openProjectPage: () => void shell.openExternal('https://github.com/roi-studio/roi-studio'),
    openIssues: () => void shell.openExternal('https://github.com/roi-studio/roi-studio/issues'),
    about: () =>
      void dialog.showMessageBox({
        title: 'About ROI Studio',
        message: `ROI Studio ${app.getVersion()}`,
        detail: 'Draw regions of interest on pycortex flatmaps and save them into overlays.svg.',
      }),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function createWindow(): Promise<void> {
  const stateFile = windowStateFile(ctx.appDataDir);
  const state = fitToDisplays(
    await readWindowState(stateFile),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const { maximized, ...bounds } = state;
  const w = createSecureWindow(BrowserWindow, bounds, PRELOAD);
  win = w;
  if (maximized) w.maximize();
  w.once('ready-to-show', () => w.show());
  w.on('close', (event) => {
    let prevented = false;
    guard.onClose({
      preventDefault: () => {
        prevented = true;
        event.preventDefault();
      },
    });
    if (!prevented) writeWindowState(stateFile, { ...w.getNormalBounds(), maximized: w.isMaximized() });
  });
  w.on('closed', () => {
    if (win === w) win = null;
  });
  await w.loadFile(join(RENDERER_DIR, 'index.html'));
}

/** A database named by a second launch (`roi-studio DIR`): allowed, then opened by the UI. */
function openFromShell(path: string): void {
  allowPath(ctx.chosenFiles, path);
  send({ command: 'open-database', path });
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession, isAppUrl);
  const db = databaseFromArgs(args, process.cwd());
  ctx = await createContext({ db, env: process.env }).catch(async (e: Error) => {
    dialog.showErrorBox('ROI Studio', `${e.message}\n\nOpening the default database instead.`);
    // The explicit choices (argument, ROI_STUDIO_DB) are what failed: fall back past them.
    const { ROI_STUDIO_DB: _refused, ...env } = process.env;
    return createContext({ env });
  });
  ctx.dialogs = nativeDialogs(dialog, ctx.chosenFiles);
  const backend = createBackend(ctx);
  // Opening a database changes the recent list the File menu shows.
  api = {
    ...backend,
    openDatabase: (path) =>
      backend.openDatabase(path).then((info) => {
        void refreshMenu();
        return info;
      }),
  };
  registerIpc(ipcMain, {
    api,
    ctx,
    isAppUrl,
    onDirty: (id, dirty) => {
      if (win && win.webContents.id === id) guard.setDirty(dirty);
    },
  });
  await refreshMenu();
  await createWindow();
}

/** `--cli <command> …`: the command-line tool in a child of this executable, then quit with its code. */
function runCli(words: string[]): void {
  app.dock?.hide();
  const { command, args: argv, env } = cliProcess(words, process.execPath, here, process.env);
  const child = spawn(command, argv, { env, stdio: 'inherit' });
  child.on('error', (e) => {
    process.stderr.write(`roi-studio: ${e.message}\n`);
    app.exit(1);
  });
  child.on('exit', (code, signal) => app.exit(code ?? (signal ? 1 : 0)));
}

const cli = cliArgs(args);
app.enableSandbox();
if (cli) {
  runCli(cli);
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, cwd) => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
    const db = databaseFromArgs(userArgs(argv, app.isPackaged), cwd);
    if (db) openFromShell(db);
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, isAppUrl));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!win && ctx) void createWindow();
  });
  app.whenReady().then(start, (e: unknown) => {
    dialog.showErrorBox('ROI Studio could not start', String(e));
    app.exit(1);
  });
}
