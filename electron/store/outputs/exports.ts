import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import type { ExportKind, RoiVertices } from '../../../shared/api.js';
import { ApiError } from '../../../shared/api-errors.js';
import type { FlatFrame } from '../../../shared/flatmap/flat-frame.js';
import { mergedPoints } from '../../../shared/flatmap/merge-surfaces.js';
import { encodeLabel } from '../../../shared/formats/freesurfer-label.js';
import { encodeNifti } from '../../../shared/formats/nifti-write.js';
import { pycortexLoadFailures } from '../../../shared/formats/overlay-snapshot.js';
import { findLayer, layerShapes } from '../../../shared/formats/overlay-svg.js';
import { encodeVertexCsv, encodeVertexJson } from '../../../shared/formats/roi-vertex-lists.js';
import { roiVertices, splitHemispheres } from '../../../shared/roi/membership.js';
import { fileSafe, roiFileStems } from '../../../shared/roi/roi-names.js';
import {
  corticalRibbon,
  fiducialPoints,
  nearestVertices,
  ribbonThickness,
  roiMasks,
} from '../../../shared/roi/roi-masks.js';
import type { HemiPair, Surface } from '../../../shared/subject.js';
import { commitTemp, writeTemp } from '../files/atomic-write.js';
import { parseOrFail, writeError } from '../files/file-errors.js';
import { contextAt, loadSubjectFlat, type SubjectFlat } from '../flatmap/flat-geometry.js';
import { readOverlayForReading } from '../database/legacy-rois.js';
import { loadSubjectSurfaces, type SubjectSurfaces } from '../database/subject-surfaces.js';
import { readTransform } from '../database/transforms.js';
import { checkExportFiles, checkExportFolder, subjectOverlayFile } from '../write/write-policy.js';

/**
 * Exports of a subject's ROIs for analysis code: vertex lists (JSON, CSV), FreeSurfer `.label`
 * files per hemisphere with fiducial coordinates, and NIfTI masks in a transform's reference grid
 * like pycortex's `get_roi_masks`. ROIs are read from overlays.svg (or a given overlay file)
 * with pycortex's membership rule. Files go only where the write policy allows, each through a
 * temporary name and a rename, so a failure leaves nothing half-written.
 */

export interface ExportOptions {
  subject: string;
  kind: Exclude<ExportKind, 'png' | 'svg'>;
  /** folder for label/nifti; folder or file (.json/.csv) for vertex lists */
  out: string;
  rois?: string[];
  transform?: string;
  /** overlay file to read instead of the subject's overlays.svg */
  overlay?: string;
}

interface SubjectGeometry {
  surfaces: SubjectSurfaces;
  flat: SubjectFlat;
  frame: FlatFrame;
}

/** Surfaces and the overlay's flat-surface memo (both notice changed surface files). */
async function subjectGeometry(db: string, subject: string): Promise<SubjectGeometry> {
  const [surfaces, flat] = await Promise.all([
    loadSubjectSurfaces(db, subject),
    loadSubjectFlat(db, subject),
  ]);
  return { surfaces, flat, frame: flat.frame };
}

export interface OverlayRois {
  file: string;
  width: number;
  height: number;
  /** ROI name → path data of its direct `<path>`s (the last shape wins on duplicate names, as in pycortex) */
  shapes: Map<string, string[]>;
  /** why pycortex cannot load the file (empty when it can) */
  unreadable: string[];
}

export async function readOverlayRois(db: string, subject: string, overlay?: string): Promise<OverlayRois> {
  const read = await readOverlayForReading(db, subject, overlay);
  if (!read) {
    const file = overlay ?? subjectOverlayFile(db, subject);
    throw new ApiError('NOT_FOUND', `${file}: no overlay file`, file);
  }
  const { file, doc } = read;
  const layer = findLayer(doc, 'rois');
  const shapes = new Map<string, string[]>();
  if (layer)
    for (const s of layerShapes(layer))
      shapes.set(
        s.name,
        s.paths.map((p) => p.getAttribute('d') ?? ''),
      );
  return { file, width: doc.width, height: doc.height, shapes, unreadable: pycortexLoadFailures(doc) };
}

/** Merged vertex membership of the chosen ROIs (all when `names` is absent), pycortex's rule. */
export async function roiVertexSets(
  db: string,
  subject: string,
  names?: string[],
  overlay?: string,
): Promise<{ nL: number; sets: Map<string, Uint32Array>; geometry: SubjectGeometry; rois: OverlayRois }> {
  const [rois, geometry] = await Promise.all([
    readOverlayRois(db, subject, overlay),
    subjectGeometry(db, subject),
  ]);
  const chosen = names ?? [...rois.shapes.keys()];
  const missing = chosen.filter((n) => !rois.shapes.has(n));
  if (missing.length)
    throw new ApiError(
      'BAD_REQUEST',
      `${rois.file}: no ROI ${missing.map((m) => JSON.stringify(m)).join(', ')} (ROIs: ${[...rois.shapes.keys()].join(', ') || 'none'})`,
      rois.file,
    );
  const ctx = contextAt(geometry.flat, rois.width, rois.height);
  const sets = new Map<string, Uint32Array>();
  for (const name of chosen)
    sets.set(
      name,
      parseOrFail(rois.file, () => roiVertices(rois.shapes.get(name)!, ctx)),
    );
  return { nL: geometry.frame.nL, sets, geometry, rois };
}

/**
 * Write all files or none: the write policy checks every target folder first, then each file
 * goes to its own unique temp name and all are renamed at the end.
 */
