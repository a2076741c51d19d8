import type { FlatGeometry, RoiVertices, VertexSampling } from '../../shared/api.js';
import { shadeCurvature } from '../../shared/flatmap/curvature-shading.js';
import type { VertexAdjacency } from '../../shared/mesh/vertex-adjacency.js';
import { applyVertexSampling, labelsAtVertices } from '../../shared/mesh/vertex-mappers.js';
import { curvatureRgba, continuousRgba, labelRgba } from '../canvas/raster-images.js';
import { roiColour } from '../canvas/roi-colour.js';
import { isLabelTemplate, templateLabels } from '../canvas/template-image.js';
import type { TemplateData, TemplateDisplay } from '../state/editor-store.js';
import type { RoiDocument } from '../state/roi-document.js';
import { roiMembership } from '../state/roi-counts.js';

/**
 * Per-vertex colours of the 3-D view, by the flatmap's own rules: the curvature grey levels,
 * the template's label colours or colour map (values per vertex from pycortex's vertex mapper),
 * drawn at the template opacity, then the ROIs (a translucent fill and an opaque border, the
 * selected one stronger) and the linked cursor. RGBA bytes, one quadruple per merged vertex.
 */

/** A 1-pixel-high "image" of n values: the flatmap's colouring functions take images. */
const row = (n: number) => ({ width: n, height: 1 });

export function curvatureColours(curvature: Float32Array): Uint8ClampedArray {
  const identity = new Int32Array(curvature.length);
  for (let v = 0; v < identity.length; v++) identity[v] = v;
  const shaded = shadeCurvature(identity, curvature);
  return curvatureRgba({ ...row(curvature.length), value: shaded }).data;
}

/** The shown template's value per vertex: labels from the voxel with most weight, data averaged. */
export function templateVertexValues(
  t: TemplateData,
  display: TemplateDisplay,
  sampling: VertexSampling | null,
): Float32Array | null {
  if (t.kind === 'vertex') return t.vertexData.values;
  if (!sampling) return null;
  return isLabelTemplate(t, display)
    ? labelsAtVertices(sampling, t.volume.values)
    : applyVertexSampling(sampling, t.volume.values, NaN);
}

export function templateColours(
  t: TemplateData,
  display: TemplateDisplay,
  values: Float32Array,
): Uint8ClampedArray {
  const size = row(values.length);
  return isLabelTemplate(t, display)
    ? labelRgba(values, size.width, 1, templateLabels(t), display.onlyLabel).data
    : continuousRgba(values, size.width, 1, display.colormap, display.vmin, display.vmax).data;
}

/** `over` (RGBA, alpha per vertex) drawn on `under` at `opacity`, in place; `under` stays opaque. */
export function drawOnto(under: Uint8ClampedArray, over: Uint8ClampedArray, opacity: number): void {
  for (let i = 0; i < under.length; i += 4) {
    const a = (over[i + 3] / 255) * opacity;
    if (a <= 0) continue;
    for (let c = 0; c < 3; c++) under[i + c] = Math.round(under[i + c] * (1 - a) + over[i + c] * a);
  }
}

export const ROI_FILL_OPACITY = 0.35;
export const SELECTED_FILL_OPACITY = 0.6;
export const SELECTED_BORDER: readonly [number, number, number] = [255, 255, 255];
export const CURSOR_COLOUR: readonly [number, number, number] = [0, 255, 255];

function parseRgb(css: string): [number, number, number] {
  const m = /rgb\((\d+),(\d+),(\d+)\)/.exec(css.replace(/\s/g, ''));
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [255, 255, 255];
}

/** An ROI's merged vertices, and whether each lies on its border (a neighbour outside it). */
interface RoiVertexSet {
  members: Uint32Array;
  border: Uint8Array;
}

/** Per mesh, per membership: an ROI left unchanged by an edit is not walked again. */
const vertexSets = new WeakMap<VertexAdjacency, WeakMap<RoiVertices, RoiVertexSet>>();

