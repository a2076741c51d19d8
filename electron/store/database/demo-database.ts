import { randomBytes } from 'node:crypto';
import { cp, lstat, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { DEMO_MARKER, DEMO_VERSION, generateDemoDatabase } from '../../../shared/demo/demo-database.js';
import { parseOverlay } from '../../../shared/formats/overlay-svg.js';
import { BACKUP_DIR } from '../write/overlay-store.js';
import { carryOver } from '../write/subject-carry-over.js';
import { checkDemoTarget } from '../write/write-policy.js';

/**
 * The demo database on disk. It is always built in a temporary sibling folder and renamed into
 * place, so a reader never sees half a database and an interrupted run leaves nothing behind.
 */

/** Name of the demo filestore inside the app-data folder. */
export const DEMO_FOLDER = 'demo-db';

/** The demo filestore in `dataDir`, generated on first use or when the generator changed. */
export async function ensureDemoDatabase(dataDir: string): Promise<string> {
  const target = join(resolve(dataDir), DEMO_FOLDER);
  if ((await demoVersionAt(target)) === DEMO_VERSION) return target;
  await install(target, true);
  return target;
}

/**
 * A user's work in an earlier demo database, carried into the new one before it replaces the
 * old: subjects and files the generator does not make (links kept as links), and in its
 * subjects every file it does not write (added transforms, templates, the sidecar, backups;
 * not the cache), and overlays.svg when it
 * differs from the new generator's — kept in place while the canvas size is the same, else
 * moved to `overlays-backups/` with a `warning.txt` that the subject list shows (its ROIs can
 * then be restored from the sidecar).
 */
async function carryUserWork(oldDb: string, newDb: string): Promise<void> {
  const entries = await readdir(oldDb, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const from = join(oldDb, e.name);
    const to = join(newDb, e.name);
    // the user's own entries (files, linked subjects, folders) go across as they are
    if (!(await lstat(to).catch(() => null))) {
      await cp(from, to, { recursive: true, verbatimSymlinks: true });
      continue;
    }
    if (!e.isDirectory() || !(await isDirectory(to))) continue;
    await carryOver(from, to, ['cache']);
    const mine = await readFile(join(from, 'overlays.svg'), 'utf8').catch(() => null);
    const theirs = await readFile(join(to, 'overlays.svg'), 'utf8').catch(() => null);
    if (mine === null || mine === theirs) continue;
    if (theirs !== null && sameCanvas(mine, theirs)) {
      await writeFile(join(to, 'overlays.svg'), mine);
      continue;
    }
    const kept = join(BACKUP_DIR, `overlays-before-demo-v${DEMO_VERSION}.svg`);
    await mkdir(join(to, BACKUP_DIR), { recursive: true });
    await writeFile(join(to, kept), mine);
    // named where it will be once the new database is in place
    const note = `The demo database was upgraded to version ${DEMO_VERSION}, whose flatmap has another size: your overlays.svg was moved to ${join(from, kept)}. Restore ROIs from sidecar re-draws its ROIs on the new flatmap.`;
    await writeFile(join(to, 'warning.txt'), `${note}\n`);
    console.warn(`roi-studio: ${note}`);
  }
}

async function isDirectory(path: string): Promise<boolean> {
  return !!(await stat(path).catch(() => null))?.isDirectory();
}

function sameCanvas(a: string, b: string): boolean {
  try {
    const [x, y] = [parseOverlay(a), parseOverlay(b)];
    return x.width === y.width && x.height === y.height;
  } catch {
    return false;
  }
}

/**
 * Write the demo filestore to `outDir`, replacing a previous demo output there with the user's
 * work in it carried over. Refuses a folder that has other content (or a file at that path) and
 * changes nothing in that case.
 */
export async function writeDemoDatabase(outDir: string): Promise<string> {
  const target = resolve(outDir);
  checkDemoTarget(target, (await demoVersionAt(target)) !== null);
  await install(target, false);
  return target;
}

/** The version recorded by a generated demo database at `dir`, or null if it is none. */
export async function demoVersionAt(dir: string): Promise<number | null> {
  try {
    const marker = JSON.parse(await readFile(join(dir, DEMO_MARKER), 'utf8')) as { version?: unknown };
    return typeof marker.version === 'number' ? marker.version : null;
  } catch {
    return null;
  }
}

async function install(target: string, acceptCurrent: boolean): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const tmp = sibling(target, 'tmp');
  await mkdir(tmp);
  try {
    for (const file of generateDemoDatabase()) {
      const path = join(tmp, ...file.path.split('/'));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.bytes);
    }
    await carryUserWork(target, tmp);
    for (let attempt = 0; ; attempt++) {
      try {
        await rename(tmp, target);
        return;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if ((code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'EPERM') || attempt >= 3) throw e;
      }
      // another process may have installed the same version meanwhile: keep theirs
      if (acceptCurrent && (await demoVersionAt(target)) === DEMO_VERSION) break;
      const old = sibling(target, 'old');
      try {
        await rename(target, old);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
      await rm(old, { recursive: true, force: true });
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** A unique hidden folder name beside `target` (same file system, so renames are atomic). */
function sibling(target: string, kind: string): string {
  return join(
    dirname(target),
    `.${basename(target)}.${kind}-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
}
