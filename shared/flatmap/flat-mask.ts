import { traceBoundaryLoops, twoLongestLoops } from './boundary.js';
import type { FlatFrame } from './flat-frame.js';
import { imageWidth } from './image-grid.js';
import { fillPolygon } from './polygon-fill.js';

const f32 = Math.fround;

/**
 * Which pixels of a quickflat image are on the brain (pycortex-formats.md §4.3): the two longest
 * boundary loops, scaled by float32(height / yrange) and filled as Pillow does.
 * `mask` is in image order: row-major, row 0 at the top (flat ymax), 1 = on the brain.
 */
export interface FlatMask {
  width: number;
  height: number;
  mask: Uint8Array;
}

export function buildFlatMask(frame: FlatFrame, height: number, loops?: [number[], number[]]): FlatMask {
  const width = imageWidth(frame.extents, height);
  const [xmin, , ymin, ymax] = frame.extents;
  const aspect = f32(height / f32(ymax - ymin));
  const pil = new Uint8Array(width * height);
  for (const loop of loops ?? twoLongestLoops(traceBoundaryLoops(frame.triangles))) {
    const xy = new Float32Array(2 * loop.length);
    loop.forEach((v, k) => {
      xy[2 * k] = f32(f32(frame.xy[2 * v] - xmin) * aspect);
      xy[2 * k + 1] = f32(f32(frame.xy[2 * v + 1] - ymin) * aspect);
    });
    fillPolygon(pil, width, height, xy, 1);
  }
  // Pillow's row 0 is flat ymin; the image's row 0 is flat ymax
  const mask = new Uint8Array(width * height);
  for (let r = 0; r < height; r++)
    mask.set(pil.subarray((height - 1 - r) * width, (height - r) * width), r * width);
  return { width, height, mask };
}

/**
 * pycortex's cached `mask` array (bool, shape (W, H), x first, y upward) in image order.
 * pycortex saves the transpose of Pillow's array, so the file is usually Fortran-ordered.
 */
export function maskFromPycortex(
  wh: Uint8Array,
  width: number,
  height: number,
  fortranOrder: boolean,
): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let c = 0; c < width; c++)
    for (let j = 0; j < height; j++) {
      const v = fortranOrder ? wh[j * width + c] : wh[c * height + j];
      out[(height - 1 - j) * width + c] = v ? 1 : 0;
    }
  return out;
}
