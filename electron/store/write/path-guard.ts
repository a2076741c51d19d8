import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ApiError } from '../../../shared/api-errors.js';

/**
 * The path a read or write of `p` really reaches: symlinks resolved for the file when it exists,
 * else for its nearest existing folder (a new file is created where its folder's link points).
 */
export function realTarget(p: string): string {
  const abs = resolve(p);
  try {
    return realpathSync.native(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : join(realTarget(parent), basename(abs));
  }
}

/** True when `child` is `parent` or lies below it (after resolving symlinks). */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(realTarget(parent), realTarget(child));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** What the guard needs of the back end's context: the open database, the user's choices, dialogs. */
export interface PathScope {
  database: { path: string };
  chosenFiles: ReadonlySet<string>;
  dialogs?: unknown;
}

/**
 * Every path that reaches the store from the UI goes through here: it must lie inside the
 * opened database, be a file the user chose in a dialog, or lie inside a folder the user chose
 * (e.g. for exports). Returns the absolute path.
 */
export function allowedPath(ctx: PathScope, path: string): string {
  if (typeof path !== 'string' || path === '' || path.includes('\0'))
    throw new ApiError('BAD_REQUEST', 'a path is required');
  const abs = resolve(ctx.database.path, path);
  if (isInside(ctx.database.path, abs) || ctx.chosenFiles.has(realTarget(abs))) return abs;
  for (const chosen of ctx.chosenFiles) if (isFolder(chosen) && isInside(chosen, abs)) return abs;
  const next = ctx.dialogs
    ? 'choose it with Browse… to use it'
    : `copy it into the database (${ctx.database.path}), or restart serve with --db on a database that holds it`;
  throw new ApiError('FORBIDDEN', `${abs} is outside the open database; ${next}`, abs);
}
