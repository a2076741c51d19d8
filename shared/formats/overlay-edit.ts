import { SHAPE_LAYERS, type OverlayEdit, type ShapeLayer } from '../api.js';
import {
  INKSCAPE_NS,
  SODIPODI_NS,
  SVG_NS,
  allIds,
  childElements,
  directText,
  findLayer,
  isSvgElement,
  layerShapes,
  type Element,
  type LayerNode,
  type Node,
  type OverlayDocument,
} from './overlay-svg.js';
import {
  isIdentity,
  multiplyTransforms,
  parsePath,
  parseTransform,
  type Matrix,
  type Segment,
} from './svg-path.js';
import { formatCoord, serializeSafe } from './path-writer.js';
import { labelPosition } from '../roi/label-position.js';
import { carryNodeTypes } from './path-nodes.js';
import { checkRoiName } from '../roi/roi-names.js';

/**
 * Edits of shapes (direct children of the shapes sub-layer of `rois`, `sulci` or `cutouts`) on
 * the DOM of overlays.svg. Only the nodes an
 * edit names are created, changed or removed; new paths are written in pycortex's safe subset
 * (§11.3) and new elements are indented like their siblings.
 */

export class OverlayEditError extends Error {}

/**
 * Most path commands one set of edits may write (README, "Limits"): 10 times the largest
 * overlay in the reference data, so that one save holds the back end for about a second at most.
 */
export const MAX_EDIT_COMMANDS = 100_000;

/** A name that may refer to an ROI already in the file (which may predate the name rule). */
export function validRoiName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') throw new OverlayEditError('an ROI name is required');
  if (name !== name.trim()) throw new OverlayEditError(`ROI name "${name}" has leading or trailing spaces`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name))
    throw new OverlayEditError(`ROI name ${JSON.stringify(name)} has control characters`);
  return name;
}

/** A name for a new ROI: the editor's rule, unique ignoring case among `others`. */
function newRoiName(name: unknown, others: readonly string[]): string {
  const check = checkRoiName(validRoiName(name), others);
  if (!check.ok) throw new OverlayEditError(`ROI name ${JSON.stringify(name)} is refused: ${check.reason}`);
  return name as string;
}

/** Apply `edits` in order; throws OverlayEditError (nothing is written by the caller then). */
export function applyEdits(o: OverlayDocument, edits: readonly OverlayEdit[]): void {
  const paths = readEditPaths(edits);
  for (const e of edits) applyEdit(o, e, paths.get(e) ?? []);
  ensureDefaultLayers(o);
}

/**
 * Every path the edits write, parsed and checked (syntax, something drawn, the command limits)
 * before the document is touched.
 */
function readEditPaths(edits: readonly OverlayEdit[]): Map<OverlayEdit, Segment[][]> {
  const out = new Map<OverlayEdit, Segment[][]>();
  let total = 0;
  for (const e of edits) {
    if (e.kind !== 'add' && e.kind !== 'replace') continue;
    if (!Array.isArray(e.paths))
      throw new OverlayEditError(`paths of "${e.name}" must be a list of path data`);
    const read = (d: unknown, i: number): Segment[] => {
      let segs: Segment[];
      try {
        segs = parsePath(String(d));
      } catch (err) {
        throw new OverlayEditError(`path ${i + 1} of "${e.name}": ${(err as Error).message}`);
      }
      if (!segs.some((s) => s.cmd !== 'M' && s.cmd !== 'Z'))
        throw new OverlayEditError(`path ${i + 1} of "${e.name}" draws nothing`);
      total += segs.length;
      if (total > MAX_EDIT_COMMANDS)
        throw new OverlayEditError(
          `the edits write more than ${MAX_EDIT_COMMANDS} path commands (the limit per save); save them in parts`,
        );
      return segs;
    };
    out.set(e, e.paths.map(read));
  }
  return out;
}

