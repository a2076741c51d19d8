import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { DEMO_MARKER, DEMO_VERSION, generateDemoDatabase } from '../../shared/demo/demo-database.js';

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
 * Write the demo filestore to `outDir`, replacing a previous demo output there. Refuses a
 * folder that has other content (or a file at that path) and changes nothing in that case.
 */
export async function writeDemoDatabase(outDir: string): Promise<string> {
  const target = resolve(outDir);
  const info = await stat(target).catch(() => null);
  if (info && !info.isDirectory()) throw new Error(`${target} exists and is not a folder`);
  if (info && (await readdir(target)).length > 0 && (await demoVersionAt(target)) === null)
    throw new Error(`${target} is not empty and is not a demo database; choose an empty or new folder`);
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
