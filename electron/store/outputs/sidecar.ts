import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { OverlayEdit, RoiVertices } from '../../../shared/api.js';
import { ApiError } from '../../../shared/api-errors.js';
import { svgSizeFor } from '../../../shared/flatmap/flat-frame.js';
import { parseOverlay } from '../../../shared/formats/overlay-svg.js';
import { jaccard } from '../../../shared/roi/label-vertices.js';
import { roiVertices, splitHemispheres } from '../../../shared/roi/membership.js';
import { reprojectVertexSet } from '../../../shared/roi/reproject.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { roiVertexSets } from './exports.js';
import { SIDECAR_FILE } from '../write/sidecar-file.js';
import { parseOrFail, writeError } from '../files/file-errors.js';
import { contextAt, loadSubjectFlat } from '../flatmap/flat-geometry.js';
import { vertexMapFor } from '../flatmap/flatmap-engine.js';
import { subjectFile, subjectOverlayFile } from '../write/write-policy.js';

/**
 * `overlays.roi-studio.json` beside overlays.svg: each ROI's vertex set and the path data it was
 * drawn with. pycortex's `import_flat` deletes overlays.svg and a rotated flatmap moves every
 * vertex; the vertex sets survive both, so ROIs can be re-drawn on the new flatmap.
 */

export { SIDECAR_FILE };

export interface SidecarRoi extends RoiVertices {
  name: string;
  /** path data as saved in overlays.svg */
  paths: string[];
}

export interface Sidecar {
  format: 'roi-studio-sidecar';
  version: 1;
  savedAt: string;
  /** vertex counts of the mesh the sets refer to */
  nL: number;
  nR: number;
  rois: SidecarRoi[];
}

/** Write the sidecar atomically; `entries` replace the whole file. */
export async function writeSidecar(
  subjectDir: string,
  entries: SidecarRoi[],
  mesh: { nL: number; nR: number },
): Promise<string> {
  const file = subjectFile(dirname(subjectDir), join(subjectDir, SIDECAR_FILE));
  const body: Sidecar = {
    format: 'roi-studio-sidecar',
    version: 1,
    savedAt: new Date().toISOString(),
    nL: mesh.nL,
    nR: mesh.nR,
    rois: entries.map((e) => ({ name: e.name, paths: e.paths, lh: e.lh, rh: e.rh })),
  };
  try {
    await writeFileAtomic(file, JSON.stringify(body) + '\n');
  } catch (e) {
    throw writeError(file, e);
  }
  return file;
}

/**
 * Re-derive the sidecar from the overlay as saved: every ROI of `rois/shapes`, its paths and its
 * pycortex membership. The overlay writer calls this after each save.
 */
export async function syncSidecar(db: string, subject: string): Promise<string> {
  const { nL, sets, geometry, rois } = await roiVertexSets(db, subject);
  const entries: SidecarRoi[] = [];
  for (const [name, merged] of sets)
    entries.push({ name, paths: rois.shapes.get(name) ?? [], ...splitHemispheres(merged, nL) });
  return writeSidecar(join(db, subject), entries, { nL, nR: geometry.frame.nR });
}

export async function readSidecar(subjectDir: string): Promise<Sidecar | null> {
  const file = join(subjectDir, SIDECAR_FILE);
  if (!existsSync(file)) return null;
  const text = await readFile(file, 'utf8');
  return parseOrFail(file, () => validate(JSON.parse(text) as unknown));
}

function validate(v: unknown): Sidecar {
  const s = v as Sidecar;
  if (typeof s !== 'object' || s === null || s.format !== 'roi-studio-sidecar' || s.version !== 1)
    throw new Error('not an ROI Studio sidecar (format "roi-studio-sidecar", version 1)');
  if (!Number.isInteger(s.nL) || !Number.isInteger(s.nR) || !Array.isArray(s.rois))
    throw new Error('needs integer nL, nR and a rois list');
  for (const r of s.rois) {
    const ok =
      typeof r.name === 'string' &&
      Array.isArray(r.paths) &&
      r.paths.every((d) => typeof d === 'string') &&
      [r.lh, r.rh].every((l) => Array.isArray(l) && l.every((x) => Number.isInteger(x) && x >= 0));
    if (!ok) throw new Error(`ROI ${JSON.stringify(r?.name)}: needs name, paths, lh and rh vertex lists`);
    if (r.lh.some((x) => x >= s.nL) || r.rh.some((x) => x >= s.nR))
      throw new Error(`ROI ${JSON.stringify(r.name)}: vertex index beyond the mesh (${s.nL} / ${s.nR})`);
  }
  return s;
}

