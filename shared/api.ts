/**
 * THE contract between the user interface and the back end (docs/ARCHITECTURE.md).
 * Electron's preload exposes exactly this interface over IPC; `serve` exposes it over HTTP;
 * renderer/api-client.ts implements it over either, so the UI cannot tell them apart.
 *
 * Every method is async and either resolves or rejects with an {@link ApiError}-shaped value.
 * Typed arrays cross the process line as typed arrays (structured clone / binary HTTP frames).
 */

import type { FreeSurferImportOptions } from './freesurfer/import-subject.js';
import type { Hemi, LabelEntry } from './subject.js';

// ---------------------------------------------------------------------------------------------
// Errors

export type ApiErrorCode =
  | 'BAD_REQUEST' // an argument failed validation
  | 'NOT_FOUND' // no such database, subject, transform, file
  | 'FORBIDDEN' // a path outside the opened database and the files the user chose
  | 'UNAUTHORIZED' // serve: missing or wrong token
  | 'INVALID_FILE' // a file exists but cannot be read (names the file and the problem)
  | 'SHAPE_MISMATCH' // a template's shape differs from the transform's reference
  | 'STALE' // overlays.svg changed on disk since it was read
  | 'LOCKED' // another writer holds the subject's overlay lock
  | 'IO' // the disk refused (read-only, full, permissions)
  | 'INTERNAL';

export interface ApiErrorShape {
  code: ApiErrorCode;
  message: string;
  /** the file the error is about, when there is one */
  file?: string;
}

export class ApiError extends Error implements ApiErrorShape {
  constructor(
    public readonly code: ApiErrorCode,
    message: string,
    public readonly file?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  toJSON(): ApiErrorShape {
    return { code: this.code, message: this.message, ...(this.file ? { file: this.file } : {}) };
  }
}

export function isApiErrorShape(v: unknown): v is ApiErrorShape {
  return typeof v === 'object' && v !== null && typeof (v as ApiErrorShape).code === 'string';
}

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

/** How a new transform's reference volume is aligned to the subject's anatomy. */
export type TransformRegistration =
  /** the reference is already in the anatomy's scanner space (coord = affine⁻¹) */
  | { kind: 'header' }
  /** a FreeSurfer register.dat or .lta, with the FreeSurfer subject it was computed for (default: the subject's name) */
  | { kind: 'freesurfer'; file: string; subjectsDir: string; fsSubject?: string }
  /** an FSL FLIRT matrix from the reference to the subject's anatomicals/raw.nii.gz */
  | { kind: 'fsl'; file: string };

export interface AddTransformRequest {
  subject: string;
  /** folder name under transforms/ */
  name: string;
  /** 3-D NIfTI whose voxel grid the transform addresses */
  reference: string;
  registration: TransformRegistration;
  /** replace an existing transform of that name (it is kept in transforms-backups/) */
  replace?: boolean;
}

export type TransformInput = 'reference' | 'registration' | 'subjects-dir';

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

export interface PixelMapOptions {
  height: number;
  /** depth samples; 1 = single sample at `depth` */
  thick: number;
  depth: number;
}

/** Pixels per block of a {@link PixelMap} (a 256 KiB float image tile). */
export const PIXEL_BLOCK = 1 << 16;

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

/** pycortex's Volume → vertex mappers the 3-D view offers (`cortex.get_mapper`). */
export const VERTEX_MAPPERS = ['nearest', 'line_nearest', 'trilinear'] as const;
export type VertexMapper = (typeof VERTEX_MAPPERS)[number];

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

/** Edits the renderer sends on save; paths are SVG path data in the overlay's frame. */
/** The layers whose shapes the editor draws: ROIs (closed), sulci (open lines), cutouts (closed). */
export type ShapeLayer = 'rois' | 'sulci' | 'cutouts';

/** Each edit names a shape of the `rois` layer, or of `layer` when given. */
export type OverlayEdit = (
  | { kind: 'add'; name: string; paths: string[]; label?: boolean }
  | { kind: 'replace'; name: string; paths: string[]; label?: boolean }
  | { kind: 'rename'; from: string; to: string }
  | { kind: 'delete'; name: string }
  | { kind: 'normalise'; name: string }
) & { layer?: ShapeLayer };

export interface SaveRequest {
  subject: string;
  /** the revision the edits were made against; a different file on disk → STALE */
  baseRevision: string;
  edits: OverlayEdit[];
  /** write to this file instead of the subject's overlays.svg ("save as") */
  saveAs?: string;
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

export interface TraceRequest {
  subject: string;
  transform: string;
  template: string;
  /** label names or indices; all labels when absent */
  labels?: (string | number)[];
  /** trace the label as it is, speckle and all, instead of the cleaned label */
  raw?: boolean;
}

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

export type ExportKind = 'json' | 'csv' | 'label' | 'nifti' | 'png' | 'svg';

export interface ExportRequest {
  subject: string;
  kind: ExportKind;
  /** ROI names; all when absent */
  rois?: string[];
  /** needed for nifti masks and figures */
  transform?: string;
  /** figure data volume and options */
  volume?: string;
  dpi?: number;
  /** how the figure looks: what the editor shows, and make_figure's options */
  figure?: FigureLook;
  /** folder (or file for png/svg) to write; chosen by the user */
  out: string;
}

/** A figure's look; each option means what `quickflat.make_figure`'s does, defaults as there. */
export interface FigureLook {
  /** a pycortex 1-D colour map (RdBu_r) */
  cmap?: string;
  /** data range (1st/99th percentile, NaN as 0) */
  vmin?: number;
  vmax?: number;
  /** the data layer's opacity, 0–1 (1) */
  opacity?: number;
  /** flatmap height in pixels at 100 dpi (1024) */
  height?: number;
  /** ROI outline width, SVG units (2) */
  linewidth?: number;
  /** ROI and sulcus name size, SVG units (14pt = 18.67) */
  labelsize?: number;
  /** average a pixel's samples ignoring NaN ones (false) */
  nanmean?: boolean;
  withRois?: boolean;
  withLabels?: boolean;
  /** the overlay's sulci layer (false) */
  withSulci?: boolean;
  withCurvature?: boolean;
  withColorbar?: boolean;
}

export interface ExportResult {
  files: string[];
}

export interface Draft {
  subject: string;
  database: string;
  savedAt: string;
  baseRevision: string;
  edits: OverlayEdit[];
}

/**
 * A FreeSurfer subject folder (`SUBJECTS_DIR/<subject>` with mri/ and surf/) imported into the
 * open database as pycortex's import_subj + import_flat would (options as the CLI's).
 */
export interface FreeSurferImportRequest extends Partial<FreeSurferImportOptions> {
  folder: string;
  /** pycortex subject name (default: the folder's name) */
  name?: string;
  /** replace an existing subject (its overlays.svg and sidecar are kept in overlays-backups/) */
  replace?: boolean;
}

export interface FreeSurferImportResult {
  subject: string;
  path: string;
  vertices: { lh: number; rh: number };
  templates: string[];
  /** files kept from a replaced subject */
  kept: string[];
}

/** The running import's stage, `step` of `steps` (1-based); null when none runs. */
export interface ImportProgress {
  stage: string;
  step: number;
  steps: number;
}

// ---------------------------------------------------------------------------------------------
// The interface

export interface RoiStudioApi {
  getDatabase(): Promise<DatabaseInfo>;
  /** open another filestore (a folder chosen by the user) */
  openDatabase(path: string): Promise<DatabaseInfo>;
  /** desktop only: a native folder picker; resolves null when cancelled or in the browser */
  chooseDatabaseFolder(): Promise<string | null>;
  listSubjects(): Promise<SubjectSummary[]>;

