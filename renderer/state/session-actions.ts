import type { CurvatureImage, OverlaySnapshot, SubjectSummary, TemplateInfo } from '../../shared/api.js';
import { isApiErrorShape } from '../../shared/api.js';
import { api } from './api-holder.js';
import {
  editor,
  errorMessage,
  isDirty,
  RASTER_HEIGHT,
  SHARP_HEIGHT,
  showProblem,
  useSavedMembership,
} from './editor-store.js';
import type { TemplateData } from './editor-store.js';
import { EMPTY_HISTORY, mapHistory } from './history.js';
import {
  applyEdits,
  documentAfterSave,
  documentFromSnapshot,
  documentToEdits,
  EMPTY_DOCUMENT,
  layerOf,
  savedShapes,
  rebaseOnSave,
} from './roi-document.js';
import type { RoiDocument } from './roi-document.js';
import { recallView, rememberView } from './session-memory.js';
import { suggestRange } from './value-range.js';

/**
 * Everything the editor asks of the back end: opening databases, subjects and templates,
 * saving, reloading, drafts. Each rejection becomes a visible message, never a blank screen.
 */

export async function startEditor(): Promise<void> {
  editor.set({ busy: 'Opening the database…' });
  try {
    const database = await api().getDatabase();
    editor.set({ database });
    await refreshSubjects();
  } catch (e) {
    showProblem('No database is open', e);
  }
}

export async function refreshSubjects(): Promise<void> {
  editor.set({ busy: 'Listing subjects…' });
  const subjects = await api().listSubjects();
  editor.set({ subjects, busy: null });
  const openable = subjects.filter((s) => !s.problem);
  // a database with a single subject (the demo, a lab's one subject) opens straight away
  if (openable.length === 1) {
    await openSubject(openable[0].name);
  }
}

export function confirmDiscard(what: string): boolean {
  const s = editor.get();
  if (!isDirty(s)) return true;
  return window.confirm(`You have unsaved ROI changes. ${what} anyway and discard them?`);
}

export async function openDatabase(path: string): Promise<void> {
  if (!confirmDiscard('Open another database')) return;
  editor.set({ busy: 'Opening the database…', problem: null });
  try {
    const database = await api().openDatabase(path);
    resetSubject();
    editor.set({ database, subjects: [] });
    await refreshSubjects();
  } catch (e) {
    showProblem(`Could not open ${path}`, e);
  }
}

export async function chooseDatabase(): Promise<string | null> {
  try {
    return await api().chooseDatabaseFolder();
  } catch {
    return null;
  }
}

/** The overlay as read from disk becomes the document (ROIs, sulci, cutouts), its saved state and what starts hidden. */
function adoptOverlay(subject: string, snapshot: OverlaySnapshot): void {
  const doc = documentFromSnapshot(snapshot);
  editor.set({
    overlay: snapshot,
    doc,
    savedDoc: doc,
    hiddenKeys: hiddenInFile(snapshot, doc),
  });
  void refreshMembership(subject);
}

/** Shapes hidden in the file (display:none, e.g. from Inkscape) start hidden here too; membership ignores it. */
function hiddenInFile(snapshot: OverlaySnapshot, doc: RoiDocument): Set<string> {
  const hidden = new Set(
    snapshot.layers.flatMap((l) => l.shapes.filter((s) => !s.visible).map((s) => `${l.name}\0${s.name}`)),
  );
  return new Set(doc.rois.filter((r) => hidden.has(`${layerOf(r)}\0${r.name}`)).map((r) => r.key));
}

/** Exact saved memberships for the ROI list (the live count covers edited ROIs meanwhile). */
async function refreshMembership(subject: string): Promise<void> {
  useSavedMembership.setState({ byName: null });
  try {
    const byName = await api().getRoiVertices(subject);
    if (editor.get().subject === subject) useSavedMembership.setState({ byName });
  } catch {
    // the live count stands in
  }
}

function resetSubject(): void {
  editor.set({
    subject: null,
    transform: null,
    templatePath: null,
    subjectData: null,
    template: null,
    rasterHeight: RASTER_HEIGHT,
    overlay: null,
    doc: EMPTY_DOCUMENT,
    savedDoc: EMPTY_DOCUMENT,
    history: EMPTY_HISTORY,
    selectedKey: null,
    hiddenKeys: new Set(),
    pendingRing: null,
    conflict: null,
    draftOffer: null,
    traceSummary: null,
    // the last subject's messages ("Undid Delete S2F") mean nothing for the next
    notice: null,
  });
}

