import type { LabelEntry } from '../../shared/api.js';
import { labelImage, meanImage, vertexImage } from '../../shared/flatmap/compose.js';
import type { TemplateData, TemplateDisplay } from '../state/editor-store.js';
import { continuousRgba, labelRgba } from './raster-images.js';
import type { ImageDataLike } from './raster-images.js';

/**
 * The template on the flatmap, composed here: label volumes crisp at mid-depth with
 * categorical colours, continuous volumes as pycortex's depth mean through a colour map,
 * per-vertex data through the vertex map. The per-pixel values are kept per template so
 * display changes only recolour.
 */

const kindCache = new WeakMap<TemplateData, boolean>();
const valueCache = new WeakMap<TemplateData, { labels?: Float32Array; data?: Float32Array }>();

/** Few distinct integer values: a label volume even without a colour table (an EPI stored as ints is not). */
const MAX_UNTABLED_LABELS = 256;

function rawValues(t: TemplateData): Float32Array {
  return t.kind === 'volume' ? t.volume.values : t.vertexData.values;
}

/** What the template looks like: labels (a .ctab, or few integer values) or continuous data. */
export function looksLikeLabels(t: TemplateData): boolean {
  let known = kindCache.get(t);
  if (known === undefined) {
    const integer = t.kind === 'volume' ? t.volume.integerValued : t.vertexData.integerValued;
    known = integer && (templateLabels(t) !== undefined || distinctAtMost(rawValues(t), MAX_UNTABLED_LABELS));
    kindCache.set(t, known);
  }
  return known;
}

function distinctAtMost(values: Float32Array, limit: number): boolean {
  const seen = new Set<number>();
  for (const v of values) {
    if (Number.isNaN(v) || seen.has(v)) continue;
    seen.add(v);
    if (seen.size > limit) return false;
  }
  return true;
}

/** Labels unless the user chose otherwise. */
export function isLabelTemplate(t: TemplateData, display?: Pick<TemplateDisplay, 'asLabels'>): boolean {
  return display?.asLabels ?? looksLikeLabels(t);
}

export function templateLabels(t: TemplateData): readonly LabelEntry[] | undefined {
  return (t.kind === 'volume' ? t.volume.labels : t.vertexData.labels) ?? t.info.labels;
}

export function templateSize(t: TemplateData): { width: number; height: number } {
  return t.kind === 'volume' ? t.pixelMap : t.vertexMap;
}

export function templateValues(t: TemplateData, asLabels: boolean): Float32Array {
  let cached = valueCache.get(t);
  if (!cached) valueCache.set(t, (cached = {}));
  const key = asLabels ? 'labels' : 'data';
  let values = cached[key];
  if (!values) {
    if (t.kind === 'vertex') {
      values = vertexImage(t.vertexMap.vertex, t.vertexData.values);
      // as for volumes, negative labels mean "no label"
      if (asLabels) for (let p = 0; p < values.length; p++) if (values[p] < 0) values[p] = NaN;
    } else if (asLabels) values = labelImage(t.pixelMap, t.volume.values);
    else values = meanImage(t.pixelMap, t.volume.values);
    cached[key] = values;
  }
  return values;
}

export function templateRgba(t: TemplateData, display: TemplateDisplay): ImageDataLike {
  const { width, height } = templateSize(t);
  const asLabels = isLabelTemplate(t, display);
  const values = templateValues(t, asLabels);
  return asLabels
    ? labelRgba(values, width, height, templateLabels(t), display.onlyLabel)
    : continuousRgba(values, width, height, display.colormap, display.vmin, display.vmax);
}
