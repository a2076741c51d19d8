import {
  childElements,
  findLayer,
  layerShapes,
  type Element,
  type OverlayDocument,
} from '../formats/overlay-svg.js';
import { parsePath, type Segment } from '../formats/svg-path.js';
import { pycortexLabelPosition } from './pycortex-label-position.js';

/**
 * What a figure draws from an overlay, as pycortex's quickflat renders it: the shapes of the
 * `rois` and `sulci` layers (every direct `<path>` of each named shape group; the last group wins
 * on duplicate names, as in pycortex) and the clip path each layer's `shapes` group names in its
 * `clip-path` (pycortex writes `url(#edgeclip)`, the cortex's outline), which hides strokes off
 * the cortex. Labels are not clipped: their group carries no clip path.
 */
export interface FigureShape {
  name: string;
  /** absolute segments of each path, SVG user units */
  paths: Segment[][];
  /** where pycortex writes the name of each path (null: it cannot place one) */
  labels: ([number, number] | null)[];
}

export interface FigureLayer {
  shapes: FigureShape[];
  /** the clip path's subpaths (nonzero rule), or null when the layer is not clipped */
  clip: Segment[][] | null;
}

export interface FigureOverlay {
  width: number;
  height: number;
  rois: FigureLayer;
  sulci: FigureLayer;
}

export function figureOverlay(o: OverlayDocument): FigureOverlay {
  // layers naming the same clip path share one parsed copy, so a figure rasterises it once
  const clips = new Map<string, Segment[][] | null>();
  return {
    width: o.width,
    height: o.height,
    rois: figureLayer(o, 'rois', clips),
    sulci: figureLayer(o, 'sulci', clips),
  };
}

function figureLayer(o: OverlayDocument, name: string, clips: Map<string, Segment[][] | null>): FigureLayer {
  const layer = findLayer(o, name);
  if (!layer) return { shapes: [], clip: null };
  const byName = new Map<string, FigureShape>();
  for (const s of layerShapes(layer)) {
    const ds = s.paths.map((p) => p.getAttribute('d') ?? '');
    byName.set(s.name, { name: s.name, paths: ds.map(parsePath), labels: ds.map(pycortexLabelPosition) });
  }
  const shapes = [...byName.values()];
  return { shapes, clip: layer.shapes ? clipOf(o, layer.shapes, clips) : null };
}

/** The paths of the `<clipPath>` an element's `clip-path="url(#id)"` names (null when none). */
function clipOf(o: OverlayDocument, el: Element, clips: Map<string, Segment[][] | null>): Segment[][] | null {
  const ref = /^\s*url\(\s*#([^)\s]+)\s*\)\s*$/.exec(el.getAttribute('clip-path') ?? '');
  if (!ref) return null;
  if (!clips.has(ref[1])) {
    const clipPath = findById(o.root, 'clipPath', ref[1]);
    clips.set(
      ref[1],
      clipPath ? childElements(clipPath, 'path').map((p) => parsePath(p.getAttribute('d') ?? '')) : null,
    );
  }
  return clips.get(ref[1]) ?? null;
}

function findById(root: Element, local: string, id: string): Element | null {
  const stack: Element[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    if (el.localName === local && el.getAttribute('id') === id) return el;
    for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) stack.push(c as Element);
  }
  return null;
}
