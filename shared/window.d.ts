import type { RoiStudioApi } from './api.js';
import type { ShellBridge } from './menu.js';

// What electron/preload.cts exposes to the renderer; absent when the UI runs in a browser (serve).
declare global {
  interface Window {
    /** exactly the shared/api.ts interface, over IPC */
    roiStudio?: RoiStudioApi;
    /** native menu commands and the unsaved-changes flag */
    roiStudioShell?: ShellBridge;
  }
}

export {};
