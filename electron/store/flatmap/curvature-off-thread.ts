import { pycortexCurvature } from '../../../shared/mesh/curvature.js';
import { FlatmapWorker, WorkerJobError } from './flatmap-worker-client.js';

/**
 * pycortex's curvature of one hemisphere on its own worker thread: seconds of conjugate
 * gradients that must not freeze the main (or serve) process, and two hemispheres then use both
 * cores. The worker lives for this one job. Where workers cannot start, this thread computes
 * the same values.
 */
export async function pycortexCurvatureOffThread(
  points: Float32Array,
  triangles: Uint32Array,
): Promise<Float64Array> {
  let worker: FlatmapWorker;
  try {
    worker = new FlatmapWorker();
  } catch {
    return pycortexCurvature(points, triangles);
  }
  try {
    const reply = await worker.request({ kind: 'curvature', points, triangles });
    if (!('curvature' in reply)) throw new WorkerJobError('flatmap worker sent no curvature');
    return reply.curvature;
  } catch (e) {
    if (e instanceof WorkerJobError) throw new Error(e.message, { cause: e });
    return pycortexCurvature(points, triangles);
  } finally {
    worker.terminate();
  }
}
