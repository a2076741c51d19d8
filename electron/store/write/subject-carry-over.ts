import {
  chmod,
  copyFile,
  lstat,
  mkdir,
  readdir,
  readFile,
  readlink,
  symlink,
  utimes,
} from 'node:fs/promises';
import { join } from 'node:path';

/**
 * What a replaced subject hands on to the subject that replaces it: every file, folder and link
 * of the old subject that the new one does not have (transforms made by add-transform, templates
 * and views added by hand, the ROI sidecar, overlay backups, any file of the user's) is copied
 * over as it is. Where both have an entry the new one stays, and the old one is reported when
 * its bytes differ, so the caller can say where the old copy is kept.
 */

export interface CarriedOver {
  /** entries copied into the new subject (folders end in `/`), relative paths */
  kept: string[];
  /** entries of the old subject that the new one replaces with other content */
  replaced: string[];
}

/**
 * Copy into `newDir` what only `oldDir` has. `skip` names top-level entries never carried
 * (derived data such as pycortex's cache, which the new surfaces invalidate).
 */
export async function carryOver(
  oldDir: string,
  newDir: string,
  skip: readonly string[],
): Promise<CarriedOver> {
  const out: CarriedOver = { kept: [], replaced: [] };
  await walk(oldDir, newDir, '', skip, out);
  return out;
}

async function walk(
  oldDir: string,
  newDir: string,
  rel: string,
  skip: readonly string[],
  out: CarriedOver,
): Promise<void> {
  const entries = await readdir(join(oldDir, rel), { withFileTypes: true });
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = rel ? `${rel}/${e.name}` : e.name;
    if (!rel && skip.includes(e.name)) continue;
    const from = join(oldDir, path);
    const to = join(newDir, path);
    const there = await lstat(to).catch(() => null);
    if (!there) {
      await copyEntry(from, to);
      out.kept.push(e.isDirectory() ? `${path}/` : path);
    } else if (e.isDirectory() && there.isDirectory()) {
      await walk(oldDir, newDir, path, skip, out);
    } else if (!(await sameContent(from, to))) {
      out.replaced.push(e.isDirectory() ? `${path}/` : path);
    }
  }
}

/** A file (bytes, mode and times), a folder with everything in it, or a link as the link itself. */
async function copyEntry(from: string, to: string): Promise<void> {
  const st = await lstat(from);
  if (st.isSymbolicLink()) {
    await symlink(await readlink(from), to);
  } else if (st.isDirectory()) {
    await mkdir(to);
    for (const name of (await readdir(from)).sort()) await copyEntry(join(from, name), join(to, name));
    // the folder's own mode last: a read-only folder must still take its files
    await chmod(to, st.mode & 0o7777);
    await utimes(to, st.atime, st.mtime);
  } else if (st.isFile()) {
    await copyFile(from, to);
    await utimes(to, st.atime, st.mtime);
  }
  // sockets, fifos and devices are not data; they stay in the replaced subject's backup only
}

async function sameContent(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([lstat(a), lstat(b)]);
  if (!sa.isFile() || !sb.isFile() || sa.size !== sb.size) return false;
  return (await readFile(a)).equals(await readFile(b));
}
