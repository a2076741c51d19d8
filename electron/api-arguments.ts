import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { z } from 'zod';
import {
  API_METHODS,
  ApiError,
  VERTEX_MAPPERS,
  type AddTransformRequest,
  type ApiMethod,
  type RoiStudioApi,
} from '../shared/api.js';
import { checkRoiName } from '../shared/roi/roi-names.js';
import type { BackendContext } from './backend/context.js';
import { confinedAddTransform } from './backend/transform-api.js';
import { allowedPath, isInside } from './store/write/path-guard.js';
import { isFilestore } from './store/write/write-policy.js';

/**
 * The gate every call from a UI passes through (Electron IPC and `serve` alike): the arguments
 * must have the shapes of shared/api.ts, and every path must lie inside the open database or be
 * one the user chose. Anything else is refused before it reaches the back end.
 */

const MAX_TEXT = 4096;
const text = z.string().max(MAX_TEXT);

/** A folder name inside the database (subject) or a transform name: never a path. */
const name = text
  .min(1)
  .refine((s) => !/[/\\\0]/.test(s) && s !== '.' && s !== '..', 'must be a plain name, not a path');
const path = text.min(1).refine((s) => !s.includes('\0'), 'must not contain NUL');
/** A name for a new ROI follows the editor's rule; uniqueness needs the file (the back end's). */
const newRoiName = text.superRefine((s, ctx) => {
  const check = checkRoiName(s, []);
  if (!check.ok) ctx.addIssue({ code: 'custom', message: check.reason });
});
const height = z.number().int().min(16).max(16384);
const pathData = z.array(z.string().max(10_000_000)).max(100_000);

const layer = z.enum(['rois', 'sulci', 'cutouts']).optional();
const edit = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('add'),
    name: newRoiName,
    paths: pathData,
    label: z.boolean().optional(),
    layer,
  }),
  z.strictObject({
    kind: z.literal('replace'),
    name: text.min(1),
    paths: pathData,
    label: z.boolean().optional(),
    layer,
  }),
  z.strictObject({ kind: z.literal('rename'), from: text.min(1), to: newRoiName, layer }),
  z.strictObject({ kind: z.literal('delete'), name: text.min(1), layer }),
  z.strictObject({ kind: z.literal('normalise'), name: text.min(1), layer }),
]);
const edits = z.array(edit).max(100_000);

const SCHEMAS = {
  getDatabase: z.tuple([]),
  openDatabase: z.tuple([path]),
  chooseDatabaseFolder: z.tuple([]),
  listSubjects: z.tuple([]),
  getFlatGeometry: z.tuple([name]),
  getCurvature: z.tuple([name, height]),
  getVertexMap: z.tuple([name, height]),
  getPixelMap: z.tuple([
    name,
    name,
    z.strictObject({ height, thick: z.number().int().min(1).max(64), depth: z.number().min(0).max(1) }),
  ]),
  loadVolume: z.tuple([name, name, path, z.number().int().min(0).optional()]),
  loadVertexData: z.tuple([name, path]),
  chooseTemplateFile: z.tuple([]),
  addTransform: z.tuple([
    z.strictObject({
      subject: name,
      name,
      reference: path,
      registration: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('header') }),
        z.strictObject({
          kind: z.literal('freesurfer'),
          file: path,
          subjectsDir: path,
          fsSubject: name.optional(),
        }),
        z.strictObject({ kind: z.literal('fsl'), file: path }),
      ]),
      replace: z.boolean().optional(),
    }),
  ]),
  chooseTransformInput: z.tuple([z.enum(['reference', 'registration', 'subjects-dir'])]),
  getSurfaceMesh: z.tuple([name]),
  getVertexSampling: z.tuple([name, name, z.enum(VERTEX_MAPPERS)]),
  loadOverlay: z.tuple([name]),
  saveOverlay: z.tuple([
    z.strictObject({ subject: name, baseRevision: text, edits, saveAs: path.optional() }),
  ]),
  getRoiVertices: z.tuple([name, path.optional()]),
  restoreFromSidecar: z.tuple([name]),
  traceLabels: z.tuple([
    z.strictObject({
      subject: name,
      transform: name,
      template: path,
      labels: z
        .array(z.union([text, z.number().int()]))
        .max(10_000)
        .optional(),
      raw: z.boolean().optional(),
    }),
  ]),
  exportRois: z.tuple([
    z.strictObject({
      subject: name,
      kind: z.enum(['json', 'csv', 'label', 'nifti', 'png', 'svg']),
      rois: z.array(text.min(1)).max(10_000).optional(),
      transform: name.optional(),
      volume: path.optional(),
      dpi: z.number().min(1).max(2400).optional(),
      figure: z
        .strictObject({
          cmap: text.max(100).optional(),
          vmin: z.number().optional(),
          vmax: z.number().optional(),
          opacity: z.number().min(0).max(1).optional(),
          height: z.number().int().min(16).max(8192).optional(),
          linewidth: z.number().min(0).max(100).optional(),
          labelsize: z.number().min(0).max(500).optional(),
          nanmean: z.boolean().optional(),
          withRois: z.boolean().optional(),
          withLabels: z.boolean().optional(),
          withSulci: z.boolean().optional(),
          withCurvature: z.boolean().optional(),
          withColorbar: z.boolean().optional(),
        })
        .optional(),
      out: path,
    }),
  ]),
  importFreeSurfer: z.tuple([
    z.strictObject({
      folder: path,
      name: name.optional(),
      wm: z.enum(['smoothwm', 'white']).optional(),
      patch: name.optional(),
      flatOrientation: z.enum(['pycortex', 'as-is']).optional(),
      clean: z.boolean().optional(),
      labels: z.union([z.enum(['all', 'none', 'default']), z.array(name).max(1000)]).optional(),
      replace: z.boolean().optional(),
    }),
  ]),
  getImportProgress: z.tuple([]),
  saveDraft: z.tuple([
    z.strictObject({
      subject: name,
      database: path,
      savedAt: text,
      baseRevision: text,
      edits,
    }),
  ]),
  loadDraft: z.tuple([path, name]),
  clearDraft: z.tuple([path, name]),
} satisfies Record<ApiMethod, z.ZodTuple>;