async function writeAll(files: [string, string | Uint8Array][]): Promise<string[]> {
  checkExportFiles(files.map(([p]) => p));
  const temps: string[] = [];
  let current = files[0]?.[0] ?? '';
  try {
    for (const [path, content] of files) {
      current = path;
      await mkdir(dirname(path), { recursive: true });
      temps.push(await writeTemp(path, content));
    }
    for (let i = 0; i < files.length; i++) {
      current = files[i][0];
      await commitTemp(temps[i], current);
    }
  } catch (e) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw writeError(current, e);
  }
  return files.map(([p]) => p);
}

/** json/csv go into a folder, or to a file with the kind's extension (never over another file). */
async function isFolderTarget(out: string, ext: string): Promise<boolean> {
  if (extname(out).toLowerCase() === ext) return false;
  const st = await stat(out).catch(() => null);
  if (!st || st.isDirectory()) return true;
  throw new ApiError(
    'BAD_REQUEST',
    `${out}: an export of kind ${ext.slice(1)} is written into a folder or to a ${ext} file, and this is another file`,
    out,
  );
}

/** Per-hemisphere fiducial coordinates: the fiducial surfaces when present, else (wm + pia)/2. */
function fiducialPair(s: SubjectSurfaces): HemiPair<Float32Array> {
  if (s.fiducial) return { lh: s.fiducial.lh.points, rh: s.fiducial.rh.points };
  if (!s.wm || !s.pia)
    throw new ApiError('NOT_FOUND', 'the subject has neither fiducial nor wm + pia surfaces');
  const mid = (a: Surface, b: Surface) => fiducialPoints(a.points, b.points);
  return { lh: mid(s.wm.lh, s.pia.lh), rh: mid(s.wm.rh, s.pia.rh) };
}

/** An export gives analysis code exactly what pycortex would: nothing when pycortex cannot read the ROIs. */
function refuseUnreadable(rois: OverlayRois): void {
  if (rois.unreadable.length)
    throw new ApiError(
      'INVALID_FILE',
      `${rois.file}: pycortex cannot read ${rois.unreadable.join('; ')} — fix or delete these shapes before exporting; nothing was written`,
      rois.file,
    );
}

/** The one file of a json/csv export: `out` itself, or a file named after the subject in folder `out`. */
async function vertexListFile(o: ExportOptions): Promise<string> {
  const ext = `.${o.kind}`;
  return (await isFolderTarget(o.out, ext)) ? join(o.out, `${fileSafe(o.subject)}-rois${ext}`) : o.out;
}

export async function exportRois(db: string, o: ExportOptions): Promise<string[]> {
  const listFile = o.kind === 'json' || o.kind === 'csv' ? await vertexListFile(o) : null;
  checkExportFolder(listFile ? dirname(listFile) : o.out); // before any work
  const { nL, sets, geometry, rois } = await roiVertexSets(db, o.subject, o.rois, o.overlay);
  refuseUnreadable(rois);
  const split: Record<string, RoiVertices> = {};
  for (const [name, merged] of sets) split[name] = splitHemispheres(merged, nL);
  // stems over every ROI of the overlay, so a name's file does not depend on which are exported
  const stem = roiFileStems([...rois.shapes.keys()]);

  switch (o.kind) {
    case 'json':
    case 'csv': {
      const file = listFile as string;
      return writeAll([[file, o.kind === 'json' ? encodeVertexJson(split) : encodeVertexCsv(split)]]);
    }
    case 'label': {
      const fid = fiducialPair(geometry.surfaces);
      const files: [string, string][] = [];
      for (const [name, verts] of Object.entries(split))
        for (const hemi of ['lh', 'rh'] as const) {
          if (verts[hemi].length === 0) continue;
          const comment = `${name} from subject ${o.subject} (ROI Studio; fiducial coordinates)`;
          files.push([
            join(o.out, `${hemi}.${stem.get(name)!}.label`),
            encodeLabel(verts[hemi], fid[hemi], comment),
          ]);
        }
      return writeAll(files);
    }
    case 'nifti': {
      if (!o.transform) throw new ApiError('BAD_REQUEST', 'a NIfTI mask export needs a transform');
      const masks = await volumeMasks(db, o.subject, o.transform, sets, geometry.surfaces);
      const xfm = await readTransform(db, o.subject, o.transform);
      const files: [string, Uint8Array][] = [...masks].map(([name, mask]) => [
        join(o.out, `${stem.get(name)!}.nii.gz`),
        encodeNifti({
          dims: [...xfm.shape],
          data: mask,
          affine: xfm.affine,
          description: `ROI ${name}`.slice(0, 79),
        }),
      ]);
      return writeAll(files);
    }
  }
}

/** pycortex `get_roi_masks(subject, xfm, gm_sampler='cortical')` for the given vertex sets. */
export async function volumeMasks(
  db: string,
  subject: string,
  xfm: string,
  sets: Map<string, Uint32Array>,
  surfaces?: SubjectSurfaces,
): Promise<Map<string, Uint8Array>> {
  const [s, transform] = await Promise.all([
    surfaces ?? loadSubjectSurfaces(db, subject),
    readTransform(db, subject, xfm),
  ]);
  if (!s.wm || !s.pia)
    throw new ApiError(
      'NOT_FOUND',
      `${join(db, subject, 'surfaces')}: cortical masks need wm and pia surfaces`,
    );
  const wm = mergedPoints(s.wm);
  const pia = mergedPoints(s.pia);
  const fiducial = s.fiducial ? mergedPoints(s.fiducial) : fiducialPoints(wm, pia);
  const thickness = ribbonThickness(wm, pia);
  let reach = 0;
  for (const t of thickness) if (t > reach) reach = t;
  const nearest = nearestVertices(fiducial, transform.coord, transform.shape, reach);
  return roiMasks(sets, nearest, corticalRibbon(nearest, thickness));
}
