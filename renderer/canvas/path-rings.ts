import Konva from 'konva';

/**
 * SVG path data → closed polygons (interleaved x, y), with SVG semantics as a browser draws it.
 * Used to hit-test and edit outlines loaded from overlays.svg; curves are flattened, which
 * is what editing a node of a curved Inkscape path turns it into anyway.
 */

const CURVE_STEPS = 8;

export function pathDataToRings(d: string): number[][] {
  const rings: number[][] = [];
  let ring: number[] = [];
  const flush = (): void => {
    if (ring.length >= 6) {
      const n = ring.length;
      if (ring[0] === ring[n - 2] && ring[1] === ring[n - 1]) ring = ring.slice(0, -2);
      if (ring.length >= 6) rings.push(ring);
    }
    ring = [];
  };
  for (const seg of Konva.Path.parsePathData(d)) {
    const p = seg.points;
    switch (seg.command) {
      case 'M':
        flush();
        ring.push(p[0], p[1]);
        break;
      case 'L':
        ring.push(p[0], p[1]);
        break;
      case 'C':
        for (let s = 1; s <= CURVE_STEPS; s++) {
          const t = s / CURVE_STEPS;
          const u = 1 - t;
          const a = u * u * u;
          const b = 3 * u * u * t;
          const c = 3 * u * t * t;
          const e = t * t * t;
          ring.push(
            a * seg.start.x + b * p[0] + c * p[2] + e * p[4],
            a * seg.start.y + b * p[1] + c * p[3] + e * p[5],
          );
        }
        break;
      case 'Q':
        for (let s = 1; s <= CURVE_STEPS; s++) {
          const t = s / CURVE_STEPS;
          const u = 1 - t;
          ring.push(
            u * u * seg.start.x + 2 * u * t * p[0] + t * t * p[2],
            u * u * seg.start.y + 2 * u * t * p[1] + t * t * p[3],
          );
        }
        break;
      case 'z':
        flush();
        break;
      default:
        // arcs: pycortex cannot read them anyway (flagged by the overlay model); keep the end point
        if (p.length >= 2) ring.push(p[p.length - 2], p[p.length - 1]);
    }
  }
  flush();
  return rings;
}
