import { create } from 'zustand';
import type {
  CurvatureImage,
  DatabaseInfo,
  Draft,
  FlatGeometry,
  OverlaySnapshot,
  PixelMap,
  RoiVertices,
  ShapeLayer,
  SubjectSummary,
  TemplateInfo,
  VertexData,
  VertexMap,
  VolumeData,
} from '../../shared/api.js';
import type { ToolId } from '../canvas/tools/tool-types.js';
import type { History } from './history.js';
import { EMPTY_HISTORY, record, redo, undo } from './history.js';
import type { RoiDocument } from './roi-document.js';
import { EMPTY_DOCUMENT } from './roi-document.js';
import type { TraceSummaryRow } from './traced-rois.js';

/**
 * The editor's state in one zustand store: what is open (session), the ROI document with its
 * history, the tool and selection, and display settings. Synchronous changes only; anything
 * that talks to the back end lives in session-actions.ts.
 */

export interface SubjectData {
  geometry: FlatGeometry;
  curvature: CurvatureImage | null;
  vertexMap: VertexMap | null;
}

/** A template on the flatmap: a volume through the pixel map, or per-vertex data through the vertex map. */
export type TemplateData =
  | { kind: 'volume'; info: TemplateInfo; volume: VolumeData; pixelMap: PixelMap }
  | { kind: 'vertex'; info: TemplateInfo; vertexData: VertexData; vertexMap: VertexMap };

export interface TemplateDisplay {
  opacity: number;
  colormap: string;
  vmin: number;
  vmax: number;
  /** "show only label N" */
  onlyLabel: number | null;
  /** draw as labels (true) or continuous data (false); null = decide from the values */
  asLabels: boolean | null;
}

export interface Problem {
  title: string;
  message: string;
}

export type Rotation = 0 | 90 | 180 | 270;

