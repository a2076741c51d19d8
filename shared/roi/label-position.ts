import type { Segment } from '../formats/svg-path.js';

/**
 * Where to put an ROI's `<text>` label: inside the outline, away from its edges — the centroid
 * when it lies inside, else the middle of the widest horizontal run through the outline at the
 * centroid's height. pycortex (re)computes its own positions on load and reuses a label within
 * 250 units of them (§6.7), so this only has to land inside the shape.
 */
export function labelPosition(segs: readonly Segment[]): [number, number] {
  const pts: number[] = [];
  for (const s of segs) if (s.cmd !== 'Z') pts.push(s.x, s.y);
  const n = pts.length / 2;
  if (n === 0) return [0, 0];
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const cross = pts[2 * i] * pts[2 * j + 1] - pts[2 * j] * pts[2 * i + 1];
    a += cross;
    cx += (pts[2 * i] + pts[2 * j]) * cross;
    cy += (pts[2 * i + 1] + pts[2 * j + 1]) * cross;
  }
  if (Math.abs(a) < 1e-12) {
    let mx = 0;
    let my = 0;
    for (let i = 0; i < n; i++) {
      mx += pts[2 * i];
      my += pts[2 * i + 1];
    }
    return [mx / n, my / n];
  }
  cx /= 3 * a;
  cy /= 3 * a;
  // crossings of the horizontal line y = cy, sorted: inside runs are [x0,x1], [x2,x3], …
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const [x0, y0, x1, y1] = [pts[2 * i], pts[2 * i + 1], pts[2 * j], pts[2 * j + 1]];
    if (y0 > cy !== y1 > cy) xs.push(x0 + ((cy - y0) * (x1 - x0)) / (y1 - y0));
  }
  xs.sort((p, q) => p - q);
  let best: [number, number] | null = null;
  for (let k = 0; k + 1 < xs.length; k += 2) {
    if (cx >= xs[k] && cx <= xs[k + 1]) return [cx, cy];
    if (!best || xs[k + 1] - xs[k] > best[1] - best[0]) best = [xs[k], xs[k + 1]];
  }
  return best ? [(best[0] + best[1]) / 2, cy] : [cx, cy];
}
