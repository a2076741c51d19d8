/**
 * Polyline simplification for freehand outlines: a pointer stroke has hundreds of points a few
 * screen pixels apart; the saved path should keep the shape with far fewer nodes.
 * Points are interleaved x, y in the SVG frame.
 */

/** Drop points closer than `minStep` to the previously kept one (the last point is always kept). */
export function dropClosePoints(xy: readonly number[], minStep: number): number[] {
  if (xy.length <= 4) return xy.slice();
  const out = [xy[0], xy[1]];
  const min2 = minStep * minStep;
  for (let i = 2; i < xy.length; i += 2) {
    const dx = xy[i] - out[out.length - 2];
    const dy = xy[i + 1] - out[out.length - 1];
    if (dx * dx + dy * dy >= min2) out.push(xy[i], xy[i + 1]);
  }
  const n = xy.length;
  if (out[out.length - 2] !== xy[n - 2] || out[out.length - 1] !== xy[n - 1]) {
    out.push(xy[n - 2], xy[n - 1]);
  }
  return out;
}

/** Squared distance from (px, py) to the segment (ax, ay)–(bx, by). */
export function segmentDistance2(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = Math.max(0, Math.min(1, t));
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

/**
 * Ramer–Douglas–Peucker on an open polyline: keeps the endpoints and every point that deviates
 * more than `tolerance` from the chord of its span. Iterative, so long strokes cannot overflow.
 */
export function simplifyPolyline(xy: readonly number[], tolerance: number): number[] {
  const n = xy.length / 2;
  if (n <= 2) return xy.slice();
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const tol2 = tolerance * tolerance;
  const stack: [number, number][] = [[0, n - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let worst = -1;
    let worstD2 = tol2;
    for (let i = first + 1; i < last; i++) {
      const d2 = segmentDistance2(
        xy[2 * i],
        xy[2 * i + 1],
        xy[2 * first],
        xy[2 * first + 1],
        xy[2 * last],
        xy[2 * last + 1],
      );
      if (d2 > worstD2) {
        worstD2 = d2;
        worst = i;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([first, worst], [worst, last]);
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(xy[2 * i], xy[2 * i + 1]);
  return out;
}

/**
 * RDP on a closed ring (no repeated closing point): the ring is split at the point farthest from
 * the first one so that neither half degenerates to a zero-length chord.
 */
export function simplifyRing(xy: readonly number[], tolerance: number): number[] {
  const n = xy.length / 2;
  if (n <= 3) return xy.slice();
  let far = 0;
  let farD2 = -1;
  for (let i = 1; i < n; i++) {
    const dx = xy[2 * i] - xy[0];
    const dy = xy[2 * i + 1] - xy[1];
    if (dx * dx + dy * dy > farD2) {
      farD2 = dx * dx + dy * dy;
      far = i;
    }
  }
  const a = simplifyPolyline(xy.slice(0, 2 * far + 2), tolerance);
  const b = simplifyPolyline([...xy.slice(2 * far), xy[0], xy[1]], tolerance);
  // a ends at `far`, b starts at `far` and ends at the first point again
  const ring = [...a, ...b.slice(2, b.length - 2)];
  return ring.length >= 6 ? ring : xy.slice();
}
