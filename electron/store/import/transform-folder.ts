import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../../../shared/api-errors.js';
import { fileError } from '../files/file-errors.js';
import { checkDatabaseFolder, TRANSFORM_BACKUP_DIR } from '../write/write-policy.js';

export interface WrittenTransformFolder {
  dir: string;
  /** where the replaced transform was moved, if one was replaced */
  backup?: string;
}

/**
 * The one place a transform folder reaches the disk: its files are written into a temporary
 * folder inside the subject and renamed to `transforms/<name>` only when complete, so pycortex
 * never sees half a transform. An existing transform is refused unless `replace`; then it is
 * moved to `transforms-backups/` first (outside `transforms/`, where pycortex would list it).
 * The folder, and the backups folder, must lie inside the database `db` (write-policy.ts).
 */
export async function writeTransformFolder(
  db: string,
  subjectDir: string,
  name: string,
  files: Record<string, Uint8Array | string>,
  replace: boolean,
): Promise<WrittenTransformFolder> {
  const dir = join(subjectDir, 'transforms', name);
  checkDatabaseFolder(db, dir);
  const exists = await stat(dir).then(
    () => true,
    () => false,
  );
  if (exists && !replace)
    throw new ApiError(
      'BAD_REQUEST',
      `${dir}: transform "${name}" already exists; choose another name or replace it`,
      dir,
    );
  // the replaced transform moves there: a link out of the database would carry it away
  if (exists) checkDatabaseFolder(db, join(subjectDir, TRANSFORM_BACKUP_DIR));
  const temp = join(subjectDir, `.roi-studio-transform-${randomBytes(6).toString('hex')}`);
  let backup: string | undefined;
  try {
    await mkdir(temp);
    // on disk before the rename makes them visible
    for (const [file, content] of Object.entries(files))
      await writeFile(join(temp, file), content, { flush: true });
    await mkdir(join(subjectDir, 'transforms'), { recursive: true });
    if (exists) {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      backup = join(subjectDir, TRANSFORM_BACKUP_DIR, `${name}.${stamp}`);
      await mkdir(join(subjectDir, TRANSFORM_BACKUP_DIR), { recursive: true });
      await rename(dir, backup);
    }
    // renaming onto a folder that appeared meanwhile fails (not empty): nothing is clobbered
    await rename(temp, dir);
    return backup ? { dir, backup } : { dir };
  } catch (e) {
    await rm(temp, { recursive: true, force: true });
    if (backup) await rename(backup, dir).catch(() => undefined);
    throw fileError(dir, e);
  }
}
