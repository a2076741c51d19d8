import type { ApiMethod } from './api.js';

/**
 * The desktop shell's side channel to the UI, next to the API: native menu commands flow to the
 * renderer, and the renderer tells the shell whether it has unsaved changes (so closing the
 * window can ask first). In a browser the same interface is served by the page itself.
 */

export type MenuCommand =
  /** a database the user chose (dialog or Open recent); the shell has already allowed the path */
  | { command: 'open-database'; path: string }
  | { command: 'save' }
  /** a folder the user chose for exports */
  | { command: 'export'; out: string }
  | { command: 'add-transform' }
  | { command: 'import-freesurfer' }
  | { command: 'undo' }
  | { command: 'redo' }
  | { command: 'zoom-in' }
  | { command: 'zoom-out' }
  | { command: 'zoom-fit' }
  | { command: 'rotate-left' }
  | { command: 'rotate-right' };

export interface ShellBridge {
  /** subscribe to menu commands; returns the unsubscribe function */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** the editor has (or no longer has) unsaved changes */
  setDirty(dirty: boolean): void;
}

/** IPC channel names (the sandboxed preload repeats them as literals, checked against these types). */
export const MENU_CHANNEL = 'roi-studio:menu';
export const DIRTY_CHANNEL = 'roi-studio:dirty';
export type ApiChannel = `roi-studio:api:${ApiMethod}`;
export const apiChannel = (method: ApiMethod): ApiChannel => `roi-studio:api:${method}`;

/**
 * What an API channel answers: Electron turns a thrown error into a bare message, so the main
 * process replies with this envelope and the preload rejects with the error fields intact.
 */
export type IpcReply =
  { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; file?: string } };
