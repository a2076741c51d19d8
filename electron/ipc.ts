import { API_METHODS, type RoiStudioApi } from '../shared/api.js';
import { apiChannel, DIRTY_CHANNEL, type IpcReply } from '../shared/menu.js';
import { callApi, toErrorShape } from './api-arguments.js';
import type { BackendContext } from './backend/context.js';

/**
 * Binds the API to Electron IPC: one `invoke` channel per method. Each call must come from the
 * app's own page (checked by the sender frame's URL) and passes the same argument gate as
 * `serve` (shape validation, path confinement) before the back end sees it.
 * Written against the few members of ipcMain it uses, so tests drive it with fakes.
 */

export interface IpcSenderLike {
  senderFrame: { url: string } | null;
  sender: { id: number };
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcSenderLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: IpcSenderLike, ...args: unknown[]) => void): void;
  removeListener(channel: string, listener: (event: IpcSenderLike, ...args: unknown[]) => void): void;
}

export interface IpcBinding {
  api: RoiStudioApi;
  ctx: BackendContext;
  /** true for URLs of the app's own renderer (file:// in out/renderer) */
  isAppUrl(url: string): boolean;
  /** the renderer of `webContentsId` reported its unsaved-changes state */
  onDirty?(webContentsId: number, dirty: boolean): void;
}

const fromApp = (event: IpcSenderLike, isAppUrl: (url: string) => boolean) =>
  event.senderFrame !== null && isAppUrl(event.senderFrame.url);

/** Register every channel; returns a function that removes them again. */
export function registerIpc(ipc: IpcMainLike, binding: IpcBinding): () => void {
  const { api, ctx, isAppUrl } = binding;
  for (const method of API_METHODS) {
    ipc.handle(apiChannel(method), async (event, ...args): Promise<IpcReply> => {
      try {
        if (!fromApp(event, isAppUrl)) {
          return {
            ok: false,
            error: {
              code: 'FORBIDDEN',
              message: `${method}: refused a call from ${event.senderFrame?.url ?? 'an unknown frame'}`,
            },
          };
        }
        return { ok: true, value: await callApi(ctx, api, method, args) };
      } catch (e) {
        return { ok: false, error: toErrorShape(e) };
      }
    });
  }
  const dirty = (event: IpcSenderLike, value: unknown) => {
    if (fromApp(event, isAppUrl) && typeof value === 'boolean') binding.onDirty?.(event.sender.id, value);
  };
  ipc.on(DIRTY_CHANNEL, dirty);
  return () => {
    for (const method of API_METHODS) ipc.removeHandler(apiChannel(method));
    ipc.removeListener(DIRTY_CHANNEL, dirty);
  };
}