export function subjectSummary(name: string | null): SubjectSummary | undefined {
  return editor.get().subjects.find((s) => s.name === name);
}

export async function openSubject(name: string): Promise<void> {
  if (name === editor.get().subject) return;
  if (!confirmDiscard('Switch subject')) return;
  const summary = subjectSummary(name);
  resetSubject();
  editor.set({ subject: name, problem: null, busy: `Opening ${name}…` });
  if (summary?.problem) {
    showProblem(`${name} cannot be opened`, summary.problem);
    return;
  }
  const a = api();
  const started = performance.now();
  const [geometry, overlay] = await Promise.allSettled([a.getFlatGeometry(name), a.loadOverlay(name)]);
  // asked for only now: both need the flat triangulation (about a second for a large subject
  // on a cold back end), which would otherwise hold up the geometry. The vertex map only feeds
  // the status bar. A subject without curvature.npz has its curvature computed on first open
  // (seconds): the flatmap opens on its plain outline and the curvature fades in; a curvature
  // the back end already holds is waited for, so it does not flash.
  if (editor.get().subject !== name) return; // the user picked another subject meanwhile
  if (geometry.status === 'rejected') {
    showProblem(`Could not read the flat surface of ${name}`, geometry.reason);
    return;
  }
  const vertexMapRequest = a.getVertexMap(name, RASTER_HEIGHT);
  const curvatureRequest = a.getCurvature(name, RASTER_HEIGHT);
  const [curvature] = await Promise.allSettled([settledWithin(curvatureRequest, CURVATURE_WAIT_MS)]);
  if (editor.get().subject !== name) return;
  editor.set({
    subjectData: {
      geometry: geometry.value,
      curvature: curvature.status === 'fulfilled' && curvature.value !== LATE ? curvature.value : null,
      vertexMap: null,
    },
    fitRequest: editor.get().fitRequest + 1,
    busy: null,
    transform: null,
  });
  const remembered = recallView(editor.get().database?.path ?? '', name);
  const transform =
    summary?.transforms.find((t) => t.name === remembered.transform)?.name ??
    summary?.transforms[0]?.name ??
    null;
  editor.set({ transform });
  // read by `npm run bench:ui` (open subject → first flatmap)
  (window as unknown as { __roiStudioOpenMs?: number }).__roiStudioOpenMs = performance.now() - started;
  vertexMapRequest.then(
    (vertexMap) => {
      const data = editor.get().subjectData;
      if (editor.get().subject === name && data) editor.set({ subjectData: { ...data, vertexMap } });
    },
    () => undefined,
  );
  if (overlay.status === 'fulfilled') {
    adoptOverlay(name, overlay.value);
    void offerDraft(name);
  } else {
    showProblem(`Could not read the overlay of ${name}; ROIs cannot be saved`, overlay.reason);
  }
  if (curvature.status === 'rejected') {
    editor.set({ notice: `No curvature background: ${errorMessage(curvature.reason)}` });
  } else if (curvature.value === LATE) {
    void curvatureLater(name, curvatureRequest);
  }
  if (remembered.template && summary?.templates.some((t) => t.path === remembered.template)) {
    await selectTemplate(remembered.template);
  }
}

/** How long opening a subject waits for its curvature before showing the plain outline. */
const CURVATURE_WAIT_MS = 250;
const LATE = Symbol('late');

function settledWithin<T>(request: Promise<T>, ms: number): Promise<T | typeof LATE> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<typeof LATE>((r) => (timer = setTimeout(() => r(LATE), ms)));
  return Promise.race([request, late]).finally(() => clearTimeout(timer));
}

async function curvatureLater(name: string, request: Promise<CurvatureImage>): Promise<void> {
  // on a first open without curvature.npz this is seconds of computing (then cached)
  const notice = `Preparing the curvature of ${name}…`;
  editor.set({ notice });
  try {
    const curvature = await request;
    const data = editor.get().subjectData;
    if (editor.get().subject === name && data) editor.set({ subjectData: { ...data, curvature } });
    if (editor.get().notice === notice) editor.set({ notice: null });
  } catch (e) {
    if (editor.get().subject === name) editor.set({ notice: `No curvature background: ${errorMessage(e)}` });
  }
}

