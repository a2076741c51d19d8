import { parentPort } from 'node:worker_threads';
import { buildFlatDelaunay, mapDelaunayArrays } from '../../../shared/flatmap/flat-delaunay.js';
import { buildPixelRows } from '../../../shared/flatmap/pixel-map.js';
import { pycortexCurvature } from '../../../shared/mesh/curvature.js';
import { toShared } from './shared-memory.js';
import type { WorkerReply, WorkerRequest } from './flatmap-worker-protocol.js';

/**
 * Worker thread entry for the engine's heavy computations, so the main (or serve) process
 * stays responsive and both cores work: the flat Delaunay triangulation (returned in shared
 * memory), bands of pixel-map rows (inputs in SharedArrayBuffers, no copy) and one
 * hemisphere's curvature. Other results are transferred back.
 */
const port = parentPort;
if (!port) throw new Error('flatmap-worker must run as a worker thread');

port.on('message', (req: WorkerRequest) => {
  try {
    if (req.kind === 'pixel-rows') {
      const rows = buildPixelRows(req.input, req.rowStart, req.rowEnd);
      const reply: WorkerReply = { id: req.id, rows };
      const buffers = [rows.pixels, rows.lengths, rows.mid, rows.voxels, rows.samples].map(
        (a) => a.buffer as ArrayBuffer,
      );
      port.postMessage(reply, buffers);
    } else if (req.kind === 'delaunay') {
      const delaunay = mapDelaunayArrays(buildFlatDelaunay(req.frame), toShared);
      const reply: WorkerReply = { id: req.id, delaunay };
      port.postMessage(reply);
    } else {
      const curvature = pycortexCurvature(req.points, req.triangles);
      const reply: WorkerReply = { id: req.id, curvature };
      port.postMessage(reply, [curvature.buffer as ArrayBuffer]);
    }
  } catch (e) {
    const reply: WorkerReply = { id: req.id, error: e instanceof Error ? e.message : String(e) };
    port.postMessage(reply);
  }
});