function applyEdit(o: OverlayDocument, e: OverlayEdit, paths: Segment[][]): void {
  const layerName: ShapeLayer = e.layer ?? 'rois';
  if (!SHAPE_LAYERS.includes(layerName))
    throw new OverlayEditError(`unknown layer ${JSON.stringify(e.layer)}`);
  const what = SHAPE_NOUN[layerName];
  // sulci are lines: their subpaths are written open, as drawn
  const closed = layerName !== 'sulci';
  switch (e.kind) {
    case 'add': {
      const layer = shapeLayer(o, layerName);
      const name = newRoiName(
        e.name,
        layerShapes(layer).map((s) => s.name),
      );
      const group = createShape(o, layer, name);
      writePaths(o, layer, group, name, paths, !!e.label, closed);
      return;
    }
    case 'replace': {
      const layer = shapeLayer(o, layerName);
      const all = layerShapes(layer);
      const shapes = all.filter((s) => s.name === e.name);
      const name = shapes.length
        ? validRoiName(e.name)
        : newRoiName(
            e.name,
            all.map((s) => s.name),
          );
      // pycortex reads the last of duplicates; replace that one
      const group = shapes.length ? shapes[shapes.length - 1].element : createShape(o, layer, name);
      replacePaths(o, layer, group, name, e.paths, paths, !!e.label, closed);
      return;
    }
    case 'rename': {
      const layer = shapeLayer(o, layerName);
      const from = validRoiName(e.from);
      const shapes = layerShapes(layer);
      const target = shapes.filter((s) => s.name === from);
      if (!target.length) throw new OverlayEditError(`no ${what} named "${from}"`);
      const to =
        e.to === from
          ? from
          : newRoiName(
              e.to,
              shapes.filter((s) => s.name !== from).map((s) => s.name),
            );
      for (const s of target) {
        s.element.setAttributeNS(INKSCAPE_NS, inkscapeQName(o, 'label'), to);
        if (s.element.getAttribute('id') === from) s.element.setAttribute('id', uniqueId(o, to));
      }
      for (const t of labelTexts(layer, from)) setDirectText(t, to);
      return;
    }
    case 'delete': {
      const layer = shapeLayer(o, layerName, false);
      const name = validRoiName(e.name);
      const shapes = layerShapes(layer).filter((s) => s.name === name);
      if (!shapes.length) throw new OverlayEditError(`no ${what} named "${name}"`);
      for (const s of shapes) removeNode(s.element);
      removeLabels(layer, name);
      return;
    }
    case 'normalise': {
      const layer = shapeLayer(o, layerName, false);
      const name = validRoiName(e.name);
      const shapes = layerShapes(layer).filter((s) => s.name === name);
      if (!shapes.length) throw new OverlayEditError(`no ${what} named "${name}"`);
      for (const s of shapes) normaliseShape(s.element, undefined, closed);
      return;
    }
    default:
      throw new OverlayEditError(`unknown edit ${JSON.stringify((e as { kind?: unknown }).kind)}`);
  }
}

const SHAPE_NOUN: Record<ShapeLayer, string> = { rois: 'ROI', sulci: 'sulcus', cutouts: 'cutout' };

/**
 * Rewrite a shape's direct paths into the safe subset, baking the shape's and paths' own
 * transforms, after `outer` (e.g. a canvas rescale) when given; sulci (`closed` false) stay open.
 */
export function normaliseShape(group: Element, outer: Matrix = [1, 0, 0, 1, 0, 0], closed = true): void {
  const gm = multiplyTransforms(outer, ownTransform(group));
  for (const p of childElements(group, 'path')) {
    const m = multiplyTransforms(gm, ownTransform(p));
    const segs = parsePath(p.getAttribute('d') ?? '');
    p.setAttribute(
      'd',
      serializeSafe(isIdentity(m) ? segs : segs.map((s) => transformSegment(s, m)), closed),
    );
    if (p.hasAttribute('transform')) p.removeAttribute('transform');
  }
  if (group.hasAttribute('transform')) group.removeAttribute('transform');
}

