/**
 * The numeric limits every door into the back end enforces alike: the API's argument schemas
 * (so IPC and `serve`), the CLI's options, the engine's own checks and the UI's inputs.
 * Each bound is the engine's real one, or the smallest that keeps one request within memory.
 */

export interface NumberLimit {
  min: number;
  max: number;
  integer?: boolean;
}

export const LIMITS = {
  /** flatmap raster rows (pixel maps, vertex maps, curvature, a figure at 100 dpi) */
  height: { min: 16, max: 8192, integer: true },
  /**
   * depth samples between wm and pia per pixel: a voxel's sample count is stored in a byte,
   * so 255 is the engine's ceiling (pycortex's default is 32)
   */
  thick: { min: 1, max: 255, integer: true },
  /** cortical depth sampled with thick 1: 0 = white matter, 1 = pial */
  depth: { min: 0, max: 1 },
  /** a 4-D volume's frame */
  frame: { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true },
  /** figure resolution; 100 dpi is the flatmap's own pixels, below 10 a figure is a thumbnail */
  dpi: { min: 10, max: 2400 },
  /** a figure's data layer opacity */
  opacity: { min: 0, max: 1 },
  /** a figure's ROI outline width, SVG units */
  linewidth: { min: 0, max: 100 },
  /** a figure's ROI and sulcus name size, SVG units */
  labelsize: { min: 0, max: 500 },
  /** the raster a template label is traced on (CLI `trace --height`); each doubling is 4× slower */
  traceHeight: { min: 256, max: 4096, integer: true },
} as const satisfies Record<string, NumberLimit>;

export function withinLimit(value: number, limit: NumberLimit): boolean {
  return (
    Number.isFinite(value) &&
    value >= limit.min &&
    value <= limit.max &&
    (!limit.integer || Number.isInteger(value))
  );
}

/** "an integer from 16 to 8192": what a value must be, for error messages. */
export function describeLimit(limit: NumberLimit): string {
  return `${limit.integer ? 'an integer' : 'a number'} from ${limit.min} to ${limit.max}`;
}
