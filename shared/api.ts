/**
 * THE contract between the user interface and the back end (docs/ARCHITECTURE.md).
 * Electron's preload exposes exactly this interface over IPC; `serve` exposes it over HTTP;
 * renderer/api-client.ts implements it over either, so the UI cannot tell them apart.
 * Each method is one row of {@link API}: its arguments' zod schema (shared/api-schema.ts), which
 * both transports check every call against, and its result type; {@link RoiStudioApi} is
 * derived from that table, so a caller, the gate and the back end cannot disagree.
 *
 * Every method is async and either resolves or rejects with an {@link ApiError}-shaped value.
 * Typed arrays cross the process line as typed arrays (structured clone / binary HTTP frames).
 */

import { z } from 'zod';
import { LIMITS } from './api-limits.js';
import {
  addTransformRequest,
  draft,
  exportRequest,
  freeSurferImportRequest,
  height,
  limited,
  name,
  path,
  pixelMapOptions,
  saveRequest,
  traceRequest,
  transformInput,
  VERTEX_MAPPERS,
  type Draft,
  type VertexMapper,
} from './api-schema.js';
import type { Hemi, LabelEntry } from './subject.js';

// ---------------------------------------------------------------------------------------------
// Errors

export {
  API_ERROR_CODES,
  ApiError,
  isApiErrorShape,
  toApiError,
  type ApiErrorCode,
  type ApiErrorShape,
} from './api-errors.js';

// ---------------------------------------------------------------------------------------------
// Database and subjects

export type DatabaseSource = 'argument' | 'opened' | 'env' | 'pycortex-config' | 'demo';

export interface DatabaseInfo {
  /** absolute path of the filestore (folder with one folder per subject) */
  path: string;
  source: DatabaseSource;
  /** most recent first, the current one included */
  recent: string[];
}

export interface TransformInfo {
  name: string;
  /** reference volume shape in NIfTI order (nx, ny, nz) */
  shape: [number, number, number];
  /** reference voxel → world mm, row-major 4×4 */
  affine: number[][];
}

export interface TemplateInfo {
  /** display name, e.g. "prf-visualrois" */
  name: string;
  /** absolute path */
  path: string;
  kind: 'volume' | 'vertex';
  /** label table found next to it (`<name>.mgz.ctab`, `<name>.ctab`), if any */
  labels?: LabelEntry[];
}

export interface SubjectSummary {
  name: string;
  /** surface types present for both hemispheres */
  surfaces: string[];
  transforms: TransformInfo[];
  templates: TemplateInfo[];
  hasOverlay: boolean;
  /** no overlays.svg but a legacy `rois.svg`, which opens (and is saved) as pycortex converts it */
  hasLegacyRois?: boolean;
  /** `overlays.roi-studio.json` beside it: ROIs that can be re-drawn after the flatmap changed */
  hasSidecar: boolean;
  /** text of warning.txt, if any */
  warning?: string;
  /** why the subject cannot be opened, if it cannot (listed anyway) */
  problem?: string;
}

// ---------------------------------------------------------------------------------------------
// Flat geometry and rasters

/** The subject's flat surface in the SVG frame of its overlays.svg: all the UI needs to draw and hit-test. */
export interface FlatGeometry {
  subject: string;
  nL: number;
  nR: number;
  /** root width/height of overlays.svg (or of the one that would be created) */
  svgWidth: number;
  svgHeight: number;
  /** [xmin, xmax, ymin, ymax] of the merged nudged flat, float32 values */
  extents: [number, number, number, number];
  /** every merged vertex in SVG coordinates, interleaved x, y (pycortex's float32 normalisation) */
  svgXY: Float32Array;
  /** every merged vertex normalised to [0, 1] (u, v with y up) in float32: membership's exact test points */
  unitXY: Float32Array;
  /** 1 = vertex in a flat triangle */
  valid: Uint8Array;
  /** merged flat triangles (right offset by nL) */
  triangles: Uint32Array;
  /** cut vertices adjacent (in the fiducial/wm mesh) to each valid vertex, CSR: for membership's one-ring rule */
  cutRingIndptr: Uint32Array;
  cutRingIndices: Uint32Array;
  /** the two boundary loops (SVG coordinates, interleaved), used as the clip outline */
  boundary: Float32Array[];
}

