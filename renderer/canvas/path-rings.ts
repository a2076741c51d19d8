import { segmentPolylines } from '../../shared/formats/path-nodes.js';
import { parsePath } from '../../shared/formats/svg-path.js';

/**
 * SVG path data → closed polygons (interleaved x, y), with SVG semantics as a browser draws it
 * and curves flattened as pycortex's membership test flattens them. Used to hit-test outlines
 * loaded from overlays.svg; editing works on the path's own segments (path-nodes).
 */
export function pathDataToRings(d: string): number[][] {
  const rings: number[][] = [];
  for (const { points } of segmentPolylines(parsePath(d))) {
    let ring = points;
    const n = ring.length;
    if (n >= 6 && ring[0] === ring[n - 2] && ring[1] === ring[n - 1]) ring = ring.slice(0, -2);
    if (ring.length >= 6) rings.push(ring);
  }
  return rings;
}
