import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LIMITS, type NumberLimit } from '../../shared/api-limits.js';
import { API_METHODS, type ApiMethod, type RoiStudioApi } from '../../shared/api.js';
import type { BackendContext } from '../backend/context.js';

/**
 * Fixtures for the transport tests (IPC, serve): a temporary database folder, a well-formed call
 * for every API method, malformed variants, and calls naming paths outside the database.
 */

export interface Sandbox {
  db: string;
  outside: string;
  ctx: BackendContext;
}

export async function makeSandbox(): Promise<Sandbox> {
  const root = await mkdtemp(join(tmpdir(), 'roi-studio-transport-'));
  const db = join(root, 'db');
  const outside = join(root, 'outside');
  await mkdir(join(db, 'demo'), { recursive: true });
  await mkdir(outside, { recursive: true });
  await writeFile(join(db, 'demo', 'template.nii.gz'), 'x');
  await writeFile(join(outside, 'secret.nii.gz'), 'x');
  const ctx: BackendContext = {
    database: { path: db, source: 'argument' },
    appDataDir: join(root, 'app'),
    cacheDir: join(root, 'cache'),
    chosenFiles: new Set(),
  };
  return { db, outside, ctx };
}

/** One well-formed argument list per method (paths inside the database). */
export function validCalls(db: string): Record<ApiMethod, unknown[]> {
  const inside = join(db, 'demo', 'template.nii.gz');
  return {
    getDatabase: [],
    openDatabase: [db],
    chooseDatabaseFolder: [],
    listSubjects: [],
    getFlatGeometry: ['demo'],
    getCurvature: ['demo', 1024],
    getVertexMap: ['demo', 512],
    getPixelMap: ['demo', 'xfm', { height: 1024, thick: 1, depth: 0.5 }],
    loadVolume: ['demo', 'xfm', inside, 0],
    loadVertexData: ['demo', inside],
    chooseTemplateFile: [],
    addTransform: [{ subject: 'demo', name: 'func', reference: inside, registration: { kind: 'header' } }],
    chooseTransformInput: ['registration'],
    getSurfaceMesh: ['demo'],
    getVertexSampling: ['demo', 'xfm', 'nearest'],
    loadOverlay: ['demo'],
    saveOverlay: [{ subject: 'demo', baseRevision: 'r', edits: [{ kind: 'delete', name: 'V1' }] }],
    getRoiVertices: ['demo', join(db, 'demo', 'overlays.svg')],
    traceLabels: [{ subject: 'demo', transform: 'xfm', template: 'prf-visualrois', raw: true }],
    restoreFromSidecar: ['demo'],
    exportRois: [{ subject: 'demo', kind: 'json', out: join(db, 'demo', 'export') }],
    importFreeSurfer: [{ folder: join(db, 'fs'), name: 'S2', labels: ['aparc'], flatOrientation: 'as-is' }],
    getImportProgress: [],
    saveDraft: [
      {
        subject: 'demo',
        database: db,
        savedAt: '2026-01-01T00:00:00Z',
        baseRevision: 'r',
        edits: [{ kind: 'add', name: 'V1', paths: ['M 0 0 L 1 1 Z'] }],
      },
    ],
    loadDraft: [db, 'demo'],
    clearDraft: [db, 'demo'],
  };
}

/** Malformed argument lists for every method: wrong count, wrong types, traversal in names. */
export function malformedCalls(db: string): [ApiMethod, unknown[]][] {
  const valid = validCalls(db);
  const out: [ApiMethod, unknown[]][] = [];
  for (const m of API_METHODS) {
    out.push([m, [...valid[m], 'extra', 'extra']]); // too many
    if (valid[m].length) {
      out.push([m, valid[m].map(() => 42)]); // every argument the wrong type
      out.push([m, []]); // too few
    }
  }
  out.push(['getFlatGeometry', ['../etc']]);
  out.push(['getFlatGeometry', ['a/b']]);
  out.push(['getCurvature', ['demo', 1e9]]);
  out.push(['getCurvature', ['demo', 10.5]]);
  out.push(['getPixelMap', ['demo', 'xfm', { height: 1024, thick: 1, depth: 2 }]]);
  out.push(['getPixelMap', ['demo', 'xfm', { height: 1024, thick: 1, depth: 0.5, extra: 1 }]]);
  out.push(['saveOverlay', [{ subject: 'demo', baseRevision: 'r', edits: [{ kind: 'explode' }] }]]);
  // new ROI names follow the editor's rule
  const addNamed = (name: string) => ({ kind: 'add', name, paths: ['M 0 0 L 1 1 Z'] });
  out.push(['saveOverlay', [{ subject: 'demo', baseRevision: 'r', edits: [addNamed('../../etc/x')] }]]);
  out.push([
    'saveOverlay',
    [{ subject: 'demo', baseRevision: 'r', edits: [{ kind: 'rename', from: 'V1', to: 'a/b' }] }],
  ]);
  out.push(['saveDraft', [{ ...(valid.saveDraft[0] as object), edits: [addNamed(' V1')] }]]);
  out.push(['loadVolume', ['demo', 'xfm', 'a\0b']]);
  out.push(['exportRois', [{ subject: 'demo', kind: 'exe', out: db }]]);
  out.push([
    'exportRois',
    [{ subject: 'demo', kind: 'png', out: join(db, 'x.png'), figure: { opacity: 2 } }],
  ]);
  out.push([
    'exportRois',
    [{ subject: 'demo', kind: 'png', out: join(db, 'x.png'), figure: { script: 'x' } }],
  ]);
  out.push(['traceLabels', [{ subject: 'demo', transform: 'xfm', template: 'prf-visualrois', raw: 'yes' }]]);
  out.push(['loadDraft', [db, '..']]);
  const reference = join(db, 'demo', 'template.nii.gz');
  out.push([
    'addTransform',
    [{ subject: 'demo', name: '../x', reference, registration: { kind: 'header' } }],
  ]);
  out.push(['addTransform', [{ subject: 'demo', name: 'x', reference, registration: { kind: 'guess' } }]]);
  out.push(['addTransform', [{ subject: 'demo', name: 'x', reference, registration: { kind: 'fsl' } }]]);
  out.push(['chooseTransformInput', ['passwords']]);
  out.push(['getVertexSampling', ['demo', 'xfm', 'cubic']]);
  out.push(['importFreeSurfer', [{ folder: join(db, 'fs'), name: '../x' }]]);
  out.push(['importFreeSurfer', [{ folder: join(db, 'fs'), wm: 'pial' }]]);
  return out;
}