export function isApiMethod(method: unknown): method is ApiMethod {
  return typeof method === 'string' && (API_METHODS as readonly string[]).includes(method);
}

function validate(method: ApiMethod, args: unknown): unknown[] {
  if (!Array.isArray(args)) throw new ApiError('BAD_REQUEST', `${method}: arguments must be an array`);
  // A transport may carry a missing optional argument as a trailing undefined.
  const trimmed = [...args];
  while (trimmed.length && trimmed[trimmed.length - 1] === undefined) trimmed.pop();
  const parsed = SCHEMAS[method].safeParse(trimmed);
  if (parsed.success) return parsed.data as unknown[];
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

/** Validate and confine one call's arguments; returns them with paths made absolute. */
export async function checkArguments(
  ctx: BackendContext,
  api: RoiStudioApi,
  method: unknown,
  args: unknown,
): Promise<unknown[]> {
  if (!isApiMethod(method)) throw new ApiError('BAD_REQUEST', `unknown API method ${JSON.stringify(method)}`);
  const a = validate(method, args);
  const confine = (p: string) => allowedPath(ctx, p);
  switch (method) {
    case 'openDatabase':
      return [await allowedDatabase(ctx, api, a[0] as string)];
    case 'loadVolume':
      return [a[0], a[1], confine(a[2] as string), ...a.slice(3)];
    case 'loadVertexData':
      return [a[0], confine(a[1] as string)];
    case 'getRoiVertices':
      return a.length > 1 ? [a[0], confine(a[1] as string)] : a;
    case 'saveOverlay': {
      const r = a[0] as { saveAs?: string };
      return [r.saveAs === undefined ? r : { ...r, saveAs: confine(r.saveAs) }];
    }
    case 'traceLabels': {
      const r = a[0] as { template: string };
      return [looksLikePath(r.template) ? { ...r, template: confine(r.template) } : r];
    }
    case 'addTransform':
      return [confinedAddTransform(a[0] as AddTransformRequest, confine)];
    case 'importFreeSurfer': {
      const r = a[0] as { folder: string };
      return [{ ...r, folder: await allowedFreeSurferFolder(ctx, r.folder) }];
    }
    case 'exportRois': {
      const r = a[0] as { out: string; volume?: string };
      return [
        {
          ...r,
          out: confine(r.out),
          ...(r.volume === undefined ? {} : { volume: confine(r.volume) }),
        },
      ];
    }
    default:
      return a;
  }
}

/** What crosses back to the UI when a call fails: the ApiError fields, faithfully. */
export function toErrorShape(e: unknown): { code: ApiError['code']; message: string; file?: string } {
  if (e instanceof ApiError) return e.toJSON();
  if (typeof e === 'object' && e !== null && typeof (e as ApiError).code === 'string') {
    const { code, message, file } = e as ApiError;
    if (
      [
        'BAD_REQUEST',
        'NOT_FOUND',
        'FORBIDDEN',
        'UNAUTHORIZED',
        'INVALID_FILE',
        'SHAPE_MISMATCH',
        'STALE',
        'LOCKED',
        'IO',
        'INTERNAL',
      ].includes(code)
    )
      return { code, message: String(message ?? code), ...(typeof file === 'string' ? { file } : {}) };
  }
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
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