function ownTransform(el: Element): Matrix {
  const t = el.getAttribute('transform');
  if (!t || t.trim() === '') return [1, 0, 0, 1, 0, 0];
  try {
    return parseTransform(t);
  } catch {
    throw new OverlayEditError(
      `cannot read transform="${t}" on <${el.tagName} id="${el.getAttribute('id') ?? ''}">`,
    );
  }
}

function transformSegment(s: Segment, m: Matrix): Segment {
  const tx = (x: number, y: number) => m[0] * x + m[2] * y + m[4];
  const ty = (x: number, y: number) => m[1] * x + m[3] * y + m[5];
  switch (s.cmd) {
    case 'Z':
      return s;
    case 'C':
      return {
        cmd: 'C',
        x1: tx(s.x1, s.y1),
        y1: ty(s.x1, s.y1),
        x2: tx(s.x2, s.y2),
        y2: ty(s.x2, s.y2),
        x: tx(s.x, s.y),
        y: ty(s.x, s.y),
      };
    default:
      return { cmd: s.cmd, x: tx(s.x, s.y), y: ty(s.x, s.y) };
  }
}

// -------------------------------------------------------------------------------------------
// Layers

/** A top-level shape layer with its sub-layers, created pycortex's way when `create` and missing. */
function shapeLayer(o: OverlayDocument, name: ShapeLayer, create = true): LayerNode {
  let layer = findLayer(o, name);
  if (!layer) {
    if (!create) throw new OverlayEditError(`the overlay has no "${name}" layer`);
    appendLayer(o, name);
    layer = findLayer(o, name) as LayerNode;
  }
  if (!layer.shapes || !layer.labels) {
    if (!create) throw new OverlayEditError(`the "${name}" layer has no "shapes" sub-layer`);
    if (!layer.shapes) makeSubLayer(o, layer.element, name, 'shapes');
    if (!layer.labels) makeSubLayer(o, layer.element, name, 'labels');
    layer = findLayer(o, name) as LayerNode;
  }
  return layer;
}

/** pycortex appends missing sulci/cutouts/display layers (and rewrites the file) on every load. */
export function ensureDefaultLayers(o: OverlayDocument): void {
  for (const name of ['sulci', 'cutouts', 'display']) if (!findLayer(o, name)) appendLayer(o, name);
}

function appendLayer(o: OverlayDocument, name: string): void {
  const layer = layerElement(o, name, name);
  appendIndented(o.root, layer);
  makeSubLayer(o, layer, name, 'shapes');
  makeSubLayer(o, layer, name, 'labels');
}

function makeSubLayer(
  o: OverlayDocument,
  parent: Element,
  layerName: string,
  sub: 'shapes' | 'labels',
): void {
  const el = layerElement(o, `${layerName}_${sub}`, sub);
  if (sub === 'shapes') el.setAttribute('clip-path', 'url(#edgeclip)');
  appendIndented(parent, el);
}

/** `<g id style inkscape:label inkscape:groupmode="layer">`, attribute order as pycortex writes it. */
function layerElement(o: OverlayDocument, id: string, label: string): Element {
  const g = o.doc.createElementNS(SVG_NS, svgQName(o, 'g'));
  g.setAttribute('id', uniqueId(o, id));
  g.setAttribute('style', 'display:inline;');
  g.setAttributeNS(INKSCAPE_NS, inkscapeQName(o, 'label'), label);
  g.setAttributeNS(INKSCAPE_NS, inkscapeQName(o, 'groupmode'), 'layer');
  return g;
}

function createShape(o: OverlayDocument, layer: LayerNode, name: string): Element {
  const g = layerElement(o, name, name);
  appendIndented(layer.shapes as Element, g);
  return g;
}

