/**
 * Where pycortex 1.3 writes an overlay path's name when it renders a figure (svgoverlay's
 * `_parse_svg_pts` then `_center_pts`), reproduced with its quirks, because a figure is compared
 * with pycortex's own:
 * - the path's points are read token by token: after the first pair every bare pair is taken as
 *   a *relative* line (so `M x,y x,y …` walks far off the image and its name is not seen); `H`/`V`
 *   set the other coordinate to 0; curves contribute their end point only; anything it does not
 *   know (arcs, quadratics, numbers after `Z`) makes it give up (null here, no name);
 * - the points are scaled into the unit square, thinned to about 20, and the name goes to the
 *   centroid of the polygon eroded by the largest step of 1/99 that leaves something (shapely's
 *   buffer(−i)); with fewer than 3 points, or nothing left at step 0, the mean of the points.
 */
export function pycortexLabelPosition(d: string): [number, number] | null {
  const pts = pathPoints(d);
  return pts ? centre(pts) : null;
}

const TOKENS = /([MmZzLlHhVvCcSsQqTtAa])|([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)/g;

function pathPoints(d: string): number[] | null {
  const tokens = [...d.matchAll(TOKENS)].map((m) => m[0]);
  if (tokens.length < 3 || tokens[0].toLowerCase() !== 'm') return null;
  let x = Number(tokens[1]);
  let y = Number(tokens[2]);
  const pts = [x, y];
  let mode = 'l';
  let k = 3;
  const num = () => Number(tokens[k++]);
  while (k < tokens.length) {
    if (!isNumber(tokens[k])) {
      mode = tokens[k++];
      continue;
    }
    const before = k;
    if (mode === 'l' || mode === 'm') [x, y] = [x + num(), y + num()];
    else if (mode === 'L' || mode === 'M') [x, y] = [num(), num()];
    else if (mode === 'h') x += num();
    else if (mode === 'H') [x, y] = [num(), 0];
    else if (mode === 'v') y += num();
    else if (mode === 'V') [x, y] = [0, num()];
    else if (mode === 'c') {
      k += 4;
      [x, y] = [x + num(), y + num()];
    } else if (mode === 'C') {
      k += 4;
      [x, y] = [num(), num()];
    }
    if (k === before || k > tokens.length || Number.isNaN(x + y)) return null;
    pts.push(x, y);
  }
  return pts;
}

const isNumber = (t: string) => !/^[A-Za-z]$/.test(t);

/** Erosion steps, as numpy's linspace(0, 1, 100). */
const STEPS = 100;

function centre(all: number[]): [number, number] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity; // prettier-ignore
  for (let i = 0; i < all.length; i += 2) {
    minX = Math.min(minX, all[i]);
    maxX = Math.max(maxX, all[i]);
    minY = Math.min(minY, all[i + 1]);
    maxY = Math.max(maxY, all[i + 1]);
  }
  const sx = maxX - minX || 1;
  const sy = maxY - minY || 1;
  const n = all.length / 2;
  const step = n > 20 ? Math.floor(n / 20) : 1;
  const p: number[] = [];
  for (let i = 0; i < n; i += step) p.push((all[2 * i] - minX) / sx, (all[2 * i + 1] - minY) / sy);
  const back = ([u, v]: [number, number]): [number, number] => [u * sx + minX, v * sy + minY];
  const mean = (): [number, number] => {
    let u = 0;
    let v = 0;
    for (let i = 0; i < p.length; i += 2) [u, v] = [u + p[i], v + p[i + 1]];
    return back([u / (p.length / 2), v / (p.length / 2)]);
  };
  if (p.length < 6) return mean();
  const eroded = erodedCentroid(p);
  return eroded ? back(eroded) : mean();
}

/**
 * Centroid of the polygon (even-odd, unit square) eroded by the last step i/99 that leaves
 * anything: points farther than i from every edge. Sampled on a grid, refined where the deepest
 * points are, so the answer is good to a small fraction of a grid cell.
 */
function erodedCentroid(p: number[]): [number, number] | null {
  const G = 96;
  const cell = 1 / G;
  const depth = (u: number, v: number) => (inside(p, u, v) ? edgeDistance(p, u, v) : -1);
  let deepest = -1;
  const coarse = new Float64Array(G * G);
  for (let j = 0; j < G; j++)
    for (let i = 0; i < G; i++) {
      const dd = depth((i + 0.5) * cell, (j + 0.5) * cell);
      coarse[j * G + i] = dd;
      deepest = Math.max(deepest, dd);
    }
  if (deepest <= 0) return null;
  // refine the cells that may hold the deepest points (a cell's points are within cell·√½ of its centre)
  const reach = cell * Math.SQRT1_2;
  const S = 12;
  const samples: number[] = [];
  let best = deepest;
  for (let c = 0; c < coarse.length; c++) {
    if (coarse[c] < deepest - 2 * reach - 1 / (STEPS - 1)) continue;
    const i = c % G;
    const j = Math.floor(c / G);
    for (let b = 0; b < S; b++)
      for (let a = 0; a < S; a++) {
        const u = (i + (a + 0.5) / S) * cell;
        const v = (j + (b + 0.5) / S) * cell;
        const dd = depth(u, v);
        if (dd > 0) {
          samples.push(u, v, dd);
          best = Math.max(best, dd);
        }
      }
  }
  // the last step of 1/99 still below the deepest point
  const last = (Math.ceil(best * (STEPS - 1)) - 1) / (STEPS - 1);
  if (last < 0) return null;
  let su = 0;
  let sv = 0;
  let count = 0;
  for (let s = 0; s < samples.length; s += 3)
    if (samples[s + 2] > last) {
      su += samples[s];
      sv += samples[s + 1];
      count++;
    }
  return count ? [su / count, sv / count] : null;
}

function inside(p: number[], u: number, v: number): boolean {
  let odd = false;
  const n = p.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const [xi, yi, xj, yj] = [p[2 * i], p[2 * i + 1], p[2 * j], p[2 * j + 1]];
    if (yi > v !== yj > v && u < xi + ((v - yi) * (xj - xi)) / (yj - yi)) odd = !odd;
  }
  return odd;
}

function edgeDistance(p: number[], u: number, v: number): number {
  let best = Infinity;
  const n = p.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const [ax, ay, bx, by] = [p[2 * j], p[2 * j + 1], p[2 * i], p[2 * i + 1]];
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    let t = len2 > 0 ? ((u - ax) * dx + (v - ay) * dy) / len2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    best = Math.min(best, Math.hypot(ax + t * dx - u, ay + t * dy - v));
  }
  return best;
}
