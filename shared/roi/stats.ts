import type { FlatGeometry, RoiVertices } from '../api.js';
import type { LabelEntry } from '../subject.js';

/**
 * Figures for the ROI list: vertices per hemisphere, flat area, and how much of the ROI lies in
 * each template label. Pure; the UI calls it with what it already holds (flat geometry, the
 * ROI's membership, per-vertex template values).
 */

export interface LabelOverlap {
  label: number;
  name?: string;
  /** vertices of the ROI carrying this label */
  vertices: number;
  /** share of the ROI's vertices, 0–100 */
  percent: number;
}

export interface RoiStats {
  lh: number;
  rh: number;
  /** flat area in mm² (each flat triangle contributes its area × members among its corners / 3) */
  flatAreaMm2: number;
  /** labels found under the ROI, largest share first (absent when no template values are given) */
  overlap?: LabelOverlap[];
}

type Geometry = Pick<FlatGeometry, 'nL' | 'svgXY' | 'triangles' | 'extents' | 'svgWidth' | 'svgHeight'>;

export function roiStats(
  roi: RoiVertices,
  geometry: Geometry,
  vertexLabels?: ArrayLike<number>,
  labelTable?: readonly LabelEntry[],
): RoiStats {
  const { nL, svgXY, triangles } = geometry;
  const n = svgXY.length / 2;
  const member = new Uint8Array(n);
  for (const v of roi.lh) if (v < nL) member[v] = 1;
  for (const v of roi.rh) if (nL + v < n) member[nL + v] = 1;

  // SVG units → flat millimetres, per axis (§6.2 normalises x and y independently)
  const [xmin, xmax, ymin, ymax] = geometry.extents;
  const mmPerSvg2 = ((xmax - xmin) / geometry.svgWidth) * ((ymax - ymin) / geometry.svgHeight);
  let area = 0;
  for (let t = 0; t < triangles.length; t += 3) {
    const a = triangles[t];
    const b = triangles[t + 1];
    const c = triangles[t + 2];
    const k = member[a] + member[b] + member[c];
    if (k === 0) continue;
    const cross =
      (svgXY[2 * b] - svgXY[2 * a]) * (svgXY[2 * c + 1] - svgXY[2 * a + 1]) -
      (svgXY[2 * c] - svgXY[2 * a]) * (svgXY[2 * b + 1] - svgXY[2 * a + 1]);
    area += (Math.abs(cross) / 2) * (k / 3);
  }

  const stats: RoiStats = { lh: roi.lh.length, rh: roi.rh.length, flatAreaMm2: area * mmPerSvg2 };
  if (vertexLabels) stats.overlap = labelOverlap(member, vertexLabels, labelTable);
  return stats;
}

function labelOverlap(
  member: Uint8Array,
  vertexLabels: ArrayLike<number>,
  table?: readonly LabelEntry[],
): LabelOverlap[] {
  const counts = new Map<number, number>();
  let total = 0;
  for (let v = 0; v < member.length; v++) {
    if (!member[v]) continue;
    total++;
    const label = vertexLabels[v];
    if (label > 0 && Number.isInteger(label)) counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const names = new Map((table ?? []).map((e) => [e.index, e.name]));
  return [...counts]
    .map(([label, vertices]) => ({
      label,
      name: names.get(label),
      vertices,
      percent: (100 * vertices) / total,
    }))
    .sort((a, b) => b.vertices - a.vertices || a.label - b.label);
}

/**
 * Template value per vertex from rasters the UI already has: every pixel votes for its nearest
 * vertex (VertexMap.vertex) with its value (e.g. template[PixelMap.mid]); each vertex takes its
 * most frequent value. Vertices no pixel reaches get NaN.
 */
export function vertexLabelsFromPixels(
  pixelVertex: Int32Array,
  pixelValue: ArrayLike<number>,
  vertexCount: number,
): Float32Array {
  const out = new Float32Array(vertexCount).fill(NaN);
  const votes = new Map<number, Map<number, number>>();
  for (let p = 0; p < pixelVertex.length; p++) {
    const v = pixelVertex[p];
    const value = pixelValue[p];
    if (v < 0 || v >= vertexCount || Number.isNaN(value)) continue;
    let m = votes.get(v);
    if (!m) votes.set(v, (m = new Map()));
    m.set(value, (m.get(value) ?? 0) + 1);
  }
  for (const [v, m] of votes) {
    let best = NaN;
    let bestCount = 0;
    for (const [value, count] of m) if (count > bestCount) [best, bestCount] = [value, count];
    out[v] = best;
  }
  return out;
}
