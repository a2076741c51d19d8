import type { Hemi } from '../subject.js';
import { polylinesToPath } from '../formats/path-writer.js';
import { closeMask } from './close-mask.js';
import { isOuterRing, signedArea, traceRings } from './marching-squares.js';
import { simplifyRing } from './simplify.js';
import { smoothRing } from './smooth.js';
import { pointInRing } from './point-in-ring.js';

/**
 * Template label → ROI outlines. A crisp label raster laid on the SVG frame (one template value
 * per pixel, sampled at mid-depth) is traced per label and per hemisphere with marching squares,
 * smoothed lightly, simplified, and written as safe-subset path data pycortex reads identically
 * (pycortex-formats.md §11.3).
 *
 * pycortex unions subpaths, so an inner subpath cannot be a hole: each outer boundary becomes one
 * subpath, and its holes are either spliced into it through a short two-way slit (even–odd inside
 * the single subpath then excludes them) or dropped (`holes: 'fill'`).
 */

/** A raster in quickflat orientation (row 0 at the top) covering the whole SVG frame. */
export interface LabelRaster {
  width: number;
  height: number;
  /** template value per pixel, row-major; NaN or ≤ 0 = no label */
  values: ArrayLike<number>;
}

export interface TraceOptions {
  /** root width/height of overlays.svg */
  svgWidth: number;
  svgHeight: number;
  /** first raster column of the right hemisphere (pixels left of it are lh) */
  splitColumn: number;
  /** simplification tolerance in SVG units */
  tolerance?: number;
  /** moving-average radius (ring points) applied before simplification */
  smoothRadius?: number;
  holes?: 'slit' | 'fill';
  /** islands smaller than this (square SVG units) are dropped */
  minArea?: number;
  /** holes smaller than this (square SVG units) are filled: speckle, not structure */
  minHoleArea?: number;
  /**
   * Cleaning of speckled labels, in raster pixels; 0 (the default) traces the raw label.
   * Closing fills holes and closes slits up to twice this wide before tracing.
   */
  closeRadius?: number;
  /** islands covering fewer raster pixels than this are dropped */
  minIslandPixels?: number;
}

export interface TracedLabel {
  label: number;
  /** one path `d` per hemisphere that has any of the label; absent when it has none */
  paths: Partial<Record<Hemi, string>>;
}

const DEFAULTS = {
  tolerance: 0.5,
  smoothRadius: 1,
  holes: 'slit' as const,
  minArea: 1,
  minHoleArea: 64,
  closeRadius: 0,
  minIslandPixels: 0,
};

/** Trace every requested label (all positive integer values present when `labels` is absent). */
export function traceLabels(raster: LabelRaster, options: TraceOptions, labels?: number[]): TracedLabel[] {
  const boxes = labelBoxes(raster, options.splitColumn);
  const wanted = labels ?? [...new Set([...boxes.keys()].map((k) => k >> 1))].sort((a, b) => a - b);
  return wanted.map((label) => {
    const paths: Partial<Record<Hemi, string>> = {};
    for (const [h, hemi] of (['lh', 'rh'] as const).entries()) {
      const box = boxes.get(label * 2 + h);
      if (!box) continue;
      const d = traceBox(raster, label, box, options);
      if (d) paths[hemi] = d;
    }
    return { label, paths };
  });
}

