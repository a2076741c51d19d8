import { describe, expect, it } from 'vitest';
import { parsePath } from '../../shared/formats/svg-path.js';
import { outlineShape, traceSegments, type PathSink } from './outline-shape.js';

/** A canvas stand-in that writes down each call. */
function recorder(): PathSink & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    moveTo: (x, y) => calls.push(`M${x},${y}`),
    lineTo: (x, y) => calls.push(`L${x},${y}`),
    bezierCurveTo: (x1, y1, x2, y2, x, y) => calls.push(`C${x1},${y1},${x2},${y2},${x},${y}`),
    closePath: () => calls.push('Z'),
  };
}

describe('outline drawing', () => {
  it('replays the shared parser’s segments: relative commands resolved, curves kept, subpaths closed', () => {
    const sink = recorder();
    traceSegments(sink, parsePath('m 10,10 h 5 c 0,5 -5,5 -5,0 z m 1,1 l 2,0 0,2 z'));
    expect(sink.calls).toEqual([
      'M10,10',
      'L15,10',
      'C15,15,10,15,10,10',
      'Z',
      'M11,11',
      'L13,11',
      'L13,13',
      'Z',
    ]);
  });

  it('draws an ROI path through its scene function, and nothing for path data that does not parse', () => {
    const drawn = (d: string) => {
      const sink = recorder();
      const shape = outlineShape({ d }, { stroke: '#fff' });
      const context = {
        ...sink,
        beginPath: () => sink.calls.push('begin'),
        fillStrokeShape: () => sink.calls.push('paint'),
      };
      shape.sceneFunc().call(shape, context as never, shape);
      return sink.calls;
    };
    expect(drawn('M 0,0 L 4,0 L 4,4 Z')).toEqual(['begin', 'M0,0', 'L4,0', 'L4,4', 'Z', 'paint']);
    expect(drawn('M 0,0 X')).toEqual(['begin', 'paint']);
  });
});