function rememberCurrentView(): void {
  const { database, subject, transform, templatePath } = editor.get();
  if (database && subject) {
    rememberView(database.path, subject, {
      transform: transform ?? undefined,
      template: templatePath ?? undefined,
    });
  }
}

export async function selectTransform(name: string): Promise<void> {
  const path = editor.get().templatePath;
  // the template sampled through the other transform is not kept, even if this one fails
  editor.set({ transform: name, templatePath: null, template: null });
  rememberCurrentView();
  if (path) await selectTemplate(path);
}

export async function selectTemplate(path: string | null): Promise<void> {
  const { subject, transform, templatePath: shown, template: shownTemplate } = editor.get();
  if (!path || !subject) {
    editor.set({ templatePath: path, template: null, traceSummary: null });
    rememberCurrentView();
    return;
  }
  // the template shown stays until the new one has loaded: a file that fails leaves it in place
  editor.set({ templatePath: path, busy: 'Loading the template…' });
  try {
    const a = api();
    const known = subjectSummary(subject)?.templates.find((t) => t.path === path);
    const info: TemplateInfo = known ?? {
      name: path.split(/[\\/]/).pop() ?? path,
      path,
      kind: /\.(mgh|mgz|npz)$/i.test(path) ? 'vertex' : 'volume',
    };
    const height = editor.get().rasterHeight;
    let template: TemplateData;
    if (info.kind === 'vertex') {
      const [vertexData, vertexMap] = await Promise.all([
        a.loadVertexData(subject, path),
        editor.get().subjectData?.vertexMap ?? a.getVertexMap(subject, height),
      ]);
      template = { kind: 'vertex', info, vertexData, vertexMap };
    } else {
      if (!transform) throw new Error('Pick a transform first: a volume is sampled through a transform.');
      const [volume, pixelMap] = await Promise.all([
        a.loadVolume(subject, transform, path),
        a.getPixelMap(subject, transform, templatePixelMapOptions(info, height)),
      ]);
      template = { kind: 'volume', info, volume, pixelMap };
    }
    if (editor.get().templatePath !== path) return;
    const values = template.kind === 'volume' ? template.volume.values : template.vertexData.values;
    const range = suggestRange(values);
    editor.set({
      template,
      traceSummary: null,
      display: { ...editor.get().display, vmin: range[0], vmax: range[1], onlyLabel: null, asLabels: null },
      busy: null,
    });
    rememberCurrentView();
  } catch (e) {
    if (editor.get().templatePath !== path) return;
    editor.set({ templatePath: shown, template: shownTemplate });
    showProblem('Could not show this template', e);
  }
}

/**
 * Label templates are drawn crisp from the mid-depth voxel: one depth sample is enough;
 * continuous data is averaged over depth as pycortex does (thick 32).
 */
function templatePixelMapOptions(info: TemplateInfo, height: number) {
  return { height, thick: info.labels ? 1 : 32, depth: 0.5 };
}

let sharpening: string | null = null;
const unsharpable = new Set<string>();

/**
 * Beyond 2× zoom the 1024-px rasters turn blocky: fetch curvature, vertex map and template at
 * {@link SHARP_HEIGHT} in the background (the back end caches them as it does the others) and
 * swap them in. Once per subject; a failure leaves the images as they are.
 */
export function sharpenWhenZoomed(zoom: number): void {
  const s = editor.get();
  if (zoom <= 2 || !s.subject || !s.subjectData || s.rasterHeight >= SHARP_HEIGHT) return;
  if (sharpening === s.subject || unsharpable.has(s.subject)) return;
  sharpening = s.subject;
  void sharpen(s.subject).finally(() => (sharpening = null));
}

