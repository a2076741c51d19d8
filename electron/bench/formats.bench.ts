import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseGiftiSurfaceAsync } from '../../shared/formats/gifti.js';
import { readNifti } from '../../shared/formats/nifti.js';
import { forgetRememberedCurvature, loadCurvature } from '../store/flatmap/curvature.js';
import { nodeBase64 } from '../store/files/node-base64.js';
import { nodeInflateAsync } from '../store/files/node-inflate.js';
import { listSubjects } from '../store/database/subjects.js';
import { readVolumeFile } from '../store/database/volumes.js';
import { SHARED, SHARED_DB, SKIP_REASON } from '../testing/shared-data.js';
import { medianTime } from './median.js';

/**
 * Parsing speed of the real subjects' files: every GIFTI surface of S1 and sub-hcp32k (read
 * from disk, then parsed with Node's zlib as the store does), a template volume, and listing
 * the database (reference headers only). Median of a few runs; the target for S1 is well
 * under one second.
 */
const RUNS = 3;

export async function run(): Promise<void> {
  if (!SHARED) {
    console.log(`formats: skipped, ${SKIP_REASON}`);
    return;
  }
  for (const subject of ['S1', 'sub-hcp32k']) {
    const dir = join(SHARED_DB, subject, 'surfaces');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.gii')).sort();
    let bytes = 0;
    let vertices = 0;
    const parseAll = async () => {
      bytes = 0;
      vertices = 0;
      const texts = await Promise.all(files.map((f) => readFile(join(dir, f), 'latin1')));
      // as the store parses them: payloads inflate on the thread pool, all files at once
      const surfaces = await Promise.all(
        texts.map((t) => parseGiftiSurfaceAsync(t, nodeInflateAsync, { base64: nodeBase64 })),
      );
      for (const [i, t] of texts.entries()) {
        bytes += t.length;
        vertices += surfaces[i].points.length / 3;
      }
    };
    const ms = await medianTime(RUNS, parseAll);
    console.log(
      `${subject}: ${files.length} GIFTI files (${(bytes / 1e6).toFixed(1)} MB, ${vertices} vertices) read + parsed in ${ms.toFixed(0)} ms`,
    );
  }
  const template = join(SHARED_DB, 'sub-hcp32k', 'templates', 'prf-visualrois.nii.gz');
  const nii = await readFile(template);
  const portable = await medianTime(RUNS, async () => readNifti(nii));
  const store = await medianTime(RUNS, () => readVolumeFile(template));
  console.log(
    `sub-hcp32k prf-visualrois.nii.gz (80×99×75 int16): read + decoded ${store.toFixed(1)} ms (store, Node zlib); ${portable.toFixed(1)} ms decode with the portable inflater`,
  );
  const cache = await mkdtemp(join(tmpdir(), 'roi-studio-bench-curv-'));
  const cold = await medianTime(1, () => loadCurvature(SHARED_DB, 'S1', cache));
  const remembered = await medianTime(RUNS, () => loadCurvature(SHARED_DB, 'S1', cache));
  const warm = await medianTime(RUNS, () => {
    forgetRememberedCurvature();
    return loadCurvature(SHARED_DB, 'S1', cache);
  });
  await rm(cache, { recursive: true, force: true });
  console.log(
    `S1 curvature (no curvature.npz): computed like pycortex in ${(cold / 1000).toFixed(1)} s (surfaces included), ${warm.toFixed(0)} ms from the disk cache, ${remembered.toFixed(1)} ms when remembered`,
  );
  const legacyCache = await mkdtemp(join(tmpdir(), 'roi-studio-bench-curv-'));
  const legacyDb = join(SHARED, 'data', 'legacy-db');
  const legacy = await medianTime(1, () => loadCurvature(legacyDb, 'ANfs', legacyCache));
  await rm(legacyCache, { recursive: true, force: true });
  console.log(
    `ANfs curvature (legacy subject with twin faces): computed like pycortex in ${(legacy / 1000).toFixed(1)} s (surfaces included)`,
  );
  console.log(
    `listing ${SHARED_DB} (2 subjects, 3 reference headers): ${(await medianTime(RUNS, () => listSubjects(SHARED_DB))).toFixed(0)} ms`,
  );
}
