/**
 * The API's arguments, each defined once as a zod schema: the TypeScript types of shared/api.ts
 * are inferred from these, and both transports (Electron IPC and `serve`) check every call
 * against the same schemas (electron/api-arguments.ts). A field added, renamed or retyped here
 * therefore changes the callers' types and the run-time gate together. No schema transforms or
 * defaults: what a caller sends is exactly what the back end receives.
 */

import { z } from 'zod';
import { LIMITS, type NumberLimit } from './api-limits.js';
import type { FreeSurferImportOptions } from './freesurfer/import-subject.js';
import { checkRoiName } from './roi/roi-names.js';
import { isPlainName } from './subject-name.js';

// ---------------------------------------------------------------------------------------------
// Fields

const MAX_TEXT = 4096;
const text = z.string().max(MAX_TEXT);

/** A folder name inside the database (subject) or a transform name: never a path. */
export const name = text.min(1).refine(isPlainName, 'must be a plain name, not a path');
export const path = text.min(1).refine((s) => !s.includes('\0'), 'must not contain NUL');
/** A name for a new ROI follows the editor's rule; uniqueness needs the file (the back end's). */
const newRoiName = text.superRefine((s, ctx) => {
  const check = checkRoiName(s, []);
  if (!check.ok) ctx.addIssue({ code: 'custom', message: check.reason });
});
const pathData = z.array(z.string().max(10_000_000)).max(100_000);

/** A number within one of {@link LIMITS}. */
export function limited(limit: NumberLimit) {
  const n = z.number().min(limit.min).max(limit.max);
  return limit.integer ? n.int() : n;
}
export const height = limited(LIMITS.height);

// ---------------------------------------------------------------------------------------------
// Flatmaps and the 3-D view

export const pixelMapOptions = z.strictObject({
  height,
  /** depth samples; 1 = single sample at `depth` */
  thick: limited(LIMITS.thick),
  depth: limited(LIMITS.depth),
});
export type PixelMapOptions = z.infer<typeof pixelMapOptions>;

/** pycortex's Volume → vertex mappers the 3-D view offers (`cortex.get_mapper`). */
export const VERTEX_MAPPERS = ['nearest', 'line_nearest', 'trilinear'] as const;
export type VertexMapper = (typeof VERTEX_MAPPERS)[number];

// ---------------------------------------------------------------------------------------------
// Transforms

/** How a new transform's reference volume is aligned to the subject's anatomy. */
export const transformRegistration = z.discriminatedUnion('kind', [
  /** the reference is already in the anatomy's scanner space (coord = affine⁻¹) */
  z.strictObject({ kind: z.literal('header') }),
  /** a FreeSurfer register.dat or .lta, with the FreeSurfer subject it was computed for (default: the subject's name) */
  z.strictObject({
    kind: z.literal('freesurfer'),
    file: path,
    subjectsDir: path,
    fsSubject: name.optional(),
  }),
  /** an FSL FLIRT matrix from the reference to the subject's anatomicals/raw.nii.gz */
  z.strictObject({ kind: z.literal('fsl'), file: path }),
]);
export type TransformRegistration = z.infer<typeof transformRegistration>;

export const addTransformRequest = z.strictObject({
  subject: name,
  /** folder name under transforms/ */
  name,
  /** 3-D NIfTI whose voxel grid the transform addresses */
  reference: path,
  registration: transformRegistration,
  /** replace an existing transform of that name (it is kept in transforms-backups/) */
  replace: z.boolean().optional(),
});
export type AddTransformRequest = z.infer<typeof addTransformRequest>;

export const transformInput = z.enum(['reference', 'registration', 'subjects-dir']);
export type TransformInput = z.infer<typeof transformInput>;

// ---------------------------------------------------------------------------------------------
// Overlay edits

/** The layers whose shapes the editor draws: ROIs (closed), sulci (open lines), cutouts (closed). */
export const SHAPE_LAYERS = ['rois', 'sulci', 'cutouts'] as const;
export type ShapeLayer = (typeof SHAPE_LAYERS)[number];

