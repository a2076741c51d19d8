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

const valueCache = new WeakMap<TemplateData, Float32Array>();

export function isLabelTemplate(t: TemplateData): boolean {
  return t.kind === 'volume' ? t.volume.integerValued : t.vertexData.integerValued;
}

export function templateLabels(t: TemplateData): readonly LabelEntry[] | undefined {
  return (t.kind === 'volume' ? t.volume.labels : t.vertexData.labels) ?? t.info.labels;
}

export function templateSize(t: TemplateData): { width: number; height: number } {
  return t.kind === 'volume' ? t.pixelMap : t.vertexMap;
}

export function templateValues(t: TemplateData): Float32Array {
  let values = valueCache.get(t);
  if (!values) {
    if (t.kind === 'vertex') {
      values = vertexImage(t.vertexMap.vertex, t.vertexData.values);
      // as for volumes, negative labels mean "no label"
      if (t.vertexData.integerValued)
        for (let p = 0; p < values.length; p++) if (values[p] < 0) values[p] = NaN;
    } else if (t.volume.integerValued) values = labelImage(t.pixelMap, t.volume.values);
    else values = meanImage(t.pixelMap, t.volume.values);
    valueCache.set(t, values);
  }
  return values;
}

export function templateRgba(t: TemplateData, display: TemplateDisplay): ImageDataLike {
  const { width, height } = templateSize(t);
  const values = templateValues(t);
  return isLabelTemplate(t)
    ? labelRgba(values, width, height, templateLabels(t), display.onlyLabel)
    : continuousRgba(values, width, height, display.colormap, display.vmin, display.vmax);
}
