/**
 * The sandboxed preload: CommonJS, and at run time it may load only `electron`, so it imports
 * nothing but types from shared/ and repeats the channel names as literals (the types make a
 * typo or a missing method a compile error). It exposes exactly shared/api.ts as
 * `window.roiStudio`, and the menu/unsaved-changes channel as `window.roiStudioShell`.
 */
// A CommonJS file under verbatimModuleSyntax must spell its run-time import this way.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import electron = require('electron');
import type { ApiMethod, RoiStudioApi } from '../shared/api.js';
import type {
  ApiChannel,
  DIRTY_CHANNEL as DirtyChannel,
  IpcReply,
  MENU_CHANNEL as MenuChannel,
  MenuCommand,
  ShellBridge,
} from '../shared/menu.js';

const { contextBridge, ipcRenderer } = electron;

const METHODS = [
  'getDatabase',
  'openDatabase',
  'chooseDatabaseFolder',
  'listSubjects',
  'getFlatGeometry',
  'getCurvature',
  'getVertexMap',
  'getPixelMap',
  'loadVolume',
  'loadVertexData',
  'chooseTemplateFile',
  'addTransform',
  'chooseTransformInput',
  'getSurfaceMesh',
  'getVertexSampling',
  'loadOverlay',
  'saveOverlay',
  'getRoiVertices',
  'traceLabels',
  'restoreFromSidecar',
  'exportRois',
  'importFreeSurfer',
  'getImportProgress',
  'saveDraft',
  'loadDraft',
  'clearDraft',
] as const satisfies readonly ApiMethod[];
// Every method of the interface is listed: otherwise this line does not compile.
const _everyMethod: Exclude<ApiMethod, (typeof METHODS)[number]> extends never ? true : never = true;

const MENU_CHANNEL: typeof MenuChannel = 'roi-studio:menu';
const DIRTY_CHANNEL: typeof DirtyChannel = 'roi-studio:dirty';

const api = {} as Record<ApiMethod, (...args: unknown[]) => Promise<unknown>>;
for (const method of METHODS) {
  const channel: ApiChannel = `roi-studio:api:${method}`;
  api[method] = async (...args) => {
    const reply = (await ipcRenderer.invoke(channel, ...args)) as IpcReply;
    // A plain object crosses the context bridge intact; an Error would keep only its message.
    if (!reply.ok) return Promise.reject({ ...reply.error });
    return reply.value;
  };
}

const shell: ShellBridge = {
  onMenuCommand(listener) {
    // Hand the page only the command, never the IPC event (it carries the sender object).
    const forward = (_event: unknown, command: MenuCommand) => listener(command);
    ipcRenderer.on(MENU_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(MENU_CHANNEL, forward);
  },
  setDirty(dirty) {
    ipcRenderer.send(DIRTY_CHANNEL, dirty === true);
  },
};

contextBridge.exposeInMainWorld('roiStudio', api as unknown as RoiStudioApi);
contextBridge.exposeInMainWorld('roiStudioShell', shell);
