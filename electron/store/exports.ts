import { existsSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { ApiError, type ExportKind, type RoiVertices } from '../../shared/api.js';
import type { FlatFrame } from '../../shared/flatmap/flat-frame.js';
import { mergedPoints } from '../../shared/flatmap/merge-surfaces.js';
import { encodeLabel } from '../../shared/formats/freesurfer-label.js';
import { encodeNifti } from '../../shared/formats/nifti-write.js';
import { findLayer, layerShapes } from '../../shared/formats/overlay-svg.js';
import { encodeVertexCsv, encodeVertexJson } from '../../shared/formats/roi-vertex-lists.js';
import { roiVertices, splitHemispheres } from '../../shared/roi/membership.js';
import {
  corticalRibbon,
  fiducialPoints,
  nearestVertices,
  ribbonThickness,
  roiMasks,
} from '../../shared/roi/roi-masks.js';
import type { HemiPair, Surface } from '../../shared/subject.js';
import { parseOrFail } from './file-errors.js';
import { contextAt, loadSubjectFlat, type SubjectFlat } from './flat-geometry.js';
import { readOverlayForReading } from './legacy-rois.js';
import { loadSubjectSurfaces, type SubjectSurfaces } from './subject-surfaces.js';
import { readTransform } from './transforms.js';

/**
 * Exports of a subject's ROIs for analysis code: vertex lists (JSON, CSV), FreeSurfer `.label`
 * files per hemisphere with fiducial coordinates, and NIfTI masks in a transform's reference grid
 * like pycortex's `get_roi_masks`. ROIs are read from overlays.svg (or a given overlay file)
 * with pycortex's membership rule. Every file is written to a temporary name and renamed, so a
 * failure leaves nothing half-written.
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
}

export async function readOverlayRois(db: string, subject: string, overlay?: string): Promise<OverlayRois> {
  const read = await readOverlayForReading(db, subject, overlay);
  if (!read) {
    const file = overlay ?? join(db, subject, 'overlays.svg');
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
  return { file, width: doc.width, height: doc.height, shapes };
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

/** A file name for an ROI: path separators and control characters replaced. */
export function fileSafe(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[/\\:*?"<>|\x00-\x1f]/g, '_') || '_';
}

/** Write all files or none: each goes to a temporary name first and is renamed at the end. */
async function writeAll(files: [string, string | Uint8Array][]): Promise<string[]> {
  const temps: string[] = [];
  try {
    for (const [path, content] of files) {
      await mkdir(dirname(path), { recursive: true });
      const tmp = `${path}.tmp-${process.pid}`;
      temps.push(tmp);
      await writeFile(tmp, content);
    }
    for (let i = 0; i < files.length; i++) await rename(temps[i], files[i][0]);
  } catch (e) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    const err = e as NodeJS.ErrnoException;
    throw new ApiError('IO', `${err.path ?? files[0]?.[0]}: ${err.message}`, err.path);
  }
  return files.map(([p]) => p);
}

async function isFolderTarget(out: string, ext: string): Promise<boolean> {
  if (extname(out).toLowerCase() === ext) return false;
  return !existsSync(out) || (await stat(out)).isDirectory();
}

/** Per-hemisphere fiducial coordinates: the fiducial surfaces when present, else (wm + pia)/2. */
function fiducialPair(s: SubjectSurfaces): HemiPair<Float32Array> {
  if (s.fiducial) return { lh: s.fiducial.lh.points, rh: s.fiducial.rh.points };
  if (!s.wm || !s.pia)
    throw new ApiError('NOT_FOUND', 'the subject has neither fiducial nor wm + pia surfaces');
  const mid = (a: Surface, b: Surface) => fiducialPoints(a.points, b.points);
  return { lh: mid(s.wm.lh, s.pia.lh), rh: mid(s.wm.rh, s.pia.rh) };
}

export async function exportRois(db: string, o: ExportOptions): Promise<string[]> {
  const { nL, sets, geometry } = await roiVertexSets(db, o.subject, o.rois, o.overlay);
  const split: Record<string, RoiVertices> = {};
  for (const [name, merged] of sets) split[name] = splitHemispheres(merged, nL);

  switch (o.kind) {
    case 'json':
    case 'csv': {
      const ext = `.${o.kind}`;
      const file = (await isFolderTarget(o.out, ext))
        ? join(o.out, `${fileSafe(o.subject)}-rois${ext}`)
        : o.out;
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
            join(o.out, `${hemi}.${fileSafe(name)}.label`),
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
        join(o.out, `${fileSafe(name)}.nii.gz`),
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
