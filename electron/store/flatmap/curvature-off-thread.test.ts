import { describe, expect, it } from 'vitest';
import { pycortexCurvature } from '../../../shared/mesh/curvature.js';
import { pycortexCurvatureOffThread } from './curvature-off-thread.js';

/** A bumpy 40×40 sheet: curvature of both signs, smoothing over a few thousand vertices. */
function sheet(phase: number) {
  const n = 40;
  const points = new Float32Array(3 * n * n);
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) {
      const v = 3 * (j * n + i);
      points[v] = i;
      points[v + 1] = j;
      points[v + 2] = 3 * Math.sin(i / 3 + phase) * Math.cos(j / 4);
    }
  const tris: number[] = [];
  for (let j = 0; j + 1 < n; j++)
    for (let i = 0; i + 1 < n; i++) {
      const a = j * n + i;
      tris.push(a, a + 1, a + n, a + 1, a + n + 1, a + n);
    }
  return { points, triangles: new Uint32Array(tris) };
}

describe('curvature on a worker thread', () => {
  it('equals the in-thread computation bit for bit, both hemispheres at once', async () => {
    const [l, r] = [sheet(0), sheet(1)];
    const [left, right] = await Promise.all([
      pycortexCurvatureOffThread(l.points, l.triangles),
      pycortexCurvatureOffThread(r.points, r.triangles),
    ]);
    for (const [ours, s] of [
      [left, l],
      [right, r],
    ] as const) {
      const direct = pycortexCurvature(s.points, s.triangles);
      expect(ours.length).toBe(1600);
      expect(Buffer.compare(Buffer.from(ours.buffer), Buffer.from(direct.buffer))).toBe(0);
    }
    // the crest and the trough of the bump have opposite signs
    expect(Math.max(...left)).toBeGreaterThan(0.05);
    expect(Math.min(...left)).toBeLessThan(-0.05);
    // the caller's arrays are copied, not taken
    expect(l.points.length).toBe(4800);
  });
});