  getFlatGeometry(subject: string): Promise<FlatGeometry>;
  getCurvature(subject: string, height: number): Promise<CurvatureImage>;
  getVertexMap(subject: string, height: number): Promise<VertexMap>;
  getPixelMap(subject: string, transform: string, options: PixelMapOptions): Promise<PixelMap>;
  /** a NIfTI volume (inside the subject, or a file the user chose) checked against the transform */
  loadVolume(subject: string, transform: string, path: string, frame?: number): Promise<VolumeData>;
  /** a per-vertex file (FreeSurfer .mgh/.mgz per hemisphere, or .npz left/right) */
  loadVertexData(subject: string, path: string): Promise<VertexData>;
  /** desktop only: a native file picker for templates; null when cancelled or in the browser */
  chooseTemplateFile(): Promise<string | null>;
  /** write transforms/<name>/{matrices.xfm,reference.nii.gz} as pycortex would save them */
  addTransform(request: AddTransformRequest): Promise<TransformInfo>;
  /** desktop only: a native picker for one input of {@link addTransform}; null when cancelled or in the browser */
  chooseTransformInput(kind: TransformInput): Promise<string | null>;
  getSurfaceMesh(subject: string): Promise<SurfaceMesh>;
  getVertexSampling(subject: string, transform: string, mapper: VertexMapper): Promise<VertexSampling>;

  loadOverlay(subject: string): Promise<OverlaySnapshot>;
  saveOverlay(request: SaveRequest): Promise<SaveResult>;
  /** membership of ROIs as saved in the subject's overlay (or the given overlay file) */
  getRoiVertices(subject: string, overlay?: string): Promise<Record<string, RoiVertices>>;

  traceLabels(request: TraceRequest): Promise<TracedRoi[]>;
  /** re-draw the ROIs recorded in the subject's sidecar (after `import_flat` or a rotation) */
  restoreFromSidecar(subject: string): Promise<RestoredRoi[]>;
  exportRois(request: ExportRequest): Promise<ExportResult>;

  importFreeSurfer(request: FreeSurferImportRequest): Promise<FreeSurferImportResult>;
  getImportProgress(): Promise<ImportProgress | null>;

  saveDraft(draft: Draft): Promise<void>;
  loadDraft(database: string, subject: string): Promise<Draft | null>;
  clearDraft(database: string, subject: string): Promise<void>;
}

export type ApiMethod = keyof RoiStudioApi;

/** The HTTP header that carries serve's session token (HTTP header names ignore case). */
export const API_TOKEN_HEADER = 'x-roi-studio-token';

/** Every method name, for transports that dispatch by name (IPC channels, HTTP routes). */
export const API_METHODS = [
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

export type { Hemi, LabelEntry };
