import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import {
  API,
  API_METHODS,
  ApiError,
  toApiError,
  type ApiArguments,
  type ApiErrorShape,
  type ApiMethod,
  type RoiStudioApi,
} from '../shared/api.js';
import type { BackendContext } from './backend/context.js';
import { confinedAddTransform } from './backend/transform-api.js';
import { allowedPath, isInside } from './store/write/path-guard.js';
import { isFilestore } from './store/write/write-policy.js';

/**
 * The gate every call from a UI passes through (Electron IPC and `serve` alike): the arguments
 * must pass the method's schema in shared/api.ts, and every path must lie inside the open
 * database or be one the user chose. Anything else is refused before it reaches the back end.
 */

export function isApiMethod(method: unknown): method is ApiMethod {
  return typeof method === 'string' && (API_METHODS as readonly string[]).includes(method);
}

function validate<M extends ApiMethod>(method: M, args: unknown): ApiArguments<M> {
  if (!Array.isArray(args)) throw new ApiError('BAD_REQUEST', `${method}: arguments must be an array`);
  // A transport may carry a missing optional argument as a trailing undefined.
  const trimmed = [...args];
  while (trimmed.length && trimmed[trimmed.length - 1] === undefined) trimmed.pop();
  const parsed = API[method].args.safeParse(trimmed);
  if (parsed.success) return parsed.data as ApiArguments<M>;
  const issue = parsed.error.issues[0];
  const where = issue.path.length ? `argument ${issue.path.join('.')}` : 'arguments';
  throw new ApiError('BAD_REQUEST', `${method}: ${where}: ${issue.message}`);
}

/** A template is given by name or by path; only a path needs confining. */
const looksLikePath = (s: string) => isAbsolute(s) || /[/\\]/.test(s);

/**
 * A new database root widens what every later path may reach, so it is allowed only when it is
 * the open one, one the user chose in a dialog (or on the command line), a recent database, or
 * a folder that is recognisably a pycortex filestore (what a user types into "Open database").
 * A path that does not exist goes on to the back end, which reports it as not found.
 */
async function allowedDatabase(ctx: BackendContext, api: RoiStudioApi, dir: string): Promise<string> {
  if (!isAbsolute(dir)) throw new ApiError('BAD_REQUEST', `openDatabase: ${dir} is not an absolute path`);
  const same = (p: string) => isInside(p, dir) && isInside(dir, p);
  if (same(ctx.database.path) || [...ctx.chosenFiles].some(same)) return dir;
  const recent = await api.getDatabase().then(
    (info) => info.recent,
    () => [] as string[],
  );
  if (recent.some(same)) return dir;
  if (!(await stat(dir).catch(() => null)) || isFilestore(dir)) return dir;
  if ((await stat(join(dir, 'surfaces')).catch(() => null))?.isDirectory())
    throw new ApiError(
      'FORBIDDEN',
      `${dir} is a subject folder, not a database: open the folder that holds it, ${dirname(dir)}`,
      dir,
    );
  // the desktop app has a folder picker; a browser has only the path field and serve's --db
  const anyway = ctx.dialogs
    ? 'choose it with Browse… to open it anyway'
    : 'type the folder that holds the subject folders, or restart serve with --db on this folder to open it anyway';
  throw new ApiError(
    'FORBIDDEN',
    `${dir} is not a pycortex database (no subject folder with surfaces/ in it); ${anyway}`,
    dir,
  );
}

/**
 * A FreeSurfer subject folder is only read, and only its own files: it may be inside the
 * database, chosen by the user, or a folder that is recognisably a FreeSurfer subject
 * (surf/ and mri/ in it), which is what a user types into the import form.
 */
async function allowedFreeSurferFolder(ctx: BackendContext, dir: string): Promise<string> {
  if (!isAbsolute(dir)) throw new ApiError('BAD_REQUEST', `importFreeSurfer: ${dir} is not an absolute path`);
  const folder = async (p: string) => (await stat(p).catch(() => null))?.isDirectory() ?? false;
  // a folder that does not exist goes on to the back end, which names it as not found
  if (!(await stat(dir).catch(() => null))) return dir;
  if ((await folder(join(dir, 'surf'))) && (await folder(join(dir, 'mri')))) return dir;
  return allowedPath(ctx, dir);
}

interface Gate {
  ctx: BackendContext;
  api: RoiStudioApi;
  /** a path inside the open database or one the user chose, made absolute */
  confine(path: string): string;
}

/** The methods that take paths, and how each one's paths are confined. */
const CONFINE: {
  [M in ApiMethod]?: (args: ApiArguments<M>, gate: Gate) => ApiArguments<M> | Promise<ApiArguments<M>>;
} = {
  openDatabase: async ([dir], g) => [await allowedDatabase(g.ctx, g.api, dir)],
  loadVolume: ([subject, transform, file, ...frame], g) => [subject, transform, g.confine(file), ...frame],
  loadVertexData: ([subject, file], g) => [subject, g.confine(file)],
  getRoiVertices: ([subject, overlay], g) =>
    overlay === undefined ? [subject] : [subject, g.confine(overlay)],
  saveOverlay: ([r], g) => [r.saveAs === undefined ? r : { ...r, saveAs: g.confine(r.saveAs) }],
  traceLabels: ([r], g) => [looksLikePath(r.template) ? { ...r, template: g.confine(r.template) } : r],
  addTransform: ([r], g) => [confinedAddTransform(r, g.confine)],
  importFreeSurfer: async ([r], g) => [{ ...r, folder: await allowedFreeSurferFolder(g.ctx, r.folder) }],
  exportRois: ([r], g) => [
    { ...r, out: g.confine(r.out), ...(r.volume === undefined ? {} : { volume: g.confine(r.volume) }) },
  ],
};

/** Validate and confine one call's arguments; returns them with paths made absolute. */
export async function checkArguments(
  ctx: BackendContext,
  api: RoiStudioApi,
  method: unknown,
  args: unknown,
): Promise<unknown[]> {
  if (!isApiMethod(method)) throw new ApiError('BAD_REQUEST', `unknown API method ${JSON.stringify(method)}`);
  return validAndConfined(method, args, { ctx, api, confine: (p) => allowedPath(ctx, p) });
}

async function validAndConfined<M extends ApiMethod>(
  method: M,
  args: unknown,
  gate: Gate,
): Promise<unknown[]> {
  const valid = validate(method, args);
  const confine = CONFINE[method];
  return confine ? confine(valid, gate) : valid;
}

/** What crosses back to the UI when a call fails: the ApiError fields, faithfully. */
export function toErrorShape(e: unknown): ApiErrorShape {
  return toApiError(e).toJSON();
}

/** Validate, confine and call: the one entry point both transports use. */
export async function callApi(
  ctx: BackendContext,
  api: RoiStudioApi,
  method: unknown,
  args: unknown,
): Promise<unknown> {
  const checked = await checkArguments(ctx, api, method, args);
  const fn = api[method as ApiMethod] as (...a: unknown[]) => Promise<unknown>;
  return fn.apply(api, checked);
}
