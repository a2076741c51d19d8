import { appendIndented, ensureDefaultLayers, inkscapeQName, removeNode, svgQName } from './overlay-edit.js';
import {
  INKSCAPE_NS,
  SVG_NS,
  childElements,
  findLayer,
  labelOf,
  type Element,
  type OverlayDocument,
} from './overlay-svg.js';

/**
 * The pre-overlays `rois.svg` layout (pycortex-formats.md §6.10): ROI groups sit directly in a
 * top-level `rois` layer, texts in `roilabels`. pycortex converts such a file to overlays.svg on
 * first use; every reader here converts it the same way, so the UI, `rois`, `overlay merge` and
 * the first save all see the layers pycortex writes.
 */

/** A top-level `rois` layer without its `shapes` sub-layer: the legacy layout. */
export function hasLegacyLayout(o: OverlayDocument): boolean {
  const rois = findLayer(o, 'rois');
  return !!rois && !rois.shapes;
}

/** Convert in place when the document has the legacy layout; true when it did. */
export function upgradeLegacyLayout(o: OverlayDocument): boolean {
  if (!hasLegacyLayout(o)) return false;
  convertLegacyLayout(o);
  return true;
}

/**
 * pycortex's `import_roi`: keep `data`; set `roilabels` aside; wrap every other labelled top-level
 * layer L in a new layer L whose `shapes` is the old layer (`clip-path` set) and whose `labels` is
 * new; `rois/labels` becomes the old `roilabels`; missing default layers are appended. Ids are set
 * as pycortex sets them, without making them unique, so the result matches its file.
 */
export function convertLegacyLayout(o: OverlayDocument): void {
  let roiLabels: Element | null = null;
  const layers = childElements(o.root, 'g').filter((g) => labelOf(g) !== null);
  for (const old of layers) {
    const name = labelOf(old) as string;
    if (name === 'data') continue;
    if (name === 'roilabels') {
      roiLabels = old;
      removeNode(old);
      continue;
    }
    const wrapper = newLayer(o, name, name);
    appendIndented(o.root, wrapper);
    removeNode(old);
    relabel(o, old, `${name}_shapes`, 'shapes');
    old.setAttribute('clip-path', 'url(#edgeclip)');
    indentSubtree(old, '  ');
    appendIndented(wrapper, old);
    appendIndented(wrapper, newLayer(o, `${name}_labels`, 'labels'));
  }
  const rois = findLayer(o, 'rois');
  if (roiLabels && rois) {
    if (rois.labels) removeNode(rois.labels);
    relabel(o, roiLabels, 'rois_labels', 'labels');
    indentSubtree(roiLabels, '  ');
    appendIndented(rois.element, roiLabels);
  }
  ensureDefaultLayers(o);
}

/** pycortex's `_make_layer`: `<g id style inkscape:label inkscape:groupmode="layer">`. */
function newLayer(o: OverlayDocument, id: string, label: string): Element {
  const g = o.doc.createElementNS(SVG_NS, svgQName(o, 'g'));
  g.setAttribute('id', id);
  g.setAttribute('style', 'display:inline;');
  g.setAttributeNS(INKSCAPE_NS, inkscapeQName(o, 'label'), label);
  g.setAttributeNS(INKSCAPE_NS, inkscapeQName(o, 'groupmode'), 'layer');
  return g;
}

function relabel(o: OverlayDocument, el: Element, id: string, label: string): void {
  el.setAttribute('id', id);
  el.setAttributeNS(INKSCAPE_NS, inkscapeQName(o, 'label'), label);
}

/** A subtree moved one level deeper keeps a pretty-printed file's indentation consistent. */
function indentSubtree(el: Element, extra: string): void {
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 3 && /^\s*$/.test(c.nodeValue ?? '') && (c.nodeValue ?? '').includes('\n'))
      c.nodeValue = (c.nodeValue ?? '').replace(/\n/g, `\n${extra}`);
    else if (c.nodeType === 1) indentSubtree(c as Element, extra);
  }
}
