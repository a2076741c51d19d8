import { roundHalfEven } from './round-half-even.js';

/**
 * pycortex's `nearest` sampling of the `thick` points between the wm and pia ends of one pixel
 * (pycortex-formats.md §4.6 steps 5–6), merged into runs of one voxel. Instead of rounding all
 * `thick` points, it finds on each axis the samples where the rounded index changes (the
 * coordinate is linear in depth, so changes are few and predictable) and checks each predicted
 * place that lies near a whole sample against the exact per-sample arithmetic, so the result
 * equals rounding every sample.
 */
export class SegmentSampler {
  readonly ts: Float64Array;
  readonly us: Float64Array;
  private readonly events = new Int32Array(256);
  private readonly first = new Int32Array(3);
  private readonly nx: number;
  private readonly ny: number;
  private readonly nz: number;
  /** samples per unit of depth t (uniform spacing) */
  private readonly stepsPerT: number;

  /** `depths`: the t of each sample (point = pia·t + wm·(1 − t)), increasing. */
  constructor(shape: readonly [number, number, number], depths: readonly number[]) {
    this.nx = shape[0];
    this.ny = shape[1];
    this.nz = shape[2];
    this.ts = Float64Array.from(depths);
    this.us = Float64Array.from(depths, (t) => 1 - t);
    const last = depths.length - 1;
    this.stepsPerT = last > 0 ? last / (depths[last] - depths[0]) : 0;
  }

  /**
   * Append to `events` the samples where the rounded coordinate of one axis changes, packed as
   * sample·8 + axis·2 + (1 if the index grows); returns the new count and sets `first[axis]`.
   */
  private axisEvents(axis: number, p: number, w: number, count: number): number {
    const ts = this.ts;
    const us = this.us;
    const last = ts.length - 1;
    const a = roundHalfEven(p * ts[0] + w * us[0]);
    this.first[axis] = a;
    if (last === 0) return count;
    const b = roundHalfEven(p * ts[last] + w * us[last]);
    if (a === b) return count;
    const dir = b > a ? 1 : -1;
    const tag = axis * 2 + (dir > 0 ? 1 : 0);
    const t0 = ts[0];
    // sample steps per unit of coordinate: one division per axis, not per crossing
    const stepsPerUnit = this.stepsPerT / (p - w);
    // Within `tol` of a whole sample the prediction may be off by rounding, so the exact
    // per-sample arithmetic decides; farther away, every sample is at least
    // 1e-12·(|p| + |w| + 1) from the rounding boundary, orders of magnitude beyond float error.
    const tol = 1e-7 + 1e-12 * (Math.abs(p) + Math.abs(w) + 1) * Math.abs(stepsPerUnit);
    const offset = t0 * this.stepsPerT;
    let lo = 1;
    for (let m = a; m !== b; m += dir) {
      // first sample whose rounded index lies beyond m, predicted from the linear coordinate
      const x = (m + 0.5 * dir - w) * stepsPerUnit - offset;
      let q = Math.ceil(x);
      if (q - x < tol || x - q + 1 < tol || q < lo || q > last) {
        if (!(q >= lo)) q = lo;
        if (q > last) q = last;
        while (q > lo && (roundHalfEven(p * ts[q - 1] + w * us[q - 1]) - m) * dir > 0) q--;
        while ((roundHalfEven(p * ts[q] + w * us[q]) - m) * dir <= 0) q++;
      }
      if (count < this.events.length) this.events[count++] = q * 8 + tag;
      lo = q;
    }
    return count;
  }

  /**
   * Write the runs (voxel, sample count) of the segment from wm (w) to pia (p), in voxel
   * coordinates, into `voxels`/`counts` from `at`; returns the new end.
   */
  sample(
    p0: number,
    p1: number,
    p2: number, // prettier-ignore
    w0: number,
    w1: number,
    w2: number, // prettier-ignore
    voxels: Int32Array,
    counts: Uint8Array,
    at: number,
  ): number {
    const n = this.ts.length;
    const nx = this.nx;
    const ny = this.ny;
    const nz = this.nz;
    let count = this.axisEvents(0, p0, w0, 0);
    count = this.axisEvents(1, p1, w1, count);
    count = this.axisEvents(2, p2, w2, count);
    const ev = this.events;
    for (let x = 1; x < count; x++) {
      const v = ev[x];
      let y = x - 1;
      while (y >= 0 && ev[y] > v) {
        ev[y + 1] = ev[y];
        y--;
      }
      ev[y + 1] = v;
    }
    const idx = this.first;
    let run = clip(idx[0], nx) + nx * (clip(idx[1], ny) + ny * clip(idx[2], nz));
    let start = 0;
    for (let e = 0; e < count;) {
      const q = ev[e] >> 3;
      // apply every change that happens at sample q, then look at the voxel there
      while (e < count && ev[e] >> 3 === q) {
        const tag = ev[e] & 7;
        idx[tag >> 1] += tag & 1 ? 1 : -1;
        e++;
      }
      const v = clip(idx[0], nx) + nx * (clip(idx[1], ny) + ny * clip(idx[2], nz));
      if (v === run) continue; // a change hidden by clipping at the grid edge
      voxels[at] = run;
      counts[at++] = q - start;
      run = v;
      start = q;
    }
    voxels[at] = run;
    counts[at++] = n - start;
    return at;
  }
}

function clip(v: number, n: number): number {
  return v < 0 ? 0 : v >= n ? n - 1 : v;
}
