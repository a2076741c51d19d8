import type { FlatGeometry, RoiVertices, VertexMap } from '../../shared/api.js';
import { roiStats, vertexLabelsFromPixels, type RoiStats } from '../../shared/roi/stats.js';
import { templateLabels, templateValues } from '../canvas/template-image.js';
import type { TemplateData } from './editor-store.js';

/**
 * Statistics of the selected ROI from what the editor already holds: its membership, the flat
 * geometry and, for a label template, a label per vertex. Volume labels reach the vertices
 * through the rasters (each vertex takes the mid-depth label most of its pixels show), so no
 * back-end call is needed.
 */

const labelCache = new WeakMap<TemplateData, WeakMap<VertexMap, Float32Array | null>>();

/** A label per merged vertex (NaN where unknown), or null when the rasters do not line up. */
export function templateVertexLabels(
  template: TemplateData,
  geometry: Pick<FlatGeometry, 'nL' | 'nR'>,
  vertexMap: VertexMap | null,
): Float32Array | null {
  const n = geometry.nL + geometry.nR;
  if (template.kind === 'vertex') {
    return template.vertexData.values.length === n ? template.vertexData.values : null;
  }
  if (!vertexMap) return null;
  let byMap = labelCache.get(template);
  if (!byMap) labelCache.set(template, (byMap = new WeakMap()));
  let labels = byMap.get(vertexMap);
  if (labels === undefined) {
    const pixels = templateValues(template, true);
    labels =
      pixels.length === vertexMap.vertex.length ? vertexLabelsFromPixels(vertexMap.vertex, pixels, n) : null;
    byMap.set(vertexMap, labels);
  }
  return labels;
}

export function selectedRoiStats(
  membership: RoiVertices,
  geometry: FlatGeometry,
  labelTemplate: TemplateData | null,
  vertexMap: VertexMap | null,
): RoiStats {
  if (!labelTemplate) return roiStats(membership, geometry);
  const labels = templateVertexLabels(labelTemplate, geometry, vertexMap);
  return labels
    ? roiStats(membership, geometry, labels, templateLabels(labelTemplate))
    : roiStats(membership, geometry);
}
