import { lstatSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { ApiError } from '../../../shared/api-errors.js';
import { findLayer, parseOverlay } from '../../../shared/formats/overlay-svg.js';
import { isInside, realTarget } from './path-guard.js';
import { SIDECAR_FILE } from './sidecar-file.js';

/**
 * Where ROI Studio may write, decided in one place for every writer (overlay save and save as,
 * merge, trace, exports, figures, flatmap images, the sidecar, the demo database, imported
 * subjects and added transforms). Each writer asks here before it touches the disk; a refusal names the file and the reason and leaves everything as it was.
 * The rules see through symlinks: a new file is judged where its folder's link points.
 *
 * - a subject's overlays.svg and sidecar are written only where they lie inside the database;
 * - "save as" writes `.svg` files that are new or are overlays, never a subject's overlays.svg
 *   and never inside a subject's data folders;
 * - exports and figures go to a folder that holds no subject data (not a database, a subject
 *   folder, a folder with an overlays.svg, or anything inside a subject's data folders);
 * - the demo database goes to a new or empty folder, or replaces an earlier demo output;
 * - an imported subject, a replaced subject's backup or an added transform is a folder inside the
 *   database, also where its symlinks lead.
 */

export const OVERLAY_FILE = 'overlays.svg';
/** Backups of a folder's overlay files (see overlay-store.ts). */
export const BACKUP_DIR = 'overlays-backups';
/** Replaced transforms go here, beside `transforms/`: pycortex lists every folder inside that one. */
export const TRANSFORM_BACKUP_DIR = 'transforms-backups';
/**
 * Subjects replaced by an import go here, in the database, as `<name>.<time>/`: a dot-folder,
 * which ROI Studio does not list as a subject, and no subject folder itself.
 */
export const SUBJECT_BACKUP_DIR = '.subjects-backups';

/**
 * The folders of a subject that hold its data or its backups: only their own writers (the
 * overlay writer's backups, add-transform) touch them; save as, exports and figures never do.
 */
export const SUBJECT_DATA_FOLDERS = [
  'surfaces',
  'transforms',
  'anatomicals',
  'surface-info',
  'templates',
  'cache',
  BACKUP_DIR,
  TRANSFORM_BACKUP_DIR,
];

function isFolder(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** A pycortex subject folder: one with a `surfaces/` folder. */
export function isSubjectFolder(dir: string): boolean {
  return isFolder(join(dir, 'surfaces'));
}

/** A pycortex filestore: a folder with at least one subject folder in it. */
export function isFilestore(dir: string): boolean {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  return entries.slice(0, 10_000).some((e) => e.isDirectory() && isSubjectFolder(join(dir, e.name)));
}

/** Why the real folder `dir` holds subject data, or null when it holds none. */
function subjectDataIn(dir: string): string | null {
  if (isFilestore(dir)) return 'is a pycortex database (it holds subject folders)';
  if (isSubjectFolder(dir)) return 'is a subject folder';
  if (statSync(join(dir, OVERLAY_FILE), { throwIfNoEntry: false })) return `holds an ${OVERLAY_FILE}`;
  return dataFolderAround(dir);
}

/** Which subject data folder `path` lies in (e.g. "is inside S1's transforms folder"), or null. */
function dataFolderAround(path: string): string | null {
  for (let p = path; dirname(p) !== p; p = dirname(p))
    if (SUBJECT_DATA_FOLDERS.includes(basename(p)) && isSubjectFolder(dirname(p)))
      return `is inside ${basename(dirname(p))}'s ${basename(p)} folder`;
  return null;
}

const forbidden = (path: string, why: string) => new ApiError('FORBIDDEN', `${path}: ${why}`, path);

/**
 * A subject's own file (overlays.svg, its sidecar) at `path`: refused when a symlink takes it
 * outside the database, so reads and writes of it agree.
 */
export function subjectFile(db: string, path: string): string {
  if (lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() && !isInside(db, path))
    throw forbidden(
      path,
      `is a link to ${realTarget(path)}, outside the database; ROI Studio neither reads nor writes through it`,
    );
  return path;
}

export function subjectOverlayFile(db: string, subject: string): string {
  return subjectFile(db, join(db, subject, OVERLAY_FILE));
}

export function sidecarFile(db: string, subject: string): string {
  return subjectFile(db, join(db, subject, SIDECAR_FILE));
}

/** "Save as" target: a `.svg` file outside any subject's data, not a subject's overlays.svg. */
export function overlayCopyTarget(path: string): string {
  if (extname(path).toLowerCase() !== '.svg')
    throw new ApiError('BAD_REQUEST', `${path}: save as writes overlay files, whose name ends in .svg`, path);
  const real = realTarget(path);
  if (basename(real) === OVERLAY_FILE && isSubjectFolder(dirname(real)))
    throw forbidden(
      path,
      `is ${basename(dirname(real))}'s own overlay; open that subject and save it instead`,
    );
  const inData = dataFolderAround(dirname(real));
  if (inData) throw forbidden(path, `${inData}, which ROI Studio never writes into`);
  return path;
}

/** "Save as" replaces an existing file only when it is an overlay (an SVG with a `rois` layer). */
export function checkReplaceableOverlay(path: string, text: string): void {
  let problem: string;
  try {
    if (findLayer(parseOverlay(text), 'rois')) return;
    problem = 'it has no rois layer';
  } catch (e) {
    problem = (e as Error).message;
  }
  throw forbidden(
    path,
    `exists and is not an overlay (${problem}); save as replaces only overlay files, so nothing was written`,
  );
}

/** An export folder must hold no subject data (judged where its symlinks lead). */
export function checkExportFolder(dir: string): void {
  const real = realTarget(dir);
  const why = subjectDataIn(real);
  if (why)
    throw forbidden(
      dir,
      `${real === resolve(dir) ? '' : `(${real}) `}${why}; exports go to a folder that holds no subject data, e.g. <subject>${sep}exports`,
    );
}

/** Every folder the export `files` go to must hold no subject data. */
export function checkExportFiles(files: string[]): void {
  for (const dir of new Set(files.map((f) => dirname(f)))) checkExportFolder(dir);
}

/** The demo database goes to a new or empty folder, or over an earlier demo output (`isDemo`). */
export function checkDemoTarget(dir: string, isDemo: boolean): void {
  const st = statSync(dir, { throwIfNoEntry: false });
  if (!st) return;
  if (!st.isDirectory()) throw forbidden(dir, 'exists and is not a folder');
  if (readdirSync(dir).length > 0 && !isDemo)
    throw forbidden(dir, 'is not empty and is not a demo database; choose an empty or new folder');
}

/**
 * A folder the database gains (an imported subject, an added transform): it must lie inside the
 * database where its symlinks lead, or a link would carry the write, and a replaced folder's
 * removal, outside it.
 */
export function checkDatabaseFolder(db: string, dir: string): void {
  if (!isInside(db, dir))
    throw forbidden(
      dir,
      `leads to ${realTarget(dir)}, outside the database ${db}; ROI Studio writes only inside it, so nothing was written`,
    );
}
