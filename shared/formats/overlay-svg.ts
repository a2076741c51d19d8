import {
  DOMParser,
  XMLSerializer,
  onErrorStopParsing,
  type Document,
  type Element,
  type Node,
} from '@xmldom/xmldom';

/**
 * overlays.svg as a DOM that keeps everything it does not understand (pycortex-formats.md §6.1,
 * §6.3): parsed and written back byte for byte except where an edit touches it. Layers and shapes
 * are found by (namespace, local name) — `<g>` and `<svg:g>` alike — as pycortex's lxml does.
 */

export type { Document, Element, Node };

/** The XML parser's complaint in our words: where, and what (without its internal wording). */
function xmlProblem(e: unknown): string {
  const err = e as Error & { locator?: { lineNumber?: number; columnNumber?: number } };
  let what = String(err?.message ?? e).split('\n')[0];
  what = /^Reporting error "(.*)" caused onErrorStopParsing$/.exec(what)?.[1] ?? what;
  what = what.replace(/^element parse error: (Error: )?/, '').replace(/[\s:]+$/, '');
  const line = err?.locator?.lineNumber;
  const where = line ? ` at line ${line}, column ${err.locator?.columnNumber ?? 0}` : '';
  return `not well-formed XML${where}: ${what}`;
}

export const SVG_NS = 'http://www.w3.org/2000/svg';
export const INKSCAPE_NS = 'http://www.inkscape.org/namespaces/inkscape';
export const SODIPODI_NS = 'http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd';

/** The file cannot be used as an overlay; `message` says why (the caller adds the file name). */
export class OverlayFormatError extends Error {}

export interface OverlayDocument {
  doc: Document;
  root: Element;
  /** root width/height as floats (pycortex's `float()`) */
  width: number;
  height: number;
  /** a byte-order mark and the text after the root element, which the DOM drops (kept so the file round-trips exactly) */
  leading: string;
  trailing: string;
}

export interface LayerNode {
  name: string;
  element: Element;
  /** first direct `<g inkscape:label="shapes">`, as pycortex takes it */
  shapes?: Element;
  labels?: Element;
}

export interface ShapeNode {
  name: string;
  element: Element;
  paths: Element[];
}

export function isSvgElement(n: Node | null, local: string): n is Element {
  return (
    !!n && n.nodeType === 1 && (n as Element).namespaceURI === SVG_NS && (n as Element).localName === local
  );
}

export function childElements(parent: Element, local: string): Element[] {
  const out: Element[] = [];
  for (let c = parent.firstChild; c; c = c.nextSibling) if (isSvgElement(c, local)) out.push(c);
  return out;
}

export function labelOf(el: Element): string | null {
  return el.hasAttributeNS(INKSCAPE_NS, 'label') ? el.getAttributeNS(INKSCAPE_NS, 'label') : null;
}

/** pycortex's `float()` of a root size attribute; units or garbage are an error (§6.3 item 8). */
function sizeAttribute(root: Element, name: string): number {
  const raw = root.getAttribute(name);
  if (raw === null || raw === '') throw new OverlayFormatError(`the root <svg> has no ${name} attribute`);
  const t = raw.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t) || !(Number(t) > 0))
    throw new OverlayFormatError(
      `the root ${name}="${raw}" is not a plain positive number (pycortex needs one)`,
    );
  return Number(t);
}

export function parseOverlay(input: string): OverlayDocument {
  const leading = input.startsWith('\ufeff') ? '\ufeff' : '';
  const text = input.slice(leading.length);
  if (text.trim().length === 0) throw new OverlayFormatError('the file is empty');
  // a cut-off file (a crashed writer, a full disk) is common and cheap to spot before parsing
  if (!/>\s*$/.test(text.slice(-4096)))
    throw new OverlayFormatError(
      'not well-formed XML: the file ends in the middle of the markup (truncated?)',
    );
  // the DOCTYPE's internal subset, before the root element, is where entities are declared
  const rootAt = text.search(/<(?![?!])/);
  const prolog = rootAt < 0 ? text : text.slice(0, rootAt);
  if (/<!ENTITY/i.test(prolog))
    throw new OverlayFormatError(
      'the file declares XML entities (<!ENTITY …>), which ROI Studio does not expand (one entity can expand to gigabytes); overlays written by pycortex and Inkscape have none — remove the DOCTYPE',
    );
  let doc: Document;
  try {
    doc = new DOMParser({ onError: onErrorStopParsing }).parseFromString(text, 'text/xml');
  } catch (e) {
    throw new OverlayFormatError(xmlProblem(e));
  }
  const root = doc.documentElement;
  if (!root || root.namespaceURI !== SVG_NS || root.localName !== 'svg')
    throw new OverlayFormatError(
      `the root element is not an SVG <svg> (found ${root ? `<${root.tagName}>` : 'nothing'})`,
    );
  const width = sizeAttribute(root, 'width');
  const height = sizeAttribute(root, 'height');
  const end = text.lastIndexOf('>');
  return {
    doc,
    root,
    width,
    height,
    leading,
    trailing: /^\s*$/.test(text.slice(end + 1)) ? text.slice(end + 1) : '',
  };
}

export function serializeOverlay(o: OverlayDocument): string {
  return o.leading + new XMLSerializer().serializeToString(o.doc) + o.trailing;
}

/** Top-level `<g>` layers in file order (those without a label are listed with name ''). */
export function topLayers(o: OverlayDocument): LayerNode[] {
  return childElements(o.root, 'g').map((element) => {
    const subs = childElements(element, 'g');
    return {
      name: labelOf(element) ?? '',
      element,
      shapes: subs.find((g) => labelOf(g) === 'shapes'),
      labels: subs.find((g) => labelOf(g) === 'labels'),
    };
  });
}

export function findLayer(o: OverlayDocument, name: string): LayerNode | undefined {
  return topLayers(o).find((l) => l.name === name);
}

/** The shapes of a layer: direct labelled `<g>` children of `shapes`, with their direct `<path>`s. */
export function layerShapes(layer: LayerNode): ShapeNode[] {
  if (!layer.shapes) return [];
  return childElements(layer.shapes, 'g')
    .filter((g) => labelOf(g) !== null)
    .map((element) => ({ name: labelOf(element) as string, element, paths: childElements(element, 'path') }));
}

/** pycortex's visibility rule (B8): hidden iff `style` contains "none"; `display:hidden` also means hidden. */
export function isVisible(el: Element): boolean {
  const style = el.getAttribute('style') ?? '';
  return !style.includes('none') && !/display\s*:\s*hidden/.test(style);
}

/** Locked in Inkscape (the mere presence of sodipodi:insensitive is what pycortex looks at). */
export function isLocked(el: Element): boolean {
  return (
    el.hasAttributeNS(SODIPODI_NS, 'insensitive') && el.getAttributeNS(SODIPODI_NS, 'insensitive') !== 'false'
  );
}

/** Direct text content (pycortex matches labels on `text.text`, not on tspans). */
export function directText(el: Element): string {
  let s = '';
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1) break;
    if (c.nodeType === 3 || c.nodeType === 4) s += c.nodeValue ?? '';
  }
  return s;
}

/** Every id in the document, to keep new ones unique. */
export function allIds(o: OverlayDocument): Set<string> {
  const ids = new Set<string>();
  const walk = (el: Element) => {
    const id = el.getAttribute('id');
    if (id) ids.add(id);
    for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) walk(c as Element);
  };
  walk(o.root);
  return ids;
}
