import type { CompatIssue } from '../api.js';
import {
  childElements,
  isSvgElement,
  labelOf,
  topLayers,
  type Element,
  type LayerNode,
  type OverlayDocument,
  type ShapeNode,
} from '../formats/overlay-svg.js';
import { isIdentity, parseTransform, tokenizePath, PathSyntaxError } from '../formats/svg-path.js';
import { parsePycortexPath } from './pycortex-path.js';

/**
 * Where pycortex would read an overlay differently from what Inkscape shows, or fail to read it
 * (pycortex-formats.md §6.3–§6.4, bugs B1–B4, B17). Codes are stable (shared/api.ts CompatIssue);
 * `fixable` means "normalise" repairs it without changing what the user sees.
 */

const issue = (code: string, message: string, fixable: boolean): CompatIssue => ({ code, message, fixable });

const COMMAND_LETTER = /[MLHVCSQTAZmlhvcsqtaz]/;

/** Issues of one path's `d` (empty list = pycortex reads exactly what SVG means). */
export function pathIssues(d: string): CompatIssue[] {
  const out: CompatIssue[] = [];
  const seen = new Set<string>();
  const add = (i: CompatIssue) => {
    if (!seen.has(i.code)) out.push(i);
    seen.add(i.code);
  };
  let commands;
  try {
    commands = tokenizePath(d);
  } catch (e) {
    const msg = e instanceof PathSyntaxError ? e.message : String(e);
    return [issue('UNPARSABLE', `not valid SVG path data (${msg})`, false)];
  }
  if (commands.length === 0) return [issue('UNPARSABLE', 'empty path data', false)];

  // walk with SVG semantics; after z, (cx, cy) still holds the last point, where pycortex's pen stays
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  let prev = '';
  let drawn = false;
  for (const { letter, args } of commands) {
    const L = letter.toUpperCase();
    const rel = letter !== L;
    if (L === 'S' || L === 'Q' || L === 'T' || L === 'A')
      add(
        issue(
          'UNSUPPORTED_COMMAND',
          `uses ${letter} (smooth/quadratic curves or arcs), which pycortex cannot read: the whole overlay fails to load`,
          true,
        ),
      );
    if (letter === 'H' || letter === 'V')
      add(
        issue(
          'ABSOLUTE_HV',
          `uses absolute ${letter}, which pycortex reads with the other coordinate set to 0`,
          true,
        ),
      );
    if (L === 'M' && drawn)
      add(
        issue(
          'OPEN_SUBPATH',
          'a subpath is not closed with z before the next one starts; pycortex then drops its closing edge',
          true,
        ),
      );
    if (letter === 'm' && prev === 'Z' && (cx !== sx || cy !== sy))
      add(
        issue(
          'Z_THEN_RELATIVE_M',
          'a relative m follows z; pycortex does not move the pen back to the subpath start, so the next part is offset',
          true,
        ),
      );
    if (L === 'Z') {
      drawn = false;
      prev = L;
      continue;
    }
    if (prev === 'Z') {
      cx = sx;
      cy = sy;
    }
    if (L === 'H') cx = args[0] + (rel ? cx : 0);
    else if (L === 'V') cy = args[0] + (rel ? cy : 0);
    else {
      const n = args.length;
      const ex = args[n - 2] + (rel ? cx : 0);
      cy = args[n - 1] + (rel ? cy : 0);
      cx = ex;
    }
    if (L === 'M') {
      sx = cx;
      sy = cy;
      drawn = false;
    } else drawn = true;
    prev = L;
  }

  const tokens = d.trim().split(' ');
  if (tokens.some((t) => t === '' || /\s/.test(t)))
    add(
      issue(
        'WHITESPACE',
        'separators other than single spaces (tabs, newlines, double spaces); pycortex splits on single spaces only',
        true,
      ),
    );
  if (tokens.some((t) => t.length > 1 && COMMAND_LETTER.test(t.replace(/[eE][-+]?\d/g, ''))))
    add(issue('WHITESPACE', 'a command letter is not separated from its numbers by a space', true));
  if (tokens.some((t) => t.length === 1 && /[0-9]/.test(t)))
    add(
      issue(
        'SHORT_TOKEN',
        'a one-character number (e.g. "h 5") is read by pycortex as a command letter',
        true,
      ),
    );
  if (out.length === 0) {
    try {
      parsePycortexPath(d);
    } catch (e) {
      add(issue('PYCORTEX_FAILS', `pycortex cannot read this path: ${(e as Error).message}`, true));
    }
  }
  return out;
}

function hasTransform(el: Element): boolean {
  const t = el.getAttribute('transform');
  if (t === null || t.trim() === '') return false;
  try {
    return !isIdentity(parseTransform(t));
  } catch {
    return true;
  }
}

