import { lutSize } from '../flatmap/colormaps.js';
import { serializeSafe } from '../formats/path-writer.js';
import {
  COLORBAR_BOX,
  LABEL_SIZE,
  ROI_LINEWIDTH,
  SULCI_STYLE,
  tickLabel,
  type FigureData,
} from './make-figure.js';
import type { FigureLayer } from './overlay-layers.js';

/**
 * The same figure as vector SVG: the flatmap (curvature + data) as an embedded PNG; sulci and ROI
 * outlines as paths, clipped by their layer's clip path, and names as text, in pycortex's styles
 * (§5.4); the colour bar as a gradient.
 */
export interface FigureSvgInput {
  width: number;
  height: number;
  /** base64 PNG of the composed flatmap, drawn over the whole figure */
  basePng: string;
  rois: FigureLayer;
  sulci?: FigureLayer;
  svgWidth: number;
  svgHeight: number;
  data?: FigureData;
  labels?: boolean;
  colorbar?: boolean;
  linewidth?: number;
  labelSize?: number;
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function figureSvg(f: FigureSvgInput): string {
  const sx = f.width / f.svgWidth;
  const sy = f.height / f.svgHeight;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${f.width}" height="${f.height}" viewBox="0 0 ${f.width} ${f.height}">`,
    '<defs><filter id="dropshadow"><feGaussianBlur in="SourceAlpha" stdDeviation="2"/><feMerge><feMergeNode/><feMergeNode in="SourceGraphic"/></feMerge></filter></defs>',
    `<image x="0" y="0" width="${f.width}" height="${f.height}" preserveAspectRatio="none" style="image-rendering:pixelated" xlink:href="data:image/png;base64,${f.basePng}"/>`,
    `<g transform="scale(${sx} ${sy})">`,
  ];
  const labelSize = ((f.labelSize ?? LABEL_SIZE) * 3) / 4;
  const layers: [string, FigureLayer | undefined, string][] = [
    ['sulci', f.sulci, SULCI_STYLE],
    ['rois', f.rois, `stroke-width:${f.linewidth ?? ROI_LINEWIDTH};stroke-opacity:1`],
  ];
  for (const [id, layer, stroke] of layers) {
    if (!layer) continue;
    out.push(`<g id="${id}">`);
    if (layer.clip)
      out.push(
        `<defs><clipPath id="${id}-clip">${layer.clip.map((segs) => `<path d="${serializeSafe(segs)}"/>`).join('')}</clipPath></defs>`,
      );
    out.push(`<g${layer.clip ? ` clip-path="url(#${id}-clip)"` : ''}>`);
    for (const shape of layer.shapes)
      for (const segs of shape.paths)
        out.push(
          `<path d="${serializeSafe(segs)}" style="fill:none;stroke:#ffffff;${stroke};filter:url(#dropshadow)"><title>${esc(shape.name)}</title></path>`,
        );
    out.push('</g>');
    if (f.labels !== false)
      for (const shape of layer.shapes)
        for (const at of shape.labels) {
          if (!at) continue;
          const [x, y] = at;
          out.push(
            `<text x="${x.toFixed(2)}" y="${y.toFixed(2)}" style="font-family:Helvetica, sans-serif;font-size:${Number(labelSize.toFixed(3))}pt;font-weight:bold;font-style:italic;fill:#ffffff;text-anchor:middle;filter:url(#dropshadow)">${esc(shape.name)}</text>`,
          );
        }
    out.push('</g>');
  }
  out.push('</g>');
  if (f.colorbar !== false && f.data && !f.data.categorical) out.push(colorbar(f.width, f.height, f.data));
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function colorbar(W: number, H: number, d: FigureData): string {
  const [l, b, w, h] = COLORBAR_BOX;
  const x = l * W;
  const y = (1 - b - h) * H;
  const stops: string[] = [];
  const last = lutSize(d.lut) - 1;
  for (let k = 0; k <= 16; k++) {
    const e = Math.round((k / 16) * last);
    const rgb = `rgb(${d.lut[4 * e]},${d.lut[4 * e + 1]},${d.lut[4 * e + 2]})`;
    stops.push(`<stop offset="${(k / 16).toFixed(4)}" stop-color="${rgb}"/>`);
  }
  const ticks = [0, 0.5, 1].map((k) => {
    const v = d.vmin + k * (d.vmax - d.vmin);
    const tx = x + k * w * W;
    return `<line x1="${tx}" y1="${y + h * H}" x2="${tx}" y2="${y + h * H + 4}" stroke="#000"/><text x="${tx}" y="${y + h * H + 18}" style="font-family:Helvetica, sans-serif;font-size:10pt;text-anchor:middle">${tickLabel(v)}</text>`;
  });
  return [
    `<g id="colorbar"><defs><linearGradient id="cbar">${stops.join('')}</linearGradient></defs>`,
    `<rect x="${x}" y="${y}" width="${w * W}" height="${h * H}" fill="url(#cbar)" stroke="#000"/>`,
    ...ticks,
    '</g>',
  ].join('\n');
}