interface Box {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

/** Bounding box of each (label, hemisphere), keyed label·2 + (0 lh | 1 rh), in one pass. */
function labelBoxes(raster: LabelRaster, splitColumn: number): Map<number, Box> {
  const boxes = new Map<number, Box>();
  const { width, height, values } = raster;
  for (let r = 0; r < height; r++) {
    const row = r * width;
    for (let c = 0; c < width; c++) {
      const v = values[row + c];
      if (!(v > 0) || !Number.isInteger(v)) continue;
      const key = v * 2 + (c >= splitColumn ? 1 : 0);
      const b = boxes.get(key);
      if (!b) boxes.set(key, { r0: r, r1: r, c0: c, c1: c });
      else {
        if (r > b.r1) b.r1 = r;
        if (c < b.c0) b.c0 = c;
        if (c > b.c1) b.c1 = c;
      }
    }
  }
  return boxes;
}

function traceBox(raster: LabelRaster, label: number, box: Box, options: TraceOptions): string | null {
  const o = { ...DEFAULTS, ...options };
  const w = box.c1 - box.c0 + 1;
  const h = box.r1 - box.r0 + 1;
  const labelMask = new Uint8Array(w * h);
  for (let r = 0; r < h; r++) {
    const src = (box.r0 + r) * raster.width + box.c0;
    for (let c = 0; c < w; c++) if (raster.values[src + c] === label) labelMask[r * w + c] = 1;
  }
  const mask = closeMask(labelMask, w, h, o.closeRadius);

  // pixel (r, c) samples SVG (c·Wsvg/(W−1), r·Hsvg/(H−1)) (quickflat's linspace grid, §4.4/§6.2)
  const sx = o.svgWidth / (raster.width - 1);
  const sy = o.svgHeight / (raster.height - 1);

  const outers: Float64Array[] = [];
  const holes: Float64Array[] = [];
  for (const ring of traceRings(mask, w, h)) {
    const outer = isOuterRing(ring);
    const pixels = Math.abs(signedArea(ring));
    if (pixels * sx * sy < (outer ? o.minArea : o.minHoleArea)) continue;
    if (outer && pixels < o.minIslandPixels) continue;
    (outer ? outers : holes).push(ring);
  }
  if (outers.length === 0) return null;
  const toSvg = (ring: Float64Array): number[] => {
    const out = new Array<number>(ring.length);
    for (let i = 0; i < ring.length; i += 2) {
      out[i] = (ring[i] + box.c0) * sx;
      out[i + 1] = (ring[i + 1] + box.r0) * sy;
    }
    return simplifyRing(smoothRing(out, o.smoothRadius), o.tolerance);
  };

  const holesOf = assignHoles(outers, o.holes === 'slit' ? holes : []);
  const subpaths = outers.map((outer, i) => {
    let ring = toSvg(outer);
    for (const hole of holesOf[i]) ring = splice(ring, toSvg(hole));
    return ring;
  });
  const rings = subpaths.filter((ring) => ring.length >= 6);
  return rings.length ? polylinesToPath(rings, true) : null;
}

/** For each outer ring, the holes whose first point lies inside it (the smallest such outer). */
function assignHoles(outers: Float64Array[], holes: Float64Array[]): Float64Array[][] {
  const result: Float64Array[][] = outers.map(() => []);
  const areas = outers.map((r) => Math.abs(signedArea(r)));
  for (const hole of holes) {
    let best = -1;
    for (let i = 0; i < outers.length; i++) {
      if ((best < 0 || areas[i] < areas[best]) && pointInRing(hole[0], hole[1], outers[i])) best = i;
    }
    if (best >= 0) result[best].push(hole);
  }
  return result;
}

/**
 * Join a hole into its outer ring through the closest pair of points: outer … a, hole from b
 * round to b, back to a … outer. The two slit edges coincide and cancel in the even–odd test.
 */
function splice(outer: number[], hole: number[]): number[] {
  let ai = 0;
  let bi = 0;
  let best = Infinity;
  for (let i = 0; i < outer.length; i += 2) {
    for (let j = 0; j < hole.length; j += 2) {
      const d = (outer[i] - hole[j]) ** 2 + (outer[i + 1] - hole[j + 1]) ** 2;
      if (d < best) {
        best = d;
        ai = i;
        bi = j;
      }
    }
  }
  const rotatedHole = [...hole.slice(bi), ...hole.slice(0, bi), hole[bi], hole[bi + 1]];
  return [...outer.slice(0, ai + 2), ...rotatedHole, ...outer.slice(ai)];
}
