import { traceBoundaryLoops, twoLongestLoops } from '../../../shared/flatmap/boundary.js';
import { buildFlatFrame, type FlatFrame } from '../../../shared/flatmap/flat-frame.js';
import type { HemiPair, Surface } from '../../../shared/subject.js';

/**
 * The merged flat frame and its two longest boundary loops, once per parsed flat surface pair
 * (the surface loader hands out the same object while the files are unchanged). The flatmap
 * engine (mask) and the overlay (clip path, membership) both start from them; opening a
 * subject asks for both at once.
 */
interface FlatShape {
  frame: FlatFrame;
  loops?: [number[], number[]];
}

const shapes = new WeakMap<HemiPair<Surface>, FlatShape>();

function shapeOf(flat: HemiPair<Surface>): FlatShape {
  let shape = shapes.get(flat);
  if (!shape) {
    shape = { frame: buildFlatFrame(flat) };
    shapes.set(flat, shape);
  }
  return shape;
}

export function flatFrameOf(flat: HemiPair<Surface>): FlatFrame {
  return shapeOf(flat).frame;
}

/** The two longest boundary loops, longest first; throws when the flat mesh has fewer than two. */
export function boundaryLoopsOf(flat: HemiPair<Surface>): [number[], number[]] {
  const shape = shapeOf(flat);
  return (shape.loops ??= twoLongestLoops(traceBoundaryLoops(shape.frame.triangles)));
}
