/**
 * Antialiased coverage for figure export: how much of each pixel a shape covers (0–255), kept
 * apart from colour so one layer of white outlines and names can cast one soft shadow, as
 * pycortex's `dropshadow` filter does, before it is composited.
 */
export interface Layer {
  width: number;
  height: number;
  /** coverage per pixel, row-major */
  alpha: Uint8ClampedArray;
}

export function newLayer(width: number, height: number): Layer {
  return { width, height, alpha: new Uint8ClampedArray(width * height) };
}

/** Sub-scanlines per pixel row; along a scanline coverage is exact. */
const SUBROWS = 8;

/**
 * Fill closed polygons (interleaved x, y in pixels, pixel centres at +0.5) under the nonzero
 * rule, as font outlines are meant: each pixel takes the larger of its coverage and this one.
 */
export function fillPolygons(layer: Layer, rings: readonly (readonly number[])[]): void {
  let minY = Infinity;
  let maxY = -Infinity;
  let minX = Infinity;
  let maxX = -Infinity;
  for (const r of rings)
    for (let i = 0; i < r.length; i += 2) {
      minX = Math.min(minX, r[i]);
      maxX = Math.max(maxX, r[i]);
      minY = Math.min(minY, r[i + 1]);
      maxY = Math.max(maxY, r[i + 1]);
    }
  const y0 = Math.max(0, Math.floor(minY));
  const y1 = Math.min(layer.height - 1, Math.ceil(maxY));
  const x0 = Math.max(0, Math.floor(minX));
  const x1 = Math.min(layer.width - 1, Math.ceil(maxX));
  if (y0 > y1 || x0 > x1) return;
  const row = new Float32Array(x1 - x0 + 2);
  const crossings: number[] = [];
  for (let y = y0; y <= y1; y++) {
    row.fill(0);
    for (let s = 0; s < SUBROWS; s++) {
      const sy = y + (s + 0.5) / SUBROWS;
      crossings.length = 0;
      for (const r of rings) {
        const n = r.length / 2;
        for (let i = 0; i < n; i++) {
          const ax = r[2 * i], ay = r[2 * i + 1]; // prettier-ignore
          const j = (i + 1) % n;
          const bx = r[2 * j], by = r[2 * j + 1]; // prettier-ignore
          // half-open in y, so a vertex on the scanline is counted once
          if (ay <= sy === by <= sy) continue;
          crossings.push(ax + ((sy - ay) / (by - ay)) * (bx - ax), by > ay ? 1 : -1);
        }
      }
      const order = Array.from({ length: crossings.length / 2 }, (_, k) => k).sort(
        (a, b) => crossings[2 * a] - crossings[2 * b],
      );
      let winding = 0;
      for (let k = 0; k < order.length; k++) {
        const from = crossings[2 * order[k]];
        winding += crossings[2 * order[k] + 1];
        if (winding !== 0 && k + 1 < order.length) addSpan(row, from - x0, crossings[2 * order[k + 1]] - x0);
      }
    }
    const base = y * layer.width;
    for (let x = x0; x <= x1; x++) {
      const v = Math.round((255 * row[x - x0]) / SUBROWS);
      if (v > layer.alpha[base + x]) layer.alpha[base + x] = v;
    }
  }
}

/** Add the span [a, b) of one sub-scanline (in pixel units from the row's start) to `row`. */
function addSpan(row: Float32Array, a: number, b: number): void {
  a = Math.max(0, a);
  b = Math.min(row.length - 1, b);
  if (b <= a) return;
  const ia = Math.floor(a);
  const ib = Math.floor(b);
  if (ia === ib) {
    row[ia] += b - a;
    return;
  }
  row[ia] += ia + 1 - a;
  for (let i = ia + 1; i < ib; i++) row[i] += 1;
  row[ib] += b - ib;
}

/**
 * The layer's coverage blurred like a Gaussian of standard deviation `sigma` pixels (three box
 * blurs each way, O(1) per pixel whatever the width), over the box around what is covered only.
 */
export function blurred(layer: Layer, sigma: number): Layer {
  const r = Math.max(1, Math.round((Math.sqrt(4 * sigma * sigma + 1) - 1) / 2));
  const { width: w, height: h } = layer;
  const out = newLayer(w, h);
  const box = coveredBox(layer);
  if (!box) return out;
  // three passes each way spread coverage 3r pixels; beyond that box everything stays 0
  const x0 = Math.max(0, box.x0 - 3 * r);
  const x1 = Math.min(w - 1, box.x1 + 3 * r);
  const y0 = Math.max(0, box.y0 - 3 * r);
  const y1 = Math.min(h - 1, box.y1 + 3 * r);
  const bw = x1 - x0 + 1;
  const bh = y1 - y0 + 1;
  let a = new Uint8ClampedArray(bw * bh);
  for (let y = 0; y < bh; y++) a.set(layer.alpha.subarray((y0 + y) * w + x0, (y0 + y) * w + x1 + 1), y * bw);
  let b = new Uint8ClampedArray(a.length);
  for (let pass = 0; pass < 3; pass++) {
    rowPass(a, b, bw, bh, r);
    [a, b] = [b, a];
    columnPass(a, b, bw, bh, r);
    [a, b] = [b, a];
  }
  for (let y = 0; y < bh; y++) out.alpha.set(a.subarray(y * bw, (y + 1) * bw), (y0 + y) * w + x0);
  return out;
}

/** The smallest box holding every covered pixel, or null when none is. */
function coveredBox(layer: Layer): { x0: number; x1: number; y0: number; y1: number } | null {
  const { width: w, height: h, alpha } = layer;
  let x0 = w, x1 = -1, y0 = h, y1 = -1; // prettier-ignore
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let first = -1;
    for (let x = 0; x < w; x++)
      if (alpha[row + x]) {
        first = x;
        break;
      }
    if (first < 0) continue;
    let last = w - 1;
    while (!alpha[row + last]) last--;
    x0 = Math.min(x0, first);
    x1 = Math.max(x1, last);
    y0 = Math.min(y0, y);
    y1 = y;
  }
  return y1 < 0 ? null : { x0, x1, y0, y1 };
}

/** One box blur of radius r along each row; zero beyond the ends. */
function rowPass(src: Uint8ClampedArray, dst: Uint8ClampedArray, w: number, h: number, r: number): void {
  const span = 2 * r + 1;
  for (let y = 0; y < h; y++) {
    const start = y * w;
    let sum = 0;
    for (let i = 0; i < Math.min(r, w); i++) sum += src[start + i];
    for (let i = 0; i < w; i++) {
      if (i + r < w) sum += src[start + i + r];
      if (i - r - 1 >= 0) sum -= src[start + i - r - 1];
      dst[start + i] = sum / span;
    }
  }
}

/** The same down each column, walking rows so memory is read in order. */
function columnPass(src: Uint8ClampedArray, dst: Uint8ClampedArray, w: number, h: number, r: number): void {
  const span = 2 * r + 1;
  const sums = new Int32Array(w);
  for (let i = 0; i < Math.min(r, h); i++) for (let x = 0; x < w; x++) sums[x] += src[i * w + x];
  for (let y = 0; y < h; y++) {
    const add = y + r < h ? (y + r) * w : -1;
    const sub = y - r - 1 >= 0 ? (y - r - 1) * w : -1;
    const row = y * w;
    for (let x = 0; x < w; x++) {
      let s = sums[x];
      if (add >= 0) s += src[add + x];
      if (sub >= 0) s -= src[sub + x];
      sums[x] = s;
      dst[row + x] = s / span;
    }
  }
}
