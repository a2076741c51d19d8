import type { FlatDelaunay } from '../../../shared/flatmap/flat-delaunay.js';
import type { FlatFrame } from '../../../shared/flatmap/flat-frame.js';
import type { PixelRows, PixelSamplingInput } from '../../../shared/flatmap/pixel-map.js';

/** Messages between the flatmap engine and its worker threads (flatmap-worker.ts). */

export type WorkerRequest =
  | {
      id: number;
      kind: 'pixel-rows';
      /** arrays backed by SharedArrayBuffers, so every worker reads the same memory */
      input: PixelSamplingInput;
      rowStart: number;
      rowEnd: number;
    }
  | {
      id: number;
      kind: 'delaunay';
      /** the parts of the flat frame the triangulation reads */
      frame: Pick<FlatFrame, 'xy' | 'valid'>;
    }
  | {
      id: number;
      kind: 'curvature';
      /** one hemisphere's fiducial surface */
      points: Float32Array;
      triangles: Uint32Array;
    };

export type WorkerReply =
  | { id: number; rows: PixelRows }
  | { id: number; curvature: Float64Array }
  /** arrays in SharedArrayBuffers, ready for the pixel-map workers */
  | { id: number; delaunay: FlatDelaunay }
  | { id: number; error: string };
