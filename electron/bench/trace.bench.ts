import { join } from 'node:path';
import { traceLabels } from '../../shared/roi/trace.js';
import { cleanOptions, loadTraceSubject, traceTemplate } from '../store/outputs/template-trace.js';
import { readVolumeFile } from '../store/database/volumes.js';
import { SHARED, SHARED_DB, SKIP_REASON } from '../testing/shared-data.js';

/** Time to trace every label of each sub-hcp32k template (target ≤ 300 ms per template). */
export async function run(): Promise<void> {
  if (!SHARED) {
    console.log(`trace: skipped, ${SKIP_REASON}`);
    return;
  }
  const t0 = performance.now();
  const ts = await loadTraceSubject(SHARED_DB, 'sub-hcp32k', 'func2mm');
  console.log(`trace: sub-hcp32k/func2mm raster + membership set-up (once per subject) ${ms(t0)}`);
  for (const template of ['prf-visualrois', 'floc-places', 'floc-faces']) {
    const file = join(SHARED_DB, 'sub-hcp32k', 'templates', `${template}.nii.gz`);
    const volume = await readVolumeFile(file);
    const values = new Float32Array(ts.pixelVoxel.length);
    for (let p = 0; p < values.length; p++)
      values[p] = ts.pixelVoxel[p] >= 0 ? volume.data[ts.pixelVoxel[p]] : NaN;
    const raster = { width: ts.width, height: ts.height, values };
    const options = { svgWidth: ts.svgWidth, svgHeight: ts.svgHeight, splitColumn: ts.splitColumn };
    const clean = { ...options, ...cleanOptions(ts.voxelPixels) };
    traceLabels(raster, options); // warm-up
    const runs = 5;
    const timed = (o: typeof clean) => {
      const t = performance.now();
      for (let i = 0; i < runs; i++) traceLabels(raster, o);
      return ((performance.now() - t) / runs).toFixed(1);
    };
    const labels = traceLabels(raster, options).length;
    const [raw, cleaned] = [timed(options), timed(clean)];
    const t2 = performance.now();
    await traceTemplate(SHARED_DB, 'sub-hcp32k', 'func2mm', file);
    console.log(
      `trace: ${template} (${labels} labels, ${ts.width}×${ts.height} raster) tracing raw ${raw} ms, clean ${cleaned} ms (target ≤ 300 ms); both with volume read, membership and Jaccards ${ms(t2)}`,
    );
  }
}

const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;
