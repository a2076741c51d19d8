import type { PixelMap } from '../api.js';
import { PIXEL_BLOCK } from './pixel-block.js';

/**
 * The pixel map's row layout (api.ts {@link PixelMap}): listed pixels grouped by block, then by
 * row length. {@link RowGroupWriter} builds it while rows are sampled in image order;
 * {@link joinRowGroups} concatenates bands of image rows computed apart.
 */

/** The grouped rows of some image rows; `lengths` always spans every block of the image. */
export type RowGroups = Pick<PixelMap, 'pixels' | 'lengths' | 'voxels' | 'samples'>;

const BLOCK_SHIFT = Math.log2(PIXEL_BLOCK);

/** Length groups of an image: `thick + 1` counters per block. */
export function groupCount(imagePixels: number, thick: number): number {
  return Math.ceil(imagePixels / PIXEL_BLOCK) * (thick + 1);
}

/**
 * Collects rows in image order. Between {@link begin} and {@link end} the caller samples a
 * pixel's entries into `voxels`/`samples` from `length` and advances `length`; rows wait in this small scratch (one block, cache
 * resident) and are regrouped by length when the next block begins.
 */
export class RowGroupWriter {
  /** scratch entries of the current block's rows */
  voxels: Int32Array;
  samples: Uint8Array;
  length = 0;
  private rowPixel = new Uint32Array(1024);
  private rowLength = new Uint8Array(1024);
  private rows = 0;
  private block = -1;
  /** the row begun: its pixel and where its entries start */
  private pixel = 0;
  private start = 0;
  private readonly stride: number;
  private readonly lengths: Uint32Array;
  private out: { pixels: Uint32Array; voxels: Int32Array; samples: Uint8Array };
  private listed = 0;
  private entries = 0;

  /**
   * `maxRows`: at most this many rows will be added (the on-brain pixels);
   * `entriesHint`: the expected number of entries in all (grows when exceeded)
   */
  constructor(imagePixels: number, thick: number, maxRows: number, entriesHint: number) {
    this.stride = thick + 1;
    this.lengths = new Uint32Array(groupCount(imagePixels, thick));
    const scratch = PIXEL_BLOCK * 4 + thick;
    this.voxels = new Int32Array(scratch);
    this.samples = new Uint8Array(scratch);
    const hint = Math.max(entriesHint, 16);
    this.out = {
      pixels: new Uint32Array(maxRows),
      voxels: new Int32Array(hint),
      samples: new Uint8Array(hint),
    };
  }

  /** Call before sampling pixel p (image index; pixels in increasing order). */
  begin(p: number): void {
    if (p >>> BLOCK_SHIFT !== this.block) {
      this.flush();
      this.block = p >>> BLOCK_SHIFT;
    }
    if (this.length + this.stride > this.voxels.length) this.growScratch();
    this.pixel = p;
    this.start = this.length;
  }

  /** The begun pixel's row is the scratch entries sampled since {@link begin}. */
  end(): void {
    if (this.rows === this.rowPixel.length) {
      this.rowPixel = grow(this.rowPixel, 2 * this.rows);
      this.rowLength = grow(this.rowLength, 2 * this.rows);
    }
    this.rowPixel[this.rows] = this.pixel;
    this.rowLength[this.rows++] = this.length - this.start;
  }

  finish(): RowGroups {
    this.flush();
    return {
      pixels: trimmed(this.out.pixels, this.listed),
      lengths: this.lengths,
      voxels: trimmed(this.out.voxels, this.entries),
      samples: trimmed(this.out.samples, this.entries),
    };
  }