/** A raster in quickflat orientation: row 0 at the top, `width × height` pixels, C order. */
export interface RasterSize {
  width: number;
  height: number;
}

/** Per pixel: the nearest valid flat vertex (merged index), or -1 off the brain. */
export interface VertexMap extends RasterSize {
  vertex: Int32Array;
}

export { PIXEL_BLOCK } from './flatmap/pixel-block.js';

/**
 * Per pixel, the voxels pycortex's `nearest` sampler reads (flat voxel index i + nx·(j + ny·k))
 * and how many of the `thick` samples fell in each (pycortex's weight = samples/thick): the rows
 * of pycortex's sparse pixel × voxel matrix. Rows are stored grouped by their length within
 * blocks of {@link PIXEL_BLOCK} pixels, so a flatmap is composed with fixed-length inner loops
 * (no per-row branch to mispredict) while its writes stay within one cache-sized block.
 * `mid` is the single mid-depth voxel per pixel (or -1), for crisp label rendering.
 */
export interface PixelMap extends RasterSize {
  subject: string;
  transform: string;
  thick: number;
  depth: number;
  /**
   * The pixels (row-major index, row 0 at the top) that read at least one voxel, block by block
   * (pixels [b·PIXEL_BLOCK, (b+1)·PIXEL_BLOCK) form block b), within a block grouped by how
   * many distinct voxels they read (n = 1, 2, …), image order within a group. A pixel not
   * listed is NaN.
   */
  pixels: Uint32Array;
  /** how many listed pixels of block b have n entries: `lengths[b·(thick+1) + n]` (0 for n = 0) */
  lengths: Uint32Array;
  /** each listed pixel's voxels, contiguous, in `pixels` order: flat index i + nx·(j + ny·k) */
  voxels: Int32Array;
  /** how many of the pixel's `thick` samples fell in that voxel (1…thick) */
  samples: Uint8Array;
  /** the voxel at `depth` per pixel, −1 where the pixel has no samples */
  mid: Int32Array;
}

export interface CurvatureImage extends RasterSize {
  /** pycortex's make_figure curvature grey level (0.375 sulci / 0.625 gyri), NaN off the brain */
  value: Float32Array;
}

export interface VolumeData {
  /** the file this came from */
  path: string;
  dims: [number, number, number];
  /** values in NIfTI file order (scl_slope/inter applied), float32 */
  values: Float32Array;
  /** true when every finite value is an integer (a label template) */
  integerValued: boolean;
  labels?: LabelEntry[];
  min: number;
  max: number;
}

export interface VertexData {
  path: string;
  /** one value per merged vertex (left then right) */
  values: Float32Array;
  integerValued: boolean;
  labels?: LabelEntry[];
  min: number;
  max: number;
}

// ---------------------------------------------------------------------------------------------
// 3-D view

/** What the 3-D view draws: both hemispheres merged (left then right), all vertices of the mesh. */
export interface SurfaceMesh {
  subject: string;
  nL: number;
  nR: number;
  /** merged fiducial (wm) triangles, right offset by nL */
  triangles: Uint32Array;
  /** pycortex's fiducial, N×3: the fiducial files, else (wm + pia)/2 */
  fiducial: Float32Array;
  /** the inflated surfaces nudged apart as pycortex's viewer shows them; absent without inflated_{lh,rh} */
  inflated?: Float32Array;
  /** the nudged flat as a morph target, N×3 (see shared/mesh/unfold.ts) */
  flat: Float32Array;
  /** 1 = vertex in a flat triangle */
  valid: Uint8Array;
  /** one value per vertex, as the flatmap's curvature background reads it */
  curvature: Float32Array;
}

/** A mapper as a sparse vertex × voxel matrix (CSR); voxel = i + nx·(j + ny·k). */
export interface VertexSampling {
  subject: string;
  transform: string;
  mapper: VertexMapper;
  indptr: Uint32Array;
  voxels: Int32Array;
  weights: Float32Array;
}

// ---------------------------------------------------------------------------------------------
// Overlay (overlays.svg)

export interface CompatIssue {
  /** stable machine code, e.g. 'ABSOLUTE_HV', 'Z_THEN_RELATIVE_M', 'UNSUPPORTED_COMMAND', 'SHORT_TOKEN', 'TRANSFORM', 'DUPLICATE_NAME', 'LAYER_WITHOUT_SUBLAYERS', 'TEXT_WITHOUT_XY', 'WHITESPACE' */
  code: string;
  message: string;
  /** true when "normalise" fixes it without changing what the user sees */
  fixable: boolean;
}

