import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import {
  ApiError,
  type OverlaySnapshot,
  type RoiStudioApi,
  type RoiVertices,
  type SaveRequest,
  type SaveResult,
} from '../../shared/api.js';
import { svgSizeFor } from '../../shared/flatmap/flat-frame.js';
import { createOverlaySvg } from '../../shared/formats/overlay-create.js';
import { OverlayEditError, applyEdits } from '../../shared/formats/overlay-edit.js';
import { describeOverlay } from '../../shared/formats/overlay-snapshot.js';
import {
  findLayer,
  layerShapes,
  serializeOverlay,
  type OverlayDocument,
} from '../../shared/formats/overlay-svg.js';
import { checkSubject } from '../../shared/subject-name.js';
import { roiVertices, splitHemispheres } from '../../shared/roi/membership.js';
import { PathLimitError, PycortexPathError } from '../../shared/roi/pycortex-path.js';
import {
  clipLoops,
  contextAt,
  flatGeometry,
  loadSubjectFlat,
  type SubjectFlat,
} from '../store/flatmap/flat-geometry.js';
import {
  MISSING_REVISION,
  parseOverlayFile,
  readOverlayState,
  writeOverlayFile,
  type OverlayFileState,
} from '../store/write/overlay-store.js';
import { legacyRoisPath, readLegacyRois, readOverlayForReading } from '../store/database/legacy-rois.js';
import { allowedPath } from '../store/write/path-guard.js';
import { roisToRestore, syncSidecar } from '../store/outputs/sidecar.js';
import {
  checkReplaceableOverlay,
  overlayCopyTarget,
  subjectOverlayFile,
} from '../store/write/write-policy.js';
import type { BackendContext } from './context.js';

export type OverlayApi = Pick<
  RoiStudioApi,
  'getFlatGeometry' | 'loadOverlay' | 'saveOverlay' | 'getRoiVertices'
>;

export function overlayPath(db: string, subject: string): string {
  return subjectOverlayFile(db, checkSubject(subject));
}

/** The file pycortex would create for a subject without overlays.svg (§6.1, §6.9). */
export function createdOverlayText(flat: SubjectFlat): string {
  const { width, height } = svgSizeFor(flat.frame.extents);
  return createOverlaySvg({ width, height, clipLoops: clipLoops(flat) });
}

function snapshot(
  subject: string,
  state: OverlayFileState,
  doc: OverlayDocument,
  legacy?: string,
): OverlaySnapshot {
  const { layers, issues } = describeOverlay(doc);
  return {
    subject,
    path: state.path,
    exists: state.exists,
    ...(legacy ? { legacyRois: legacy } : {}),
    revision: state.revision,
    width: doc.width,
    height: doc.height,
    layers,
    issues,
  };
}

/**
 * The overlay as it is on disk; when missing, the subject's legacy rois.svg converted as pycortex
 * converts it, or else the file pycortex would create.
 */
async function currentDocument(db: string, subject: string, path: string) {
  const state = await readOverlayState(path);
  if (state.exists) return { state, doc: parseOverlayFile(path, state.text as string) };
  const legacy = await readLegacyRois(db, subject);
  if (legacy) return { state, doc: legacy, legacy: legacyRoisPath(db, subject) };
  const text = createdOverlayText(await loadSubjectFlat(db, subject));
  return { state, doc: parseOverlayFile(path, text) };
}

/** What the first save writes into: the converted legacy rois.svg, or pycortex's fresh file. */
async function initialOverlayText(db: string, subject: string): Promise<string> {
  const legacy = await readLegacyRois(db, subject);
  return legacy ? serializeOverlay(legacy) : createdOverlayText(await loadSubjectFlat(db, subject));
}

/** Merged membership of every ROI (direct shapes of rois/shapes), hemisphere-local, in file order. */
export async function roiVerticesOf(
  db: string,
  subject: string,
  file: string,
  doc: OverlayDocument,
): Promise<Record<string, RoiVertices>> {
  const flat = await loadSubjectFlat(db, subject);
  const layer = findLayer(doc, 'rois');
  const out: Record<string, RoiVertices> = {};
  if (!layer) return out;
  const ctx = contextAt(flat, doc.width, doc.height);
  for (const shape of layerShapes(layer)) {
    const paths = shape.paths.map((p) => p.getAttribute('d') ?? '');
    try {
      out[shape.name] = splitHemispheres(roiVertices(paths, ctx), flat.frame.nL);
    } catch (e) {
      if (e instanceof PycortexPathError)
        throw new ApiError(
          'INVALID_FILE',
          `${file}: ROI "${shape.name}": ${e.message}${e instanceof PathLimitError ? '' : ' (pycortex fails here too)'}`,
          file,
        );
      throw e;
    }
  }
  return out;
}

