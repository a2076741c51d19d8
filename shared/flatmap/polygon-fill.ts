/**
 * Filled polygon rasterisation with the same pixel rule as Pillow's `ImageDraw.polygon`
 * (pycortex-formats.md §4.3 step 5), so the flat mask is bit-exact with pycortex's.
 * `image` is 8-bit, `width × height`, row-major, row 0 = the polygon's y = 0.
 */

const f32 = Math.fround;

interface Edge {
  x0: number;
  y0: number;
  xmin: number;
  xmax: number;
  ymin: number;
  ymax: number;
  /** float32 slope dx/dy; 0 for horizontal edges */
  dx: number;
}

function makeEdge(x0: number, y0: number, x1: number, y1: number): Edge {
  return {
    x0,
    y0,
    xmin: Math.min(x0, x1),
    xmax: Math.max(x0, x1),
    ymin: Math.min(y0, y1),
    ymax: Math.max(y0, y1),
    dx: y0 === y1 ? 0 : f32((x1 - x0) / (y1 - y0)),
  };
}

/** Pillow's edge list: integer (truncated) vertices, merged runs of horizontal edges, implicit closing edge. */
function polygonEdges(xy: ArrayLike<number>): Edge[] {
  const n = xy.length / 2;
  const p = new Int32Array(xy.length);
  for (let i = 0; i < xy.length; i++) p[i] = Math.trunc(xy[i]);
  const edges: Edge[] = [];
  let i = 0;
  for (; i < n - 1; i++) {
    const x0 = p[2 * i];
    const y0 = p[2 * i + 1];
    const x1 = p[2 * i + 2];
    const y1 = p[2 * i + 3];
    if (y0 === y1 && i !== 0 && y0 === p[2 * i - 1]) {
      // a horizontal edge continuing the previous horizontal edge in the same direction
      const last = edges[edges.length - 1];
      const xPrev = p[2 * i - 2];
      if (x1 > x0 && x0 > xPrev) {
        last.xmax = x1;
        continue;
      }
      if (x1 < x0 && x0 < xPrev) {
        last.xmin = x1;
        continue;
      }
    }
    edges.push(makeEdge(x0, y0, x1, y1));
  }
  if (n > 0 && (p[2 * i] !== p[0] || p[2 * i + 1] !== p[1]))
    edges.push(makeEdge(p[2 * i], p[2 * i + 1], p[0], p[1]));
  return edges;
}

/** Pillow's ROUND_UP / ROUND_DOWN: symmetric about 0, evaluated in float32. */
function roundUp(f: number): number {
  return f >= 0 ? Math.floor(f32(f + 0.5)) : -Math.floor(f32(-f + 0.5));
}
function roundDown(f: number): number {
  return f >= 0 ? Math.ceil(f32(f - 0.5)) : -Math.ceil(f32(-f - 0.5));
}

function hline(
  image: Uint8Array,
  width: number,
  height: number,
  x0: number,
  y: number,
  x1: number,
  ink: number,
) {
  if (y < 0 || y >= height) return;
  const a = Math.max(x0, 0);
  const b = Math.min(x1, width - 1);
  if (b < a) return;
  image.fill(ink, y * width + a, y * width + b + 1);
}

/** Fill the polygon `xy` (interleaved x, y in pixel units) into `image` with value `ink`. */
export function fillPolygon(
  image: Uint8Array,
  width: number,
  height: number,
  xy: ArrayLike<number>,
  ink = 255,
): void {
  const edges = polygonEdges(xy);
  if (edges.length === 0) return;
  let ymin = height - 1;
  let ymax = 0;
  const sloped: Edge[] = [];
  for (const e of edges) {
    if (ymin > e.ymin) ymin = e.ymin;
    if (ymax < e.ymax) ymax = e.ymax;
    if (e.ymin === e.ymax) hline(image, width, height, e.xmin, e.ymin, e.xmax, ink);
    else sloped.push(e);
  }
  if (ymin < 0) ymin = 0;
  if (ymax > height) ymax = height;

  const xx = new Float32Array(2 * sloped.length);
  for (let y = ymin; y <= ymax; y++) {
    let j = 0;
    for (const e of sloped) {
      if (y < e.ymin || y > e.ymax) continue;
      xx[j++] = f32(f32((y - e.y0) * e.dx) + e.x0);
      // an edge ending on this row counts twice (Pillow keeps vertices consistent this way)
      if (y === e.ymax && y < ymax) {
        xx[j] = xx[j - 1];
        j++;
      }
    }
    const row = xx.subarray(0, j).sort();
    for (let k = 1; k < j; k += 2) {
      const a = roundUp(row[k - 1]);
      const b = roundDown(row[k]);
      if (b >= a) hline(image, width, height, a, y, b, ink);
    }
  }
}
