import type { CompatIssue, OverlayLayer } from '../api.js';
import { duplicateNames, fileIssues, shapeIssues } from '../roi/compat.js';
import { isLocked, isVisible, layerShapes, topLayers, type OverlayDocument } from './overlay-svg.js';

/** The UI's view of an overlay: labelled top-level layers (the first `data` layer left out, as pycortex does) with their shapes and issues. */
export function describeOverlay(o: OverlayDocument): { layers: OverlayLayer[]; issues: CompatIssue[] } {
  const layers: OverlayLayer[] = [];
  let dataSkipped = false;
  for (const layer of topLayers(o)) {
    if (layer.name === '') continue;
    if (layer.name === 'data' && !dataSkipped) {
      dataSkipped = true;
      continue;
    }
    const shapes = layerShapes(layer);
    const dup = duplicateNames(shapes);
    layers.push({
      name: layer.name,
      visible: isVisible(layer.element),
      shapes: shapes.map((s) => ({
        name: s.name,
        paths: s.paths.map((p) => {
          const id = p.getAttribute('id');
          return { ...(id ? { id } : {}), d: p.getAttribute('d') ?? '' };
        }),
        visible: isVisible(s.element),
        locked: isLocked(s.element) || (!!layer.shapes && isLocked(layer.shapes)) || isLocked(layer.element),
        issues: shapeIssues(layer, s, dup.has(s.name)),
      })),
    });
  }
  return { layers, issues: fileIssues(o) };
}

/** Issue codes of a path that stop pycortex from loading the overlay at all. */
const FATAL_PATH_ISSUES = new Set(['UNSUPPORTED_COMMAND', 'PYCORTEX_FAILS', 'UNPARSABLE']);

/**
 * Why pycortex cannot load this overlay (it parses every path of every layer when it loads
 * one), one message per problem naming the layer and shape; empty when it can.
 */
export function pycortexLoadFailures(o: OverlayDocument): string[] {
  const { layers, issues } = describeOverlay(o);
  return [
    ...issues.filter((i) => !i.fixable).map((i) => i.message),
    ...layers.flatMap((l) =>
      l.shapes.flatMap((s) =>
        s.issues.filter((i) => FATAL_PATH_ISSUES.has(i.code)).map((i) => `${l.name}/${s.name}: ${i.message}`),
      ),
    ),
  ];
}
