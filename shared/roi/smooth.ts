/**
 * Smoothing for freehand outlines: a hand-drawn stroke jitters by a pixel or two; a short moving
 * average over the closed ring removes the jitter without shrinking the outline noticeably.
 * Points are interleaved x, y; the ring is implicitly closed (no repeated last point).
 */

/** Moving average over `2·radius + 1` neighbours along a closed ring, wrapping around. */
export function smoothRing(xy: readonly number[], radius: number): number[] {
  const n = xy.length / 2;
  if (radius <= 0 || n < 3) return xy.slice();
  const r = Math.min(radius, Math.floor((n - 1) / 2));
  const out = new Array<number>(xy.length);
  const w = 2 * r + 1;
  for (let i = 0; i < n; i++) {
    let sx = 0;
    let sy = 0;
    for (let k = -r; k <= r; k++) {
      const j = (((i + k) % n) + n) % n;
      sx += xy[2 * j];
      sy += xy[2 * j + 1];
    }
    out[2 * i] = sx / w;
    out[2 * i + 1] = sy / w;
  }
  return out;
}

/** Same moving average on an open polyline; the endpoints stay where the user put them. */
export function smoothPolyline(xy: readonly number[], radius: number): number[] {
  const n = xy.length / 2;
  if (radius <= 0 || n < 3) return xy.slice();
  const out = xy.slice();
  for (let i = 1; i < n - 1; i++) {
    const r = Math.min(radius, i, n - 1 - i);
    let sx = 0;
    let sy = 0;
    for (let k = -r; k <= r; k++) {
      sx += xy[2 * (i + k)];
      sy += xy[2 * (i + k) + 1];
    }
    out[2 * i] = sx / (2 * r + 1);
    out[2 * i + 1] = sy / (2 * r + 1);
  }
  return out;
}

/** Signed area of a closed ring (shoelace; positive = counter-clockwise in y-up axes). */
export function ringArea(xy: readonly number[]): number {
  const n = xy.length / 2;
  let a = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    a += xy[2 * j] * xy[2 * i + 1] - xy[2 * i] * xy[2 * j + 1];
  }
  return a / 2;
}
