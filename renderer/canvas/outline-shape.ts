import Konva from 'konva';
import type { Segment } from '../../shared/formats/svg-path.js';
import type { RoiPath } from '../state/roi-document.js';
import { pathSegments } from './roi-rings.js';

/** The canvas calls an outline needs (a subset of CanvasRenderingContext2D and Konva's Context). */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  bezierCurveTo(x1: number, y1: number, x2: number, y2: number, x: number, y: number): void;
  closePath(): void;
}

/** Replay absolute segments onto a canvas path; curves stay curves (the canvas draws them exactly). */
export function traceSegments(sink: PathSink, segs: readonly Segment[]): void {
  for (const s of segs) {
    if (s.cmd === 'M') sink.moveTo(s.x, s.y);
    else if (s.cmd === 'L') sink.lineTo(s.x, s.y);
    else if (s.cmd === 'C') sink.bezierCurveTo(s.x1, s.y1, s.x2, s.y2, s.x, s.y);
    else sink.closePath();
  }
}

/**
 * An outline node drawn from the path's segments as the shared parser reads them (the same the
 * editor and hit tests use), so Konva's own path parser never sees path data.
 */
export function outlineShape(path: RoiPath, config: Konva.ShapeConfig): Konva.Shape {
  const segs = pathSegments(path);
  return new Konva.Shape({
    ...config,
    sceneFunc(context, shape) {
      context.beginPath();
      traceSegments(context, segs);
      context.fillStrokeShape(shape);
    },
  });
}
