import type { RoiStudioApi } from '../../shared/api.js';

/** The back end the editor talks to, set once at startup (Electron IPC or HTTP, or a fake in tests). */

let current: RoiStudioApi | null = null;

export function setApi(api: RoiStudioApi): void {
  current = api;
}

export function api(): RoiStudioApi {
  if (!current) throw new Error('The back end is not connected yet.');
  return current;
}
