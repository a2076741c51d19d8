/**
 * A fresh `overlays.svg` laid out exactly as pycortex creates one for a subject that has none
 * (pycortex-formats.md §6.1; golden: S1/overlays-created-by-pycortex.svg): the `edgeclip` clip
 * path from the two flat boundary loops, the drop-shadow filter, the `data` layer, and the
 * `rois`, `sulci`, `cutouts` and `display` layers, each with `shapes` and `labels` groups.
 * pycortex's data layer holds rendered background images; ours is left empty.
 */

import { traceBoundaryLoops, twoLongestLoops } from '../flatmap/boundary.js';
import type { FlatFrame } from '../flatmap/flat-frame.js';

export interface OverlayShape {
  /** the shape's `inkscape:label` */
  name: string;
  /** path data, one `<path>` each (keep to the safe subset: absolute `M x,y L x,y …`) */
  paths: string[];
}

export interface CreateOverlayOptions {
  /** root size from svgSizeFor (float32 width, height 1024) */
  width: number;
  height: number;
  /** the two longest flat boundary loops, longest first, in SVG coordinates, interleaved x, y (see overlayClipLoops) */
  clipLoops: Float32Array[];
  /** optional shapes for the `sulci` layer (open paths drawn with the sulci style) */
  sulci?: OverlayShape[];
}

const LAYERS = ['sulci', 'cutouts', 'display'] as const;

export function createOverlaySvg(opts: CreateOverlayOptions): string {
  const w = pythonFloat(opts.width);
  const h = pythonFloat(opts.height);
  const lines = [
    `<svg xmlns:svg="http://www.w3.org/2000/svg" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="${w}" height="${h}" id="svg2" version="1.1">`,
    '  <defs id="defs4">',
    '    <clipPath id="edgeclip">',
    `      <path id="clippath" d="${clipPathData(opts.clipLoops)}"/>`,
    '    </clipPath>',
    '    <filter id="dropshadow">',
    '      <feGaussianBlur in="SourceAlpha" stdDeviation="2"/>',
    '      <feMerge>',
    '        <feMergeNode/>',
    '        <feMergeNode in="SourceGraphic"/>',
    '      </feMerge>',
    '    </filter>',
    '  </defs>',
    '  <g inkscape:label="data" inkscape:groupmode="layer" id="datalayer" transform="translate(0,0)" style="display:inline">',
    '  </g>',
    '  <g inkscape:label="rois" inkscape:groupmode="layer" id="rois" transform="translate(0,0)" style="display:inline;">',
    '    <g inkscape:label="shapes" inkscape:groupmode="layer" id="rois_shapes" transform="translate(0,0)" style="display:inline;" clip-path="url(#edgeclip)"/>',
    '    <g inkscape:label="labels" inkscape:groupmode="layer" id="rois_labels" transform="translate(0,0)" style="display:inline;">',
    '    </g>',
    '  </g>',
  ];
  for (const layer of LAYERS) {
    const shapes = layer === 'sulci' ? (opts.sulci ?? []) : [];
    const shapesOpen = `    <svg:g id="${layer}_shapes" style="display:inline;" inkscape:label="shapes" inkscape:groupmode="layer" clip-path="url(#edgeclip)"`;
    lines.push(
      `  <svg:g id="${layer}" style="display:inline;" inkscape:label="${layer}" inkscape:groupmode="layer">`,
    );
    if (shapes.length === 0) lines.push(`${shapesOpen}/>`);
    else {
      lines.push(`${shapesOpen}>`);
      for (const shape of shapes) lines.push(...shapeLines(layer, shape));
      lines.push('    </svg:g>');
    }
    lines.push(
      `    <svg:g id="${layer}_labels" style="display:inline;" inkscape:label="labels" inkscape:groupmode="layer"/>`,
      '  </svg:g>',
    );
  }
  lines.push('</svg>', '');
  return lines.join('\n');
}

function shapeLines(layer: string, shape: OverlayShape): string[] {
  const name = escapeXml(shape.name);
  const id = escapeXml(`${layer}_${shape.name}`);
  const out = [
    `      <svg:g id="${id}" style="display:inline;" inkscape:label="${name}" inkscape:groupmode="layer">`,
  ];
  shape.paths.forEach((d, i) =>
    out.push(
      `        <svg:path id="${id}_${i}" d="${escapeXml(d)}" style="fill:#000000;fill-opacity:0;stroke:#ffffff;stroke-width:6;stroke-opacity:0.6;stroke-linecap:round"/>`,
    ),
  );
  out.push('      </svg:g>');
  return out;
}

/**
 * The clip loops pycortex writes for a flat surface: the two longest boundary loops (longest
 * first) mapped with the generator's uniform float32 scale `height / (ymax − ymin)`, y flipped.
 * This, not flatToSvg's per-axis normalisation (one ulp apart), reproduces the clip paths of
 * pycortex-made files exactly (S1 golden and sub-hcp32k: every coordinate).
 */
export function overlayClipLoops(frame: FlatFrame, height = 1024): Float32Array[] {
  return loopsInGeneratorFrame(frame, twoLongestLoops(traceBoundaryLoops(frame.triangles)), height);
}

/** Already-traced boundary loops (merged vertex indices) in the generator's uniform float32 scale. */
export function loopsInGeneratorFrame(frame: FlatFrame, loops: number[][], height = 1024): Float32Array[] {
  const f32 = Math.fround;
  const [xmin, , ymin, ymax] = frame.extents;
  const scale = f32(height / f32(ymax - ymin));
  const h = f32(height);
  return loops.map((loop) => {
    const out = new Float32Array(2 * loop.length);
    loop.forEach((v, i) => {
      out[2 * i] = f32(f32(frame.xy[2 * v] - xmin) * scale);
      out[2 * i + 1] = f32(h - f32(f32(frame.xy[2 * v + 1] - ymin) * scale));
    });
    return out;
  });
}

/** pycortex's clip path text: per loop `M%f %f L%f %f, %f %f, …Z ` (the start point is repeated before Z). */
export function clipPathData(loops: Float32Array[]): string {
  let d = '';
  for (const loop of loops) {
    if (loop.length < 4) throw new Error('a clip loop needs at least two points');
    const pts: string[] = [];
    for (let i = 2; i < loop.length; i += 2) pts.push(`${percentF(loop[i])} ${percentF(loop[i + 1])}`);
    d += `M${percentF(loop[0])} ${percentF(loop[1])} L${pts.join(', ')}Z `;
  }
  return d;
}

/** Python `'%f' % x`: six decimals, exact value rounded half to even. */
export function percentF(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  if (Object.is(x, -0)) return '-0.000000';
  const s = x.toFixed(6);
  // toFixed resolves exact ties upward; a tie is x·10⁶ = n + ½ exactly, i.e. 2·10⁶·x odd
  const twice = Math.abs(x) * 2e6;
  if (Number.isInteger(twice) && twice % 2 === 1 && twice / 2e6 === Math.abs(x)) {
    const n = (twice - 1) / 2; // the lower neighbour; even one of n, n + 1 wins
    const even = n % 2 === 0 ? n : n + 1;
    const digits = String(even).padStart(7, '0');
    const text = `${digits.slice(0, -6)}.${digits.slice(-6)}`;
    return x < 0 ? `-${text}` : text;
  }
  return s;
}

/** Python `repr(float)` for plain magnitudes (SVG sizes): `.0` on integers. */
function pythonFloat(x: number): string {
  const s = String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