/** Issues of one shape (ROI): its paths, transforms on the chain, duplicate names in its layer. */
export function shapeIssues(layer: LayerNode, shape: ShapeNode, duplicate: boolean): CompatIssue[] {
  const out: CompatIssue[] = [];
  const codes = new Set<string>();
  for (const p of shape.paths)
    for (const i of pathIssues(p.getAttribute('d') ?? '')) {
      if (!codes.has(i.code)) out.push(i);
      codes.add(i.code);
    }
  if (hasTransform(shape.element) || shape.paths.some(hasTransform))
    out.push(
      issue(
        'TRANSFORM',
        'a transform on the shape or its paths is ignored by pycortex (it selects the untransformed outline)',
        true,
      ),
    );
  const above = [layer.shapes, layer.element].filter((e): e is Element => !!e && hasTransform(e));
  if (above.length)
    out.push(
      issue(
        'TRANSFORM',
        `layer "${layer.name}" has a transform that pycortex ignores; remove it in Inkscape (normalise cannot)`,
        false,
      ),
    );
  if (shape.paths.length === 0)
    out.push(
      issue(
        'EMPTY_SHAPE',
        'has no path: pycortex warns that it "contains no splines" and selects no vertices',
        false,
      ),
    );
  if (duplicate)
    out.push(
      issue(
        'DUPLICATE_NAME',
        `another shape is also named "${shape.name}"; pycortex keeps only the last one`,
        false,
      ),
    );
  return out;
}

/** File-level issues: things that stop pycortex from loading the overlay at all, or make it rewrite it. */
export function fileIssues(o: OverlayDocument): CompatIssue[] {
  const out: CompatIssue[] = [];
  const layers = topLayers(o);
  let dataSkipped = false;
  for (const layer of layers) {
    if (layer.name === '') {
      out.push(
        issue(
          'LAYER_WITHOUT_LABEL',
          'a top-level <g> has no inkscape:label; pycortex cannot load the overlay',
          false,
        ),
      );
      continue;
    }
    if (layer.name === 'data' && !dataSkipped) {
      dataSkipped = true; // pycortex removes the first data layer before reading
      continue;
    }
    if (!layer.shapes || !layer.labels)
      out.push(
        issue(
          'LAYER_WITHOUT_SUBLAYERS',
          `top-level layer "${layer.name}" has no ${!layer.shapes ? '"shapes"' : '"labels"'} sub-layer; pycortex cannot load the overlay`,
          false,
        ),
      );
    if (layer.shapes && childElements(layer.shapes, 'g').some((g) => labelOf(g) === null))
      out.push(
        issue(
          'SHAPE_WITHOUT_LABEL',
          `a <g> in "${layer.name}/shapes" has no inkscape:label; pycortex cannot load the overlay`,
          false,
        ),
      );
    const stray = layer.shapes ? strayElements(layer.shapes) : [];
    if (stray.length)
      out.push(
        issue(
          'OUTSIDE_SHAPE',
          `${stray.map((e) => `<${e.localName}${e.getAttribute('id') ? ` id="${e.getAttribute('id')}"` : ''}>`).join(', ')} directly in "${layer.name}/shapes" belongs to no ${layer.name === 'rois' ? 'ROI' : 'shape'}; pycortex ignores it (move it into a labelled group)`,
          false,
        ),
      );
    if (layer.labels && textsWithoutXY(layer.labels))
      out.push(
        issue(
          'TEXT_WITHOUT_XY',
          `a <text> in "${layer.name}/labels" has no x or y; pycortex cannot load the overlay`,
          false,
        ),
      );
  }
  const names = new Set(layers.map((l) => l.name));
  const missing = ['sulci', 'cutouts', 'display'].filter((n) => !names.has(n));
  if (missing.length)
    out.push(
      issue(
        'MISSING_DEFAULT_LAYERS',
        `no ${missing.join(', ')} layer; pycortex adds them and rewrites the file on load (ROI Studio adds them on save)`,
        true,
      ),
    );
  return out;
}

/** Outlines a user may have meant as (part of) a shape; texts are left out: pycortex's own conversion puts them there. */
const DRAWABLE = ['path', 'rect', 'circle', 'ellipse', 'line', 'polygon', 'polyline', 'use', 'image'];

/** Outlines that are direct children of a `shapes` group (not inside a shape), at most 5 named. */
function strayElements(shapes: Element): Element[] {
  const out: Element[] = [];
  for (let c = shapes.firstChild; c && out.length < 5; c = c.nextSibling)
    if (DRAWABLE.some((local) => isSvgElement(c, local))) out.push(c as Element);
  return out;
}

function textsWithoutXY(el: Element): boolean {
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType !== 1) continue;
    const e = c as Element;
    if (isSvgElement(e, 'text') && (!e.hasAttribute('x') || !e.hasAttribute('y'))) return true;
    if (textsWithoutXY(e)) return true;
  }
  return false;
}

/** Names that occur more than once among a layer's shapes. */
export function duplicateNames(shapes: ShapeNode[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const s of shapes) (seen.has(s.name) ? dup : seen).add(s.name);
  return dup;
}
