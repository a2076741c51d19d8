import { realpathSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  ApiError,
  type DatabaseInfo,
  type RoiStudioApi,
  type VertexData,
  type VolumeData,
} from '../../shared/api.js';
import { requireFolder } from '../store/database/database.js';
import { allowedPath } from '../store/write/path-guard.js';
import { readRecentDatabases, rememberDatabase } from '../store/database/recent-databases.js';
import { loadSubjectSurfaces } from '../store/database/subject-surfaces.js';
import { labelsFor, listSubjects, templateName } from '../store/database/subjects.js';
import { readTransformInfo } from '../store/database/transforms.js';
import { valueStats } from '../store/database/value-stats.js';
import { readVertexDataFile } from '../store/database/vertex-data.js';
import { checkVolumeShape, readVolumeFile } from '../store/database/volumes.js';
import type { BackendContext } from './context.js';

export type DatabaseApi = Pick<
  RoiStudioApi,
  | 'getDatabase'
  | 'openDatabase'
  | 'chooseDatabaseFolder'
  | 'listSubjects'
  | 'loadVolume'
  | 'loadVertexData'
  | 'chooseTemplateFile'
>;

const TEMPLATE_FILTERS = [
  {
    name: 'ROI templates (NIfTI volumes, FreeSurfer per-vertex files)',
    extensions: ['nii', 'gz', 'mgz', 'mgh', 'npz'],
  },
  { name: 'All files', extensions: ['*'] },
];

/** Opening databases, listing subjects and loading template data (volumes and vertex maps). */
export function databaseApi(ctx: BackendContext): DatabaseApi {
  const info = async (): Promise<DatabaseInfo> => {
    const recent = await readRecentDatabases(ctx.appDataDir);
    return {
      path: ctx.database.path,
      source: ctx.database.source,
      recent: [ctx.database.path, ...recent.filter((p) => p !== ctx.database.path)],
    };
  };

  return {
    getDatabase: info,

    async openDatabase(path) {
      if (typeof path !== 'string' || path === '')
        throw new ApiError('BAD_REQUEST', 'a database folder is required');
      const abs = await requireFolder(path, 'the database');
      ctx.database = { path: abs, source: 'opened' };
      await rememberDatabase(ctx.appDataDir, abs).catch(() => undefined); // a read-only app-data folder must not block opening
      return info();
    },

    async chooseDatabaseFolder() {
      return ctx.dialogs ? ctx.dialogs.chooseFolder() : null;
    },

    listSubjects: () => listSubjects(ctx.database.path),

    async loadVolume(subject, transform, path, frame = 0) {
      await subjectDir(ctx, subject);
      checkName(transform, 'transform');
      if (!Number.isInteger(frame) || frame < 0)
        throw new ApiError('BAD_REQUEST', `frame must be an integer ≥ 0, got ${frame}`);
      const abs = allowedPath(ctx, path);
      const [xfm, volume] = await Promise.all([
        readTransformInfo(ctx.database.path, subject, transform),
        readVolumeFile(abs, frame),
      ]);
      checkVolumeShape(abs, volume.dims, xfm);
      const labels = await labelsFor(dirname(abs), templateName(abs));
      const result: VolumeData = {
        path: abs,
        dims: volume.dims,
        values: volume.data,
        ...valueStats(volume.data),
      };
      if (labels) result.labels = labels;
      return result;
    },

    async loadVertexData(subject, path) {
      await subjectDir(ctx, subject);
      const abs = allowedPath(ctx, path);
      const surfaces = await loadSubjectSurfaces(ctx.database.path, subject);
      const counts = [surfaces.flat.lh.points.length / 3, surfaces.flat.rh.points.length / 3] as const;
      const values = await readVertexDataFile(abs, counts);
      const labels = await labelsFor(dirname(abs), templateName(abs));
      const result: VertexData = { path: abs, values, ...valueStats(values) };
      if (labels) result.labels = labels;
      return result;
    },

    async chooseTemplateFile() {
      if (!ctx.dialogs) return null;
      const file = await ctx.dialogs.chooseFile(TEMPLATE_FILTERS);
      if (!file) return null;
      for (const f of companions(file)) ctx.chosenFiles.add(real(f));
      return file;
    },
  };
}

/** A subject is a plain folder name inside the open database. */
async function subjectDir(ctx: BackendContext, subject: string): Promise<string> {
  checkName(subject, 'subject');
  const dir = join(ctx.database.path, subject);
  if (!(await stat(dir).catch(() => null))?.isDirectory())
    throw new ApiError('NOT_FOUND', `no subject ${JSON.stringify(subject)} in ${ctx.database.path}`, dir);
  return dir;
}

function checkName(name: unknown, what: string): void {
  if (typeof name !== 'string' || name === '' || name === '.' || name === '..' || /[\\/\0]/.test(name))
    throw new ApiError('BAD_REQUEST', `bad ${what} name ${JSON.stringify(name)}`);
}

/** The chosen file plus the files read with it: the other hemisphere of an lh./rh. pair. */
function companions(file: string): string[] {
  const m = /^(lh|rh)\.(.+\.(mgz|mgh))$/i.exec(basename(file));
  if (!m) return [file];
  return [file, join(dirname(file), `${m[1].toLowerCase() === 'lh' ? 'rh' : 'lh'}.${m[2]}`)];
}

function real(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    return p;
  }
}
