import type { PixelRows, PixelSamplingInput } from '../../shared/flatmap/pixel-map.js';

/** Messages between the flatmap engine and its worker threads (flatmap-worker.ts). */

export interface PixelRowsRequest {
  id: number;
  /** arrays backed by SharedArrayBuffers, so every worker reads the same memory */
  input: PixelSamplingInput;
  rowStart: number;
  rowEnd: number;
}

export type PixelRowsReply = { id: number; rows: PixelRows } | { id: number; error: string };
