import type { Hemi } from '../subject.js';
import { traceLabels, type TraceOptions } from './trace.js';

/**
 * Re-draw an ROI from its vertex set on a (possibly re-imported or rotated) flatmap: every pixel
 * whose nearest flat vertex belongs to the set is inside, and the resulting region is traced
 * like a template label. The hemisphere comes from the vertex index, not from the position.
 */
export function reprojectVertexSet(
  pixelVertex: Int32Array,
  width: number,
  height: number,
  members: Uint8Array,
  nL: number,
  options: Omit<TraceOptions, 'splitColumn'>,
): Partial<Record<Hemi, string>> {
  const values = new Float32Array(pixelVertex.length);
  for (let p = 0; p < values.length; p++) {
    const v = pixelVertex[p];
    if (v >= 0 && members[v]) values[p] = v < nL ? 1 : 2;
  }
  const [lh, rh] = traceLabels({ width, height, values }, { ...options, splitColumn: width }, [1, 2]);
  const out: Partial<Record<Hemi, string>> = {};
  if (lh.paths.lh) out.lh = lh.paths.lh;
  if (rh.paths.lh) out.rh = rh.paths.lh;
  return out;
}
