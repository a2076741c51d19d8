/**
 * The cortex's outline as a clip path, for the Clip to cortex view: the flat surface's boundary
 * loops (SVG units), which is what pycortex writes as the overlay's `edgeclip` and clips ROI
 * and sulci shapes to in its figures. Names are not clipped there, so they are not here.
 */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  closePath(): void;
}

export function traceLoops(ctx: PathSink, loops: readonly Float32Array[]): void {
  for (const loop of loops) {
    if (loop.length < 6) continue;
    ctx.moveTo(loop[0], loop[1]);
    for (let i = 2; i < loop.length; i += 2) ctx.lineTo(loop[i], loop[i + 1]);
    ctx.closePath();
  }
}