function roiVertexSet(m: RoiVertices, nL: number, adjacency: VertexAdjacency): RoiVertexSet {
  let byMembership = vertexSets.get(adjacency);
  if (!byMembership) vertexSets.set(adjacency, (byMembership = new WeakMap()));
  const known = byMembership.get(m);
  if (known) return known;
  const members = new Uint32Array(m.lh.length + m.rh.length);
  members.set(m.lh);
  for (let k = 0; k < m.rh.length; k++) members[m.lh.length + k] = m.rh[k] + nL;
  const inside = new Uint8Array(adjacency.indptr.length - 1);
  for (const v of members) inside[v] = 1;
  const border = new Uint8Array(members.length);
  for (let k = 0; k < members.length; k++) {
    const v = members[k];
    for (let e = adjacency.indptr[v]; e < adjacency.indptr[v + 1]; e++)
      if (!inside[adjacency.indices[e]]) {
        border[k] = 1;
        break;
      }
  }
  const set = { members, border };
  byMembership.set(m, set);
  return set;
}

function paint(out: Uint8ClampedArray, v: number, rgb: readonly number[], a: number): void {
  for (let c = 0; c < 3; c++) out[4 * v + c] = Math.round(out[4 * v + c] * (1 - a) + rgb[c] * a);
}

/** ROIs onto `out`: the same membership as the ROI list (saved sets, else computed live from the outline). */
export function drawRois(
  out: Uint8ClampedArray,
  doc: RoiDocument,
  geometry: FlatGeometry,
  saved: Record<string, RoiVertices> | null,
  adjacency: VertexAdjacency,
  selectedKey: string | null,
  hidden: ReadonlySet<string>,
): void {
  // the selected ROI last, so it stays on top
  const order = [...doc.rois].sort((a, b) => Number(a.key === selectedKey) - Number(b.key === selectedKey));
  for (const roi of order) {
    if (hidden.has(roi.key)) continue;
    const m = roiMembership(roi, geometry, saved);
    if ('error' in m) continue;
    const { members, border } = roiVertexSet(m, geometry.nL, adjacency);
    const selected = roi.key === selectedKey;
    const rgb = parseRgb(roiColour(roi.name));
    const fill = selected ? SELECTED_FILL_OPACITY : ROI_FILL_OPACITY;
    for (let k = 0; k < members.length; k++) {
      if (border[k]) paint(out, members[k], selected ? SELECTED_BORDER : rgb, 1);
      else paint(out, members[k], rgb, fill);
    }
  }
}

/** The linked cursor's vertices: the vertex and its neighbours, so it is visible at any zoom. */
export function cursorVertices(vertex: number, adjacency: VertexAdjacency): number[] {
  const out = new Set<number>([vertex]);
  for (let e = adjacency.indptr[vertex]; e < adjacency.indptr[vertex + 1]; e++) out.add(adjacency.indices[e]);
  return [...out];
}

/** Paint the cursor's vertices in its colour. */
export function drawCursor(out: Uint8ClampedArray | Uint8Array, vertices: readonly number[]): void {
  for (const v of vertices) for (let c = 0; c < 3; c++) out[4 * v + c] = CURSOR_COLOUR[c];
}

/**
 * The layers under the ROIs, bottom to top: curvature, then the template at its opacity. Kept
 * apart so an ROI edit recomposes from here without recolouring the template.
 */
export function surfaceUnderlay(
  curvature: Uint8ClampedArray,
  template: { colours: Uint8ClampedArray; opacity: number } | null,
): Uint8ClampedArray {
  const out = new Uint8ClampedArray(curvature);
  // off-flatmap vertices have no curvature level: a neutral grey keeps the mesh visible
  for (let i = 0; i < out.length; i += 4)
    if (out[i + 3] === 0) {
      out[i] = out[i + 1] = out[i + 2] = 128;
      out[i + 3] = 255;
    }
  if (template) drawOnto(out, template.colours, template.opacity);
  return out;
}