function writePaths(
  o: OverlayDocument,
  layer: LayerNode,
  group: Element,
  name: string,
  paths: readonly Segment[][],
  label: boolean,
  closed: boolean,
): void {
  const base = group.getAttribute('id') || name;
  const before = childElements(group, 'path').length;
  paths.forEach((segs, i) => {
    const p = o.doc.createElementNS(SVG_NS, svgQName(o, 'path'));
    p.setAttribute('id', uniqueId(o, `${base}_path${before + i + 1}`));
    p.setAttribute('d', serializeSafe(segs, closed));
    appendIndented(group, p);
    if (label) appendLabel(o, layer, name, segs);
  });
}

function appendLabel(o: OverlayDocument, layer: LayerNode, name: string, segs: readonly Segment[]): void {
  if (!layer.labels) return;
  const [x, y] = labelPosition(segs);
  const t = o.doc.createElementNS(SVG_NS, svgQName(o, 'text'));
  t.setAttribute('x', formatCoord(x));
  t.setAttribute('y', formatCoord(y));
  t.setAttribute('style', 'text-anchor:middle;');
  t.appendChild(o.doc.createTextNode(name));
  appendIndented(layer.labels, t);
}

/**
 * A shape's paths become `ds` (parsed: `segs`): a path whose `d` is unchanged is left as it is,
 * byte for byte; a changed one keeps its element (id, style, filter, sodipodi attributes) and gets
 * the new data in the safe subset; paths beyond the old count are appended, old ones left over
 * are removed.
 */
function replacePaths(
  o: OverlayDocument,
  layer: LayerNode,
  group: Element,
  name: string,
  ds: readonly string[],
  segs: readonly Segment[][],
  label: boolean,
  closed: boolean,
): void {
  const old = childElements(group, 'path');
  const kept = ds.map((d) => {
    const i = old.findIndex((p) => p.getAttribute('d') === d);
    return i < 0 ? null : old.splice(i, 1)[0];
  });
  const added: Segment[][] = [];
  segs.forEach((s, i) => {
    if (kept[i]) return;
    const el = old.shift();
    if (el) renewPath(el, s, closed);
    else added.push(s);
  });
  for (const el of old) removeNode(el);
  writePaths(o, layer, group, name, added, false, closed);
  if (label) {
    removeLabels(layer, name);
    for (const s of segs) appendLabel(o, layer, name, s);
  }
}

/** Attributes that describe a path's old geometry, not its look: dropped when its data changes. */
const GEOMETRY_ATTRIBUTES: readonly [string, string][] = [
  ['', 'transform'],
  [INKSCAPE_NS, 'original-d'],
  [INKSCAPE_NS, 'path-effect'],
];

/**
 * New data in a path's own element: its prefix, `id`, `style`, `filter` and other attributes stay
 * where they are; what described the old geometry goes. Inkscape reads `sodipodi:nodetypes`
 * letter by letter along the nodes, so after a node edit its letters move with the nodes that
 * stay; for other geometry (nodes elsewhere) it goes too, and Inkscape types the nodes afresh.
 */
function renewPath(el: Element, segs: readonly Segment[], closed: boolean): void {
  for (const [ns, local] of GEOMETRY_ATTRIBUTES) {
    if (!ns) el.removeAttribute(local);
    else if (el.hasAttributeNS(ns, local)) el.removeAttributeNS(ns, local);
  }
  const attr = el.getAttributeNodeNS(SODIPODI_NS, 'nodetypes');
  if (attr) {
    let types: string | null = null;
    try {
      types = carryNodeTypes(parsePath(el.getAttribute('d') ?? ''), attr.value, segs);
    } catch {
      // the old data never drew: nothing to carry over
    }
    if (types === null) el.removeAttributeNS(SODIPODI_NS, 'nodetypes');
    else if (types !== attr.value) el.setAttributeNS(SODIPODI_NS, attr.name, types);
  }
  el.setAttribute('d', serializeSafe(segs, closed));
}

