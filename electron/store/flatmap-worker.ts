import { parentPort } from 'node:worker_threads';
import { buildPixelRows } from '../../shared/flatmap/pixel-map.js';
import type { PixelRowsReply, PixelRowsRequest } from './flatmap-worker-protocol.js';

/**
 * Worker thread entry: computes bands of pixel-map rows so the main (or serve) process stays
 * responsive and both cores work. Inputs arrive in SharedArrayBuffers (no copy); the result
 * arrays are transferred back.
 */
const port = parentPort;
if (!port) throw new Error('flatmap-worker must run as a worker thread');

port.on('message', (req: PixelRowsRequest) => {
  let reply: PixelRowsReply;
  try {
    const rows = buildPixelRows(req.input, req.rowStart, req.rowEnd);
    reply = { id: req.id, rows };
    const buffers = [rows.indptr, rows.mid, rows.voxels, rows.weights].map((a) => a.buffer as ArrayBuffer);
    port.postMessage(reply, buffers);
  } catch (e) {
    reply = { id: req.id, error: e instanceof Error ? e.message : String(e) };
    port.postMessage(reply);
  }
});