async function sharpen(subject: string): Promise<void> {
  const started = performance.now();
  const a = api();
  try {
    const [curvature, vertexMap] = await Promise.all([
      a.getCurvature(subject, SHARP_HEIGHT),
      a.getVertexMap(subject, SHARP_HEIGHT),
    ]);
    const shown = editor.get().template;
    const transform = editor.get().transform;
    let template: TemplateData | null = shown;
    if (shown?.kind === 'vertex') template = { ...shown, vertexMap };
    else if (shown && transform)
      template = {
        ...shown,
        pixelMap: await a.getPixelMap(subject, transform, templatePixelMapOptions(shown.info, SHARP_HEIGHT)),
      };
    const s = editor.get();
    if (s.subject !== subject || !s.subjectData) return;
    editor.set({
      rasterHeight: SHARP_HEIGHT,
      subjectData: { ...s.subjectData, curvature, vertexMap },
      // a template chosen meanwhile was loaded at the height of its time: keep it
      ...(s.template === shown ? { template } : {}),
    });
    // read by `npm run bench:ui` (zoom past 2× → sharp image)
    (window as unknown as { __roiStudioSharpMs?: number }).__roiStudioSharpMs = performance.now() - started;
  } catch (e) {
    unsharpable.add(subject);
    if (editor.get().subject === subject)
      editor.set({ notice: `The zoomed image stays at ${RASTER_HEIGHT} px: ${errorMessage(e)}` });
  }
}

export async function chooseTemplateFile(): Promise<string | null> {
  try {
    return await api().chooseTemplateFile();
  } catch {
    return null;
  }
}

export async function save(saveAs?: string): Promise<boolean> {
  const s = editor.get();
  if (!s.subject || !s.overlay) return false;
  const edits = documentToEdits(s.doc, savedShapes(s.overlay));
  if (edits.length === 0 && !saveAs) {
    editor.set({ notice: 'Nothing to save.' });
    return true;
  }
  editor.set({ busy: saveAs ? `Saving to ${saveAs}…` : 'Saving…' });
  try {
    const result = await api().saveOverlay({
      subject: s.subject,
      baseRevision: s.overlay.revision,
      edits,
      ...(saveAs ? { saveAs } : {}),
    });
    if (saveAs) {
      editor.set({ busy: null, conflict: null, notice: `Saved a copy to ${saveAs}` });
      return true;
    }
    const saved = editor.get().doc;
    const doc = documentAfterSave(saved, result.snapshot);
    editor.set({
      overlay: result.snapshot,
      doc,
      savedDoc: doc,
      // undo reaches back past the save: each step is restated against the file as saved
      history: mapHistory(editor.get().history, (d) => rebaseOnSave(d, saved, doc)),
      busy: null,
      conflict: null,
      notice: `Saved ${result.snapshot.path}${result.backup ? ` (backup: ${result.backup})` : ''}`,
    });
    void refreshMembership(s.subject);
    void api()
      .clearDraft(s.database?.path ?? '', s.subject)
      .catch(() => undefined);
    return true;
  } catch (e) {
    if (isApiErrorShape(e) && e.code === 'STALE') {
      editor.set({ busy: null, conflict: e.message });
    } else {
      showProblem('Could not save', e);
    }
    return false;
  }
}

/** Read overlays.svg again, dropping local edits (after a conflict, or on request). */
export async function reloadOverlay(): Promise<void> {
  const subject = editor.get().subject;
  if (!subject) return;
  editor.set({ busy: 'Reloading the overlay…' });
  try {
    const overlay = await api().loadOverlay(subject);
    editor.set({ history: EMPTY_HISTORY, selectedKey: null, busy: null, conflict: null });
    adoptOverlay(subject, overlay);
  } catch (e) {
    showProblem('Could not reload the overlay', e);
  }
}

async function offerDraft(subject: string): Promise<void> {
  const database = editor.get().database?.path;
  if (!database) return;
  try {
    const draft = await api().loadDraft(database, subject);
    if (draft && draft.edits.length > 0 && editor.get().subject === subject)
      editor.set({ draftOffer: draft });
  } catch {
    // drafts are a convenience; a failure to read one must not block opening
  }
}

export function restoreDraft(): void {
  const s = editor.get();
  if (!s.draftOffer) return;
  const doc = applyEdits(s.doc, s.draftOffer.edits);
  editor.set({
    doc,
    history: { past: [...s.history.past, { label: 'Restore draft', before: s.doc, after: doc }], future: [] },
    draftOffer: null,
    notice:
      s.overlay && s.draftOffer.baseRevision !== s.overlay.revision
        ? 'Draft restored; overlays.svg changed since the draft was made, check the ROIs.'
        : 'Draft restored.',
  });
}

export function discardDraft(): void {
  const s = editor.get();
  editor.set({ draftOffer: null });
  if (s.subject && s.database)
    void api()
      .clearDraft(s.database.path, s.subject)
      .catch(() => undefined);
}