export interface RestoredRoi {
  name: string;
  paths: string[];
  /** Jaccard between the re-drawn ROI's membership and the stored vertex set */
  jaccard: number;
}

/** The sidecar, checked against the subject's mesh; null when the subject has none. */
async function sidecarForMesh(db: string, subject: string, nL: number, nR: number): Promise<Sidecar | null> {
  const dir = join(db, subject);
  const sidecar = await readSidecar(dir);
  if (sidecar && (nL !== sidecar.nL || nR !== sidecar.nR))
    throw new ApiError(
      'INVALID_FILE',
      `${join(dir, SIDECAR_FILE)}: made for a mesh of ${sidecar.nL} + ${sidecar.nR} vertices, the subject has ${nL} + ${nR}`,
    );
  return sidecar;
}

/** Membership of each ROI of the subject's overlay as it is on disk (none when it has no overlay). */
async function currentSets(db: string, subject: string): Promise<Map<string, Uint32Array>> {
  try {
    return (await roiVertexSets(db, subject)).sets;
  } catch (e) {
    if (e instanceof ApiError && e.code === 'NOT_FOUND') return new Map();
    throw e;
  }
}

/** A sidecar ROI whose name is in the overlay with exactly the stored vertex set needs no re-drawing. */
function intact(r: SidecarRoi, current: Uint32Array | undefined, nL: number): boolean {
  if (!current || current.length !== r.lh.length + r.rh.length) return false;
  const stored = Uint32Array.from([...r.lh, ...r.rh.map((v) => v + nL)]).sort();
  return stored.every((v, i) => v === current[i]);
}

/**
 * Names of the sidecar ROIs to re-draw: missing from the subject's overlay, or whose pycortex
 * membership there differs from the stored vertex set (the flatmap changed). Empty without a sidecar.
 */
export async function roisToRestore(db: string, subject: string): Promise<string[]> {
  if (!existsSync(join(db, subject, SIDECAR_FILE))) return []; // without one, the surfaces are not needed
  const { frame } = await loadSubjectFlat(db, subject);
  const sidecar = await sidecarForMesh(db, subject, frame.nL, frame.nR);
  if (!sidecar) return [];
  const current = await currentSets(db, subject);
  return sidecar.rois.filter((r) => !intact(r, current.get(r.name), frame.nL)).map((r) => r.name);
}

/**
 * Re-draw the sidecar ROIs that need it (see roisToRestore) on the subject's current flat surface
 * (at the size of its overlays.svg, or of the one pycortex would create), and the overlay edits
 * that store them. Intact ROIs are left as they are.
 */
export async function restoreFromSidecar(
  db: string,
  subject: string,
  { height = 1024, names }: { height?: number; names?: string[] } = {},
): Promise<{ rois: RestoredRoi[]; edits: OverlayEdit[] }> {
  const dir = join(db, subject);
  const flat = await loadSubjectFlat(db, subject);
  const frame = flat.frame;
  const sidecar = await sidecarForMesh(db, subject, frame.nL, frame.nR);
  if (!sidecar) throw new ApiError('NOT_FOUND', `${join(dir, SIDECAR_FILE)}: no sidecar to restore from`);
  const overlayFile = subjectOverlayFile(db, subject);
  let size = svgSizeFor(frame.extents);
  if (existsSync(overlayFile)) {
    const text = await readFile(overlayFile, 'utf8');
    const doc = parseOrFail(overlayFile, () => parseOverlay(text));
    size = { width: doc.width, height: doc.height };
  }
  const current = await currentSets(db, subject);
  const { vertex: pixelVertex, ...grid } = await vertexMapFor(db, subject, height);
  const ctx = contextAt(flat, size.width, size.height);

  const rois: RestoredRoi[] = [];
  const edits: OverlayEdit[] = [];
  const n = frame.nL + frame.nR;
  for (const r of sidecar.rois) {
    if (names && !names.includes(r.name)) continue;
    if (intact(r, current.get(r.name), frame.nL)) continue;
    const members = new Uint8Array(n);
    for (const v of r.lh) members[v] = 1;
    for (const v of r.rh) members[frame.nL + v] = 1;
    const traced = reprojectVertexSet(pixelVertex, grid.width, grid.height, members, frame.nL, {
      svgWidth: size.width,
      svgHeight: size.height,
    });
    const paths = [traced.lh, traced.rh].filter((d): d is string => !!d);
    const stored = Uint32Array.from([...r.lh, ...r.rh.map((v) => v + frame.nL)]);
    rois.push({ name: r.name, paths, jaccard: jaccard(roiVertices(paths, ctx), stored) });
    edits.push({ kind: current.has(r.name) ? 'replace' : 'add', name: r.name, paths, label: true });
  }
  return { rois, edits };
}