export interface OverlayPath {
  /** `id` attribute, if any */
  id?: string;
  /** the `d` attribute as in the file */
  d: string;
}

export interface OverlayShape {
  name: string;
  paths: OverlayPath[];
  visible: boolean;
  locked: boolean;
  /** where pycortex would read this shape differently from SVG semantics, or fail */
  issues: CompatIssue[];
}

export interface OverlayLayer {
  name: string;
  visible: boolean;
  shapes: OverlayShape[];
}

export interface OverlaySnapshot {
  subject: string;
  /** absolute path of overlays.svg */
  path: string;
  /** false when the file does not exist yet (it will be created on first save) */
  exists: boolean;
  /**
   * ROIs of the sidecar (overlays.roi-studio.json) that this overlay lacks or whose vertex set
   * no longer matches the current flatmap: what "Restore ROIs from sidecar" would re-draw
   */
  sidecarRestore?: string[];
  /** the legacy rois.svg the ROIs were read from (converted as pycortex does) while overlays.svg does not exist */
  legacyRois?: string;
  /** content hash of the file as read; pass back on save to detect external changes */
  revision: string;
  width: number;
  height: number;
  /** top-level layers in file order; `rois` and `sulci` among them */
  layers: OverlayLayer[];
  /** file-level issues (e.g. a top-level layer without shapes/labels) */
  issues: CompatIssue[];
}

export interface SaveResult {
  snapshot: OverlaySnapshot;
  /** backup written before replacing the file, if the file existed */
  backup?: string;
}

/** Vertex membership of one ROI, hemisphere-local indices, sorted (as `rois --json`). */
export interface RoiVertices {
  lh: number[];
  rh: number[];
}

// ---------------------------------------------------------------------------------------------
// Template tracing and exports

export interface TracedRoi {
  name: string;
  labelIndex: number;
  /** path data in the SVG frame (safe subset) */
  paths: string[];
  /** Jaccard between the traced ROI's vertices and the label's mid-depth vertices */
  jaccard: number;
  /** that Jaccard for the cleaned and for the raw outline, whichever `paths` holds */
  jaccards: { clean: number; raw: number };
}

/** An ROI re-drawn from the sidecar's vertex set on the subject's current flatmap. */
export interface RestoredRoi {
  name: string;
  /** path data in the SVG frame (safe subset), one per hemisphere */
  paths: string[];
  /** Jaccard between the re-drawn ROI's vertices and the stored vertex set */
  jaccard: number;
}

export interface ExportResult {
  files: string[];
}

export interface FreeSurferImportResult {
  subject: string;
  path: string;
  vertices: { lh: number; rh: number };
  templates: string[];
  /** entries carried over from a replaced subject (paths in the subject; folders end in `/`) */
  kept: string[];
  /** entries of the replaced subject written anew with other content (the old ones are in `backup`) */
  replaced: string[];
  /** where the replaced subject was moved, whole */
  backup?: string;
}

/** The running import's stage, `step` of `steps` (1-based); null when none runs. */
export interface ImportProgress {
  stage: string;
  step: number;
  steps: number;
}

// ---------------------------------------------------------------------------------------------
// The interface

/** One method: the schema its arguments must pass, and (as a type only) what it resolves to. */
export interface ApiMethodSpec<A extends z.ZodTuple, R> {
  args: A;
  /** never set: carries the result type */
  readonly result?: R;
}
const resolvesTo =
  <R>() =>
  <A extends z.ZodTuple>(args: A): ApiMethodSpec<A, R> => ({ args });

const subject = name;
const transform = name;