export function overlayApi(ctx: BackendContext): OverlayApi {
  const db = () => ctx.database.path;
  return {
    async getFlatGeometry(subject) {
      const path = overlayPath(db(), subject);
      const flat = await loadSubjectFlat(db(), subject);
      const state = await readOverlayState(path);
      const size = state.exists
        ? parseOverlayFile(path, state.text as string)
        : ((await readLegacyRois(db(), subject)) ?? undefined);
      return flatGeometry(flat, size && { width: size.width, height: size.height });
    },

    async loadOverlay(subject) {
      const path = overlayPath(db(), subject);
      const { state, doc, legacy } = await currentDocument(db(), subject, path);
      const restore = await sidecarRestore(db(), subject);
      return {
        ...snapshot(subject, state, doc, legacy),
        ...(restore.length ? { sidecarRestore: restore } : {}),
      };
    },

    async saveOverlay(req: SaveRequest): Promise<SaveResult> {
      if (!req || typeof req !== 'object' || !Array.isArray(req.edits))
        throw new ApiError('BAD_REQUEST', 'saveOverlay needs { subject, baseRevision, edits: [] }');
      const subject = checkSubject(req.subject);
      const own = overlayPath(db(), subject);
      const target = req.saveAs ? overlayCopyTarget(allowedPath(ctx, req.saveAs)) : own;
      // "save as" applies the edits to the subject's current overlay and writes them elsewhere
      const base = req.saveAs ? await currentDocument(db(), subject, own) : null;
      // only a missing file needs the subject's rois.svg or surfaces (to create it as pycortex would)
      const creation = existsSync(target) ? null : await initialOverlayText(db(), subject);
      const result = await writeOverlayFile(target, {
        baseRevision: req.saveAs ? null : String(req.baseRevision ?? ''),
        build: (current) => {
          if (base && current.exists) checkReplaceableOverlay(target, current.text as string);
          const doc = base
            ? base.doc
            : parseOverlayFile(
                target,
                current.exists ? (current.text as string) : requireText(creation, target),
              );
          try {
            applyEdits(doc, req.edits);
          } catch (e) {
            if (e instanceof OverlayEditError)
              throw new ApiError('BAD_REQUEST', `${target}: ${e.message}`, target);
            throw e;
          }
          return serializeOverlay(doc);
        },
      });
      if (!req.saveAs) await recordInSidecar(db(), subject);
      return {
        snapshot: snapshot(subject, result.state, result.doc),
        ...(result.backup ? { backup: result.backup } : {}),
      };
    },

    async getRoiVertices(subject, overlay) {
      checkSubject(subject);
      const chosen = overlay ? allowedPath(ctx, overlay) : undefined;
      const read = await readOverlayForReading(db(), subject, chosen);
      if (!read) {
        if (chosen) throw new ApiError('NOT_FOUND', `${chosen}: file not found`, chosen);
        return {};
      }
      return roiVerticesOf(db(), subject, read.file, read.doc);
    },
  };
}

function requireText(text: string | null, path: string): string {
  // the file appeared after we looked: the writer's stale check reports it
  if (text === null) throw new ApiError('STALE', `${path} was created on disk while saving; reload it`, path);
  return text;
}

/** For command-line use: a context that allows one explicitly named file outside the database. */
export function cliContext(db: string, extraFiles: string[] = []): BackendContext {
  const chosen = new Set<string>();
  for (const f of extraFiles) {
    try {
      chosen.add(realpathSync.native(f));
    } catch {
      chosen.add(f);
    }
  }
  return { database: { path: db, source: 'argument' }, appDataDir: '', cacheDir: '', chosenFiles: chosen };
}

export { MISSING_REVISION };

/** What the sidecar could restore; a sidecar that cannot be used is reported, not a failed load. */
async function sidecarRestore(db: string, subject: string): Promise<string[]> {
  try {
    return await roisToRestore(db, subject);
  } catch (e) {
    console.warn(`roi-studio: ${join(db, subject)}: sidecar not usable: ${(e as Error).message}`);
    return [];
  }
}

/**
 * Keep overlays.roi-studio.json in step with every save of the subject's overlay, so ROIs survive
 * pycortex's import_flat (which deletes overlays.svg). The overlay is already written: a sidecar
 * that cannot be written is reported, not a failed save.
 */
async function recordInSidecar(db: string, subject: string): Promise<void> {
  try {
    await syncSidecar(db, subject);
  } catch (e) {
    console.warn(`roi-studio: ${join(db, subject)}: sidecar not updated: ${(e as Error).message}`);
  }
}