  /** The scratch rows, grouped by length, appended to the output as block `this.block`. */
  private flush(): void {
    const rows = this.rows;
    if (rows === 0) return;
    const { stride, rowLength, rowPixel } = this;
    const g0 = this.block * stride;
    const lengths = this.lengths;
    for (let r = 0; r < rows; r++) lengths[g0 + rowLength[r]]++;
    this.reserve(rows, this.length);
    // where each length's rows start in the output
    const { pixelAt, entryAt, listed, entries } = groupStarts(
      lengths.subarray(g0, g0 + stride),
      stride,
      this.listed,
      this.entries,
    );
    const { pixels, voxels, samples } = this.out;
    const srcVoxels = this.voxels;
    const srcSamples = this.samples;
    let k = 0;
    for (let r = 0; r < rows; r++) {
      const n = rowLength[r];
      pixels[pixelAt[n]++] = rowPixel[r];
      let e = entryAt[n];
      for (const end = k + n; k < end; k++, e++) {
        voxels[e] = srcVoxels[k];
        samples[e] = srcSamples[k];
      }
      entryAt[n] = e;
    }
    this.listed = listed;
    this.entries = entries;
    this.rows = 0;
    this.length = 0;
  }

  private reserve(pixels: number, entries: number): void {
    const out = this.out;
    if (this.listed + pixels > out.pixels.length)
      out.pixels = grow(out.pixels, Math.max(2 * out.pixels.length, this.listed + pixels));
    if (this.entries + entries > out.voxels.length) {
      const size = Math.max(2 * out.voxels.length, this.entries + entries);
      out.voxels = grow(out.voxels, size);
      out.samples = grow(out.samples, size);
    }
  }

  private growScratch(): void {
    this.voxels = grow(this.voxels, 2 * this.voxels.length);
    this.samples = grow(this.samples, 2 * this.samples.length);
  }
}

/** The first n elements: a view when little would be wasted, else a copy (a fresh array's pages cost time to touch). */
function trimmed<T extends Uint32Array | Int32Array | Uint8Array>(a: T, n: number): T {
  return (n >= 0.75 * a.length ? a.subarray(0, n) : a.slice(0, n)) as T;
}

function grow<T extends Uint32Array | Int32Array | Uint8Array>(a: T, size: number): T {
  const Ctor = a.constructor as new (n: number) => T;
  const b = new Ctor(size);
  b.set(a as never);
  return b;
}

/**
 * Where each group (block, row length) starts among the listed pixels and among the entries,
 * counting from `listed`/`entries`; returns the ends too.
 */
export function groupStarts(lengths: Uint32Array, stride: number, listed = 0, entries = 0) {
  const pixelAt = new Uint32Array(lengths.length);
  const entryAt = new Uint32Array(lengths.length);
  for (let g = 0; g < lengths.length; g++) {
    pixelAt[g] = listed;
    entryAt[g] = entries;
    listed += lengths[g];
    entries += (g % stride) * lengths[g];
  }
  return { pixelAt, entryAt, listed, entries };
}

/** Bands of consecutive image rows (top first) back into the rows of one image. */
export function joinRowGroups(imagePixels: number, thick: number, bands: readonly RowGroups[]): RowGroups {
  const stride = thick + 1;
  const lengths = new Uint32Array(groupCount(imagePixels, thick));
  for (const b of bands) {
    if (b.lengths.length !== lengths.length)
      throw new Error(`a row band has ${b.lengths.length} length groups, the image ${lengths.length}`);
    for (let g = 0; g < lengths.length; g++) lengths[g] += b.lengths[g];
  }
  const { pixelAt, entryAt, listed, entries } = groupStarts(lengths, stride);
  const out: RowGroups = {
    lengths,
    pixels: new Uint32Array(listed),
    voxels: new Int32Array(entries),
    samples: new Uint8Array(entries),
  };
  for (const b of bands) {
    // within a group, bands follow each other in image order
    const band = groupStarts(b.lengths, stride);
    for (let g = 0; g < lengths.length; g++) {
      const count = b.lengths[g];
      if (count === 0) continue;
      const from = band.pixelAt[g];
      out.pixels.set(b.pixels.subarray(from, from + count), pixelAt[g]);
      pixelAt[g] += count;
      const size = (g % stride) * count;
      const e = band.entryAt[g];
      out.voxels.set(b.voxels.subarray(e, e + size), entryAt[g]);
      out.samples.set(b.samples.subarray(e, e + size), entryAt[g]);
      entryAt[g] += size;
    }
  }
  return out;
}