/** Every method, its arguments and its result: the interface below is derived from this table. */
export const API = {
  getDatabase: resolvesTo<DatabaseInfo>()(z.tuple([])),
  /** open another filestore (a folder chosen by the user) */
  openDatabase: resolvesTo<DatabaseInfo>()(z.tuple([path])),
  /** desktop only: a native folder picker; resolves null when cancelled or in the browser */
  chooseDatabaseFolder: resolvesTo<string | null>()(z.tuple([])),
  listSubjects: resolvesTo<SubjectSummary[]>()(z.tuple([])),

  getFlatGeometry: resolvesTo<FlatGeometry>()(z.tuple([subject])),
  getCurvature: resolvesTo<CurvatureImage>()(z.tuple([subject, height])),
  getVertexMap: resolvesTo<VertexMap>()(z.tuple([subject, height])),
  getPixelMap: resolvesTo<PixelMap>()(z.tuple([subject, transform, pixelMapOptions])),
  /** a NIfTI volume (inside the subject, or a file the user chose) checked against the transform; `frame` of a 4-D one */
  loadVolume: resolvesTo<VolumeData>()(z.tuple([subject, transform, path, limited(LIMITS.frame).optional()])),
  /** a per-vertex file (FreeSurfer .mgh/.mgz per hemisphere, or .npz left/right) */
  loadVertexData: resolvesTo<VertexData>()(z.tuple([subject, path])),
  /** desktop only: a native file picker for templates; null when cancelled or in the browser */
  chooseTemplateFile: resolvesTo<string | null>()(z.tuple([])),
  /** write transforms/<name>/{matrices.xfm,reference.nii.gz} as pycortex would save them */
  addTransform: resolvesTo<TransformInfo>()(z.tuple([addTransformRequest])),
  /** desktop only: a native picker for one input of addTransform; null when cancelled or in the browser */
  chooseTransformInput: resolvesTo<string | null>()(z.tuple([transformInput])),
  getSurfaceMesh: resolvesTo<SurfaceMesh>()(z.tuple([subject])),
  getVertexSampling: resolvesTo<VertexSampling>()(z.tuple([subject, transform, z.enum(VERTEX_MAPPERS)])),

  loadOverlay: resolvesTo<OverlaySnapshot>()(z.tuple([subject])),
  saveOverlay: resolvesTo<SaveResult>()(z.tuple([saveRequest])),
  /** membership of ROIs as saved in the subject's overlay (or the given overlay file) */
  getRoiVertices: resolvesTo<Record<string, RoiVertices>>()(z.tuple([subject, path.optional()])),

  traceLabels: resolvesTo<TracedRoi[]>()(z.tuple([traceRequest])),
  /** re-draw the ROIs recorded in the subject's sidecar (after `import_flat` or a rotation) */
  restoreFromSidecar: resolvesTo<RestoredRoi[]>()(z.tuple([subject])),
  exportRois: resolvesTo<ExportResult>()(z.tuple([exportRequest])),

  importFreeSurfer: resolvesTo<FreeSurferImportResult>()(z.tuple([freeSurferImportRequest])),
  getImportProgress: resolvesTo<ImportProgress | null>()(z.tuple([])),

  saveDraft: resolvesTo<void>()(z.tuple([draft])),
  /** (database, subject) */
  loadDraft: resolvesTo<Draft | null>()(z.tuple([path, subject])),
  /** (database, subject) */
  clearDraft: resolvesTo<void>()(z.tuple([path, subject])),
};

export type ApiMethod = keyof typeof API;
/** What a call of `M` passes: inferred from its schema, so the type and the run-time check agree. */
export type ApiArguments<M extends ApiMethod> = z.infer<(typeof API)[M]['args']>;
export type ApiResult<M extends ApiMethod> =
  (typeof API)[M] extends ApiMethodSpec<z.ZodTuple, infer R> ? R : never;

/** The API as the UI calls it and the back end implements it. */
export type RoiStudioApi = { [M in ApiMethod]: (...args: ApiArguments<M>) => Promise<ApiResult<M>> };

/** Every method name, for transports that dispatch by name (IPC channels, HTTP routes). */
export const API_METHODS = Object.keys(API) as readonly ApiMethod[];

/** The HTTP header that carries serve's session token (HTTP header names ignore case). */
export const API_TOKEN_HEADER = 'x-roi-studio-token';

export type {
  AddTransformRequest,
  Draft,
  ExportKind,
  ExportRequest,
  FigureLook,
  FreeSurferImportRequest,
  OverlayEdit,
  PixelMapOptions,
  SaveRequest,
  ShapeLayer,
  TraceRequest,
  TransformInput,
  TransformRegistration,
  VertexMapper,
} from './api-schema.js';
export { SHAPE_LAYERS, VERTEX_MAPPERS } from './api-schema.js';
export type { Hemi, LabelEntry };