/** A call that puts one limited argument at a value: [what, method, arguments]. */
export type LimitCall = [string, ApiMethod, unknown[]];

/**
 * For every argument the API limits (shared/api-limits.ts): calls with it at each bound, and
 * calls with it just past each bound. `covered` names the limits exercised.
 */
export function limitCalls(db: string): { within: LimitCall[]; beyond: LimitCall[]; covered: Set<string> } {
  const valid = validCalls(db);
  const options = valid.getPixelMap[2] as object;
  const png = { subject: 'demo', kind: 'png', out: join(db, 'demo', 'x.png') };
  const places: [keyof typeof LIMITS, ApiMethod, (v: number) => unknown[]][] = [
    ['height', 'getCurvature', (v) => ['demo', v]],
    ['height', 'getVertexMap', (v) => ['demo', v]],
    ['height', 'getPixelMap', (v) => ['demo', 'xfm', { ...options, height: v }]],
    ['thick', 'getPixelMap', (v) => ['demo', 'xfm', { ...options, thick: v }]],
    ['depth', 'getPixelMap', (v) => ['demo', 'xfm', { ...options, depth: v }]],
    ['frame', 'loadVolume', (v) => [...valid.loadVolume.slice(0, 3), v]],
    ['dpi', 'exportRois', (v) => [{ ...png, dpi: v }]],
    ['height', 'exportRois', (v) => [{ ...png, figure: { height: v } }]],
    ['opacity', 'exportRois', (v) => [{ ...png, figure: { opacity: v } }]],
    ['linewidth', 'exportRois', (v) => [{ ...png, figure: { linewidth: v } }]],
    ['labelsize', 'exportRois', (v) => [{ ...png, figure: { labelsize: v } }]],
  ];
  const step = (l: NumberLimit) => (l.integer ? 1 : (l.max - l.min) / 1000);
  const within: LimitCall[] = [];
  const beyond: LimitCall[] = [];
  for (const [limit, method, call] of places) {
    const l: NumberLimit = LIMITS[limit];
    const label = (v: number) => `${method} ${limit} ${v}`;
    for (const v of [l.min, l.max]) within.push([label(v), method, call(v)]);
    for (const v of [l.min - step(l), l.max + step(l)]) beyond.push([label(v), method, call(v)]);
  }
  return { within, beyond, covered: new Set(places.map(([limit]) => limit)) };
}

/** Calls whose path arguments point outside the database and were never chosen. */
export function outsideCalls(db: string, outside: string): [ApiMethod, unknown[]][] {
  const secret = join(outside, 'secret.nii.gz');
  return [
    ['openDatabase', [outside]],
    ['loadVolume', ['demo', 'xfm', secret]],
    ['loadVolume', ['demo', 'xfm', join(db, '..', 'outside', 'secret.nii.gz')]],
    ['loadVertexData', ['demo', secret]],
    ['getRoiVertices', ['demo', join(outside, 'overlays.svg')]],
    ['saveOverlay', [{ subject: 'demo', baseRevision: 'r', edits: [], saveAs: join(outside, 'o.svg') }]],
    ['traceLabels', [{ subject: 'demo', transform: 'xfm', template: secret }]],
    ['exportRois', [{ subject: 'demo', kind: 'json', out: outside }]],
    ['exportRois', [{ subject: 'demo', kind: 'png', out: join(db, 'x.png'), volume: secret }]],
    ['addTransform', [{ subject: 'demo', name: 'x', reference: secret, registration: { kind: 'header' } }]],
    [
      'addTransform',
      [
        {
          subject: 'demo',
          name: 'x',
          reference: join(db, 'demo', 'template.nii.gz'),
          registration: { kind: 'freesurfer', file: join(db, 'demo', 'r.dat'), subjectsDir: outside },
        },
      ],
    ],
    ['importFreeSurfer', [{ folder: outside }]],
  ];
}

/** A back end that records what reached it and answers with the method name. */
export function recordingBackend(db: string): { api: RoiStudioApi; calls: [string, unknown[]][] } {
  const calls: [string, unknown[]][] = [];
  const api = {} as Record<string, (...a: unknown[]) => Promise<unknown>>;
  for (const m of API_METHODS)
    api[m] = async (...a: unknown[]) => {
      calls.push([m, a]);
      if (m === 'getDatabase') return { path: db, source: 'argument', recent: [db] };
      return { method: m };
    };
  return { api: api as unknown as RoiStudioApi, calls };
}