function labelTexts(layer: LayerNode, name: string): Element[] {
  const out: Element[] = [];
  const walk = (el: Element) => {
    for (let c = el.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== 1) continue;
      const e = c as Element;
      if (isSvgElement(e, 'text') && directText(e) === name) out.push(e);
      else walk(e);
    }
  };
  if (layer.labels) walk(layer.labels);
  return out;
}

function removeLabels(layer: LayerNode, name: string): void {
  for (const t of labelTexts(layer, name)) removeNode(t);
}

function setDirectText(el: Element, text: string): void {
  for (let c = el.firstChild; c && c.nodeType !== 1;) {
    const next = c.nextSibling;
    if (c.nodeType === 3 || c.nodeType === 4) el.removeChild(c);
    c = next;
  }
  const doc = el.ownerDocument as NonNullable<Element['ownerDocument']>;
  el.insertBefore(doc.createTextNode(text), el.firstChild);
}

// -------------------------------------------------------------------------------------------
// DOM helpers: names, ids, indentation

export function svgQName(o: OverlayDocument, local: string): string {
  // reuse the root's spelling: default namespace → plain name, else its prefix
  const prefix = o.root.prefix;
  return prefix ? `${prefix}:${local}` : local;
}

export function inkscapeQName(o: OverlayDocument, local: string): string {
  return `${o.root.lookupPrefix(INKSCAPE_NS) ?? 'inkscape'}:${local}`;
}

function uniqueId(o: OverlayDocument, wanted: string): string {
  let base = wanted.replace(/[^A-Za-z0-9_.-]/g, '_');
  if (!/^[A-Za-z_]/.test(base)) base = `roi_${base}`;
  const ids = allIds(o);
  if (!ids.has(base)) return base;
  for (let k = 2; ; k++) if (!ids.has(`${base}_${k}`)) return `${base}_${k}`;
}

const isBlankText = (n: Node | null): boolean => !!n && n.nodeType === 3 && /^\s*$/.test(n.nodeValue ?? '');

/** Indentation (the text after the last newline) of the whitespace before `el`, or null if not pretty-printed. */
function indentOf(el: Element): string | null {
  const prev = el.previousSibling;
  if (!isBlankText(prev)) return null;
  const v = prev?.nodeValue ?? '';
  const nl = v.lastIndexOf('\n');
  return nl < 0 ? null : v.slice(nl + 1);
}

/** Append `child` as the last element child of `parent`, indented like the file when it is pretty-printed. */
export function appendIndented(parent: Element, child: Element): void {
  const doc = parent.ownerDocument as NonNullable<Element['ownerDocument']>;
  const lastEl = lastElementChild(parent);
  const parentIndent = parent.parentNode && parent.parentNode.nodeType === 1 ? indentOf(parent) : '';
  if (lastEl) {
    const indent = indentOf(lastEl);
    const after = lastEl.nextSibling;
    if (indent !== null) {
      parent.insertBefore(doc.createTextNode(`\n${indent}`), after);
      parent.insertBefore(child, after);
      return;
    }
    parent.insertBefore(child, after);
    return;
  }
  if (parentIndent !== null) {
    // an empty but pretty-printed parent (`<g>\n  </g>`) keeps its closing indentation
    const tail = isBlankText(parent.lastChild) ? parent.lastChild : null;
    parent.insertBefore(doc.createTextNode(`\n${parentIndent}  `), tail);
    parent.insertBefore(child, tail);
    if (!tail) parent.appendChild(doc.createTextNode(`\n${parentIndent}`));
  } else parent.appendChild(child);
}

function lastElementChild(parent: Element): Element | null {
  for (let c = parent.lastChild; c; c = c.previousSibling) if (c.nodeType === 1) return c as Element;
  return null;
}

/** Remove a node and the blank text that indented it. */
export function removeNode(el: Element): void {
  const parent = el.parentNode;
  if (!parent) return;
  const prev = el.previousSibling;
  if (isBlankText(prev) && prev) parent.removeChild(prev);
  parent.removeChild(el);
}
