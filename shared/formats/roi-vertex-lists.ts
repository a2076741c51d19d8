import type { RoiVertices } from '../api.js';

/**
 * Per-ROI vertex lists for analysis code: JSON exactly as `rois --json` prints it
 * (`{ "NAME": { "lh": [...], "rh": [...] } }`, hemisphere-local, sorted — `cortex.get_roi_verts`
 * split by hemisphere), and CSV with one row per vertex.
 */

export function encodeVertexJson(rois: Record<string, RoiVertices>): string {
  return JSON.stringify(rois) + '\n';
}

/** `roi,hemisphere,vertex` rows; names with commas or quotes are quoted. */
export function encodeVertexCsv(rois: Record<string, RoiVertices>): string {
  const lines = ['roi,hemisphere,vertex'];
  for (const [name, verts] of Object.entries(rois)) {
    const cell = /[",\r\n]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name;
    for (const hemi of ['lh', 'rh'] as const) for (const v of verts[hemi]) lines.push(`${cell},${hemi},${v}`);
  }
  return lines.join('\n') + '\n';
}