const layer = z.enum(SHAPE_LAYERS).optional();
/** One edit, of a shape of the `rois` layer or of `layer` when given; paths are SVG path data in the overlay's frame. */
export const overlayEdit = z.discriminatedUnion('kind', [
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
export type OverlayEdit = z.infer<typeof overlayEdit>;
const edits = z.array(overlayEdit).max(100_000);

export const saveRequest = z.strictObject({
  subject: name,
  /** the revision the edits were made against; a different file on disk → STALE */
  baseRevision: text,
  edits,
  /** write to this file instead of the subject's overlays.svg ("save as") */
  saveAs: path.optional(),
});
export type SaveRequest = z.infer<typeof saveRequest>;

/** Unsaved edits kept beside the database, so a crash loses nothing. */
export const draft = z.strictObject({
  subject: name,
  database: path,
  savedAt: text,
  baseRevision: text,
  edits,
});
export type Draft = z.infer<typeof draft>;

// ---------------------------------------------------------------------------------------------
// Template tracing and exports

export const traceRequest = z.strictObject({
  subject: name,
  transform: name,
  template: path,
  /** label names or indices; all labels when absent */
  labels: z
    .array(z.union([text, z.number().int()]))
    .max(10_000)
    .optional(),
  /** trace the label as it is, speckle and all, instead of the cleaned label */
  raw: z.boolean().optional(),
});
export type TraceRequest = z.infer<typeof traceRequest>;

export const EXPORT_KINDS = ['json', 'csv', 'label', 'nifti', 'png', 'svg'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** The kinds that write one figure file rather than files into a folder. */
export function isFigureKind(kind: string): kind is 'png' | 'svg' {
  return kind === 'png' || kind === 'svg';
}

/** A figure's look; each option means what `quickflat.make_figure`'s does, defaults as there. */
export const figureLook = z.strictObject({
  /** a pycortex 1-D colour map (RdBu_r) */
  cmap: text.max(100).optional(),
  /** data range (1st/99th percentile, NaN as 0) */
  vmin: z.number().optional(),
  vmax: z.number().optional(),
  /** the data layer's opacity, 0–1 (1) */
  opacity: limited(LIMITS.opacity).optional(),
  /** flatmap height in pixels at 100 dpi (1024) */
  height: height.optional(),
  /** ROI outline width, SVG units (2) */
  linewidth: limited(LIMITS.linewidth).optional(),
  /** ROI and sulcus name size, SVG units (14pt = 18.67) */
  labelsize: limited(LIMITS.labelsize).optional(),
  /** average a pixel's samples ignoring NaN ones (false) */
  nanmean: z.boolean().optional(),
  withRois: z.boolean().optional(),
  withLabels: z.boolean().optional(),
  /** the overlay's sulci layer (false) */
  withSulci: z.boolean().optional(),
  withCurvature: z.boolean().optional(),
  withColorbar: z.boolean().optional(),
});
export type FigureLook = z.infer<typeof figureLook>;

export const exportRequest = z.strictObject({
  subject: name,
  kind: z.enum(EXPORT_KINDS),
  /** ROI names; all when absent */
  rois: z.array(text.min(1)).max(10_000).optional(),
  /** needed for nifti masks and figures */
  transform: name.optional(),
  /** figure data volume */
  volume: path.optional(),
  dpi: limited(LIMITS.dpi).optional(),
  /** how the figure looks: what the editor shows, and make_figure's options */
  figure: figureLook.optional(),
  /** folder (or file for png/svg) to write; chosen by the user */
  out: path,
});
export type ExportRequest = z.infer<typeof exportRequest>;

// ---------------------------------------------------------------------------------------------
// FreeSurfer import

/** The importer's options (shared/freesurfer/import-subject.ts), each optional over the API. */
const importOptions = {
  wm: z.enum(['smoothwm', 'white']).optional(),
  patch: name.optional(),
  flatOrientation: z.enum(['pycortex', 'as-is']).optional(),
  clean: z.boolean().optional(),
  labels: z.union([z.enum(['all', 'none', 'default']), z.array(name).max(1000)]).optional(),
};

/**
 * A FreeSurfer subject folder (`SUBJECTS_DIR/<subject>` with mri/ and surf/) imported into the
 * open database as pycortex's import_subj + import_flat would (options as the CLI's).
 */
export const freeSurferImportRequest = z.strictObject({
  folder: path,
  /** pycortex subject name (default: the folder's name) */
  name: name.optional(),
  ...importOptions,
  /** replace an existing subject (what the import does not write is carried over; the old folder is backed up) */
  replace: z.boolean().optional(),
});
export type FreeSurferImportRequest = z.infer<typeof freeSurferImportRequest>;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// The importer owns its options' type; this line stops compiling when the two part ways.
const _importOptionsAgree: Same<
  z.infer<z.ZodObject<typeof importOptions>>,
  Partial<FreeSurferImportOptions>
> = true;