export interface ScreenBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Flatmap rasters are fetched at this height (pycortex's default figure height)… */
export const RASTER_HEIGHT = 1024;
/** …and again at this one once the view is zoomed beyond 2×, so the image stays sharp. */
export const SHARP_HEIGHT = 2048;

export interface EditorState {
  database: DatabaseInfo | null;
  subjects: SubjectSummary[];
  subject: string | null;
  transform: string | null;
  templatePath: string | null;

  subjectData: SubjectData | null;
  template: TemplateData | null;
  /** the height the curvature, vertex map and template rasters are at */
  rasterHeight: number;
  display: TemplateDisplay;
  showSulci: boolean;
  /** cut ROI outlines and sulci at the cortex's edge, as pycortex's figures do */
  clipToCortex: boolean;
  showRoiLabels: boolean;
  /** outlines in per-ROI colours instead of pycortex's white */
  showRoiColours: boolean;
  rotation: Rotation;
  /** bumped to ask the canvas to fit the flatmap to the window */
  fitRequest: number;
  /** a new object asks the canvas to zoom about the view's centre by `factor` */
  zoomRequest: { factor: number } | null;
  /** a new object asks the canvas to centre this SVG point (a click on the 3-D view) */
  centreRequest: { x: number; y: number } | null;

  /** overlays.svg as last read or saved */
  overlay: OverlaySnapshot | null;
  /** ROIs, sulci and cutouts of the overlay (each shape knows its layer) */
  doc: RoiDocument;
  /** the document as last loaded or saved: dirty = doc !== savedDoc */
  savedDoc: RoiDocument;
  history: History;

  tool: ToolId;
  /** the layer drawn into, listed and edited: chosen in the ROI panel */
  drawLayer: ShapeLayer;
  selectedKey: string | null;
  hiddenKeys: ReadonlySet<string>;
  /** a pointer gesture is under way: undo waits */
  gestureActive: boolean;
  /** a finished outline waiting for its name */
  pendingRing: number[] | null;
  /** where that outline is on screen (client px), so its name is asked beside it */
  pendingBox: ScreenBox | null;

  busy: string | null;
  problem: Problem | null;
  conflict: string | null;
  notice: string | null;
  /** unsaved edits found for this subject, offered back */
  draftOffer: Draft | null;
  /** the last "Add all labels": per label, the ROI and its Jaccard */
  traceSummary: TraceSummaryRow[] | null;
  /** "Outline as ROI" / "Add all labels" trace the label as it is instead of cleaning speckle */
  traceRaw: boolean;
}

export const INITIAL_STATE: EditorState = {
  database: null,
  subjects: [],
  subject: null,
  transform: null,
  templatePath: null,
  subjectData: null,
  template: null,
  rasterHeight: RASTER_HEIGHT,
  display: { opacity: 0.7, colormap: 'magma', vmin: 0, vmax: 1, onlyLabel: null, asLabels: null },
  showSulci: true,
  clipToCortex: false,
  showRoiLabels: true,
  showRoiColours: false,
  rotation: 0,
  fitRequest: 0,
  zoomRequest: null,
  centreRequest: null,
  overlay: null,
  doc: EMPTY_DOCUMENT,
  savedDoc: EMPTY_DOCUMENT,
  history: EMPTY_HISTORY,
  tool: 'freehand',
  drawLayer: 'rois',
  selectedKey: null,
  hiddenKeys: new Set(),
  gestureActive: false,
  pendingRing: null,
  pendingBox: null,
  busy: null,
  problem: null,
  conflict: null,
  notice: null,
  draftOffer: null,
  traceSummary: null,
  traceRaw: false,
};

export const useEditor = create<EditorState>()(() => INITIAL_STATE);

export const editor = {
  get: useEditor.getState,
  set: useEditor.setState,
};

export function isDirty(s: Pick<EditorState, 'doc' | 'savedDoc'>): boolean {
  return s.doc !== s.savedDoc;
}

/** Apply one user command to the document, recorded for undo. */
export function commit(label: string, doc: RoiDocument, selectKey?: string | null): void {
  const s = editor.get();
  if (doc === s.doc) return;
  editor.set({
    doc,
    history: record(s.history, { label, before: s.doc, after: doc }),
    ...(selectKey !== undefined ? { selectedKey: selectKey } : {}),
    notice: label,
  });
}

export function undoEdit(): boolean {
  const s = editor.get();
  if (s.gestureActive) {
    editor.set({ notice: 'Finish the current stroke before undoing.' });
    return false;
  }
  const step = undo(s.history);
  if (!step) return false;
  editor.set({
    doc: step.doc,
    history: step.history,
    notice: `Undid ${step.label}${savedMark(step.doc)}`,
    ...keepSelection(step.doc),
  });
  return true;
}

export function redoEdit(): boolean {
  const s = editor.get();
  if (s.gestureActive) return false;
  const step = redo(s.history);
  if (!step) return false;
  editor.set({
    doc: step.doc,
    history: step.history,
    notice: `Redid ${step.label}${savedMark(step.doc)}`,
    ...keepSelection(step.doc),
  });
  return true;
}

/** The history's saved state is the document last saved: stepping onto it says so. */
function savedMark(doc: RoiDocument): string {
  return doc === editor.get().savedDoc ? ' (as saved)' : '';
}

function keepSelection(doc: RoiDocument): Partial<EditorState> {
  const key = editor.get().selectedKey;
  return key !== null && !doc.rois.some((r) => r.key === key) ? { selectedKey: null } : {};
}

export function setTool(tool: ToolId): void {
  editor.set({ tool, pendingRing: null });
}

export function toggleHidden(key: string): void {
  const hidden = new Set(editor.get().hiddenKeys);
  if (hidden.has(key)) hidden.delete(key);
  else hidden.add(key);
  editor.set({ hiddenKeys: hidden });
}

export function showProblem(title: string, error: unknown): void {
  editor.set({ problem: { title, message: errorMessage(error) }, busy: null });
}

export function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const e = error as { message: unknown; file?: unknown };
    const file = typeof e.file === 'string' && !String(e.message).includes(e.file) ? ` (${e.file})` : '';
    return `${String(e.message)}${file}`;
  }
  return String(error);
}

/** Exact memberships of the ROIs as saved (from the back end), refreshed after load and save. */
export const useSavedMembership = create<{
  byName: Record<string, RoiVertices> | null;
}>()(() => ({ byName: null }));
