import { describe, expect, it } from 'vitest';
import { traceLoops } from './cortex-clip.js';

describe('cortex clip', () => {
  it('traces each boundary loop as a closed subpath, skipping degenerate ones', () => {
    const calls: string[] = [];
    const sink = {
      moveTo: (x: number, y: number) => calls.push(`M${x},${y}`),
      lineTo: (x: number, y: number) => calls.push(`L${x},${y}`),
      closePath: () => calls.push('Z'),
    };
    traceLoops(sink, [
      new Float32Array([0, 0, 10, 0, 10, 10]),
      new Float32Array([1, 1, 2, 2]),
      new Float32Array([20, 0, 30, 0, 30, 10, 20, 10]),
    ]);
    expect(calls.join(' ')).toBe('M0,0 L10,0 L10,10 Z M20,0 L30,0 L30,10 L20,10 Z');
  });
});
