import { labelImage, meanImage } from '../../shared/flatmap/compose.js';
import type { TemplateData, TemplateDisplay } from '../state/editor-store.js';
import { continuousRgba, labelRgba } from './raster-images.js';
import type { ImageDataLike } from './raster-images.js';

/**
 * The template on the flatmap, composed here from the pixel map and the volume: label volumes
 * crisp at mid-depth with categorical colours, continuous data as pycortex's depth mean through
 * a colour map. The per-pixel values are kept per template so display changes only recolour.
 */

const valueCache = new WeakMap<TemplateData, Float32Array>();

export function isLabelTemplate(t: TemplateData): boolean {
  return t.volume.integerValued;
}

export function templateValues(t: TemplateData): Float32Array {
  let values = valueCache.get(t);
  if (!values) {
    values = isLabelTemplate(t)
      ? labelImage(t.pixelMap, t.volume.values)
      : meanImage(t.pixelMap, t.volume.values);
    valueCache.set(t, values);
  }
  return values;
}

export function templateRgba(t: TemplateData, display: TemplateDisplay): ImageDataLike {
  const { width, height } = t.pixelMap;
  const values = templateValues(t);
  return isLabelTemplate(t)
    ? labelRgba(values, width, height, t.volume.labels ?? t.info.labels, display.onlyLabel)
    : continuousRgba(values, width, height, display.colormap, display.vmin, display.vmax);
}
