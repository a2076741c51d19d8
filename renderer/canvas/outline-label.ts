import type { LabelEntry } from '../../shared/api.js';
import { fillPolygon } from '../../shared/flatmap/polygon-fill.js';
import type { TemplateData, TemplateDisplay } from '../state/editor-store.js';
import { isLabelTemplate, templateLabels, templateSize, templateValues } from './template-image.js';

/**
 * Which template label an outline covers most: it names a new ROI (an outline drawn around
 * 58 % V2 is proposed as "V2"). Counted over the template's pixels inside the outline.
 */

/** Below this share of the outline's pixels no label speaks for it. */
export const MIN_LABEL_SHARE = 0.3;

export interface OutlineLabel {
  name: string;
  /** of the outline's pixels, 0–1 */
  share: number;
}

/**
 * `ring` in SVG coordinates over a frame of `svgWidth × svgHeight`; `values` the per-pixel label
 * image (`width × height`, NaN off labels, spanning the frame with inclusive endpoints).
 * Label 0 is the background ("Unknown" in FreeSurfer tables) and never names an ROI.
 */
export function dominantLabel(
  ring: readonly number[],
  svgWidth: number,
  svgHeight: number,
  values: Float32Array,
  width: number,
  height: number,
  labels: readonly LabelEntry[] | undefined,
): OutlineLabel | null {
  const xy = ring.map((v, i) =>
    i % 2 === 0 ? (v / svgWidth) * (width - 1) + 0.5 : (v / svgHeight) * (height - 1) + 0.5,
  );
  const inside = new Uint8Array(width * height);
  fillPolygon(inside, width, height, xy, 1);
  const counts = new Map<number, number>();
  let total = 0;
  for (let p = 0; p < inside.length; p++) {
    if (!inside[p]) continue;
    total++;
    const v = values[p];
    if (v > 0) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [v, n] of counts) if (best === null || n > counts.get(best)!) best = v;
  if (best === null || total === 0) return null;
  const share = counts.get(best)! / total;
  if (share < MIN_LABEL_SHARE) return null;
  const name = labels?.find((l) => l.index === best)?.name ?? `label ${best}`;
  return { name, share };
}

/** The label a ring covers most on the template shown, if the template is drawn as labels. */
export function outlineLabel(
  ring: readonly number[],
  template: TemplateData | null,
  display: TemplateDisplay,
  svgWidth: number,
  svgHeight: number,
): OutlineLabel | null {
  if (!template || !isLabelTemplate(template, display)) return null;
  const { width, height } = templateSize(template);
  const values = templateValues(template, true);
  return dominantLabel(ring, svgWidth, svgHeight, values, width, height, templateLabels(template));
}
