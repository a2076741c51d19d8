import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeNpz, npyToFloat64, parseNpz } from '../../../shared/formats/npy.js';
import { GOLDEN, SHARED, SHARED_DB, SKIP_REASON, copyToTemp } from '../../testing/shared-data.js';
import { loadCurvature } from './curvature.js';

describe.skipIf(!SHARED)(`curvature (${SHARED ? 'shared data' : SKIP_REASON})`, () => {
  it('S1 (no curvature.npz): computed like pycortex, cached outside the database', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'roi-studio-cache-'));
    // two requests at once share one computation
    const [curv, twin] = await Promise.all([
      loadCurvature(SHARED_DB, 'S1', cache),
      loadCurvature(SHARED_DB, 'S1', cache),
    ]);
    expect(twin).toBe(curv);
    const golden = parseNpz(await readFile(join(GOLDEN, 'S1', 'curvature.npz')));
    const gl = npyToFloat64(golden.left);
    const gr = npyToFloat64(golden.right);
    expect(curv.length).toBe(gl.length + gr.length);
    let maxDiff = 0;
    for (let i = 0; i < gl.length; i++) maxDiff = Math.max(maxDiff, Math.abs(curv[i] - gl[i]));
    for (let i = 0; i < gr.length; i++) maxDiff = Math.max(maxDiff, Math.abs(curv[gl.length + i] - gr[i]));
    // the result is float32: agreement is bounded by float32 rounding of values up to ~0.45
    console.log(
      `S1 curvature vs pycortex golden: max |difference| = ${maxDiff.toExponential(2)} (float32 output)`,
    );
    expect(maxDiff).toBeLessThan(1e-7);
    expect(existsSync(join(SHARED_DB, 'S1', 'surface-info'))).toBe(false);
    const cached = await readdir(join(cache, 'curvature'));
    expect(cached).toHaveLength(1);
    expect(cached[0]).toMatch(/^S1-[0-9a-f]{24}\.npz$/);
    // the cached float64 arrays equal the golden to rounding of the solver
    const again = parseNpz(await readFile(join(cache, 'curvature', cached[0])));
    const cl = npyToFloat64(again.left);
    let exact = 0;
    for (let i = 0; i < gl.length; i++) exact = Math.max(exact, Math.abs(cl[i] - gl[i]));
    console.log(`S1 curvature (float64 cache) vs golden: max |difference| = ${exact.toExponential(2)}`);
    expect(exact).toBeLessThan(1e-9);
    const fromCache = await loadCurvature(SHARED_DB, 'S1', cache);
    expect(Buffer.from(fromCache.buffer).equals(Buffer.from(curv.buffer))).toBe(true);
  });

  it('sub-hcp32k: read from surface-info/curvature.npz', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'roi-studio-cache-'));
    const curv = await loadCurvature(SHARED_DB, 'sub-hcp32k', cache);
    const stored = parseNpz(await readFile(join(SHARED_DB, 'sub-hcp32k', 'surface-info', 'curvature.npz')));
    expect(curv.length).toBe(64984);
    expect(curv[5]).toBe(Math.fround(Number(stored.left.data[5])));
    expect(curv[32492 + 7]).toBe(Math.fround(Number(stored.right.data[7])));
    expect(existsSync(join(cache, 'curvature'))).toBe(false);
  });

  it('is remembered while surfaces and curvature.npz stay the same, and re-read when the file changes', async () => {
    const db = await copyToTemp(['sub-hcp32k']);
    const cache = await mkdtemp(join(tmpdir(), 'roi-studio-cache-'));
    const first = await loadCurvature(db, 'sub-hcp32k', cache);
    expect(await loadCurvature(db, 'sub-hcp32k', cache)).toBe(first);
    const file = join(db, 'sub-hcp32k', 'surface-info', 'curvature.npz');
    const ramp = (n: number) => Float64Array.from({ length: n }, (_, i) => i / n);
    await writeFile(
      file,
      encodeNpz({
        left: { data: ramp(32492), shape: [32492] },
        right: { data: ramp(32492), shape: [32492] },
      }),
    );
    const later = new Date(Date.now() + 5000);
    await utimes(file, later, later);
    const edited = await loadCurvature(db, 'sub-hcp32k', cache);
    expect(edited).not.toBe(first);
    expect(edited[32492 + 100]).toBe(Math.fround(100 / 32492));
  });

  // ANfs has vertices whose only faces are a triangle and its reversed twin (no normal)
  const legacyDb = join(SHARED ?? '', 'data', 'legacy-db');

  it('ANfs (twin faces): computed, finite, gyri and sulci in the range of S1', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'roi-studio-cache-'));
    const curv = await loadCurvature(legacyDb, 'ANfs', cache);
    expect(curv.length).toBe(51112 + 50584);
    let positive = 0;
    for (const v of curv) {
      expect(Number.isFinite(v)).toBe(true);
      if (v > 0) positive++;
    }
    expect(Math.min(...curv)).toBeGreaterThan(-0.6);
    expect(Math.max(...curv)).toBeLessThan(0.6);
    expect(positive / curv.length).toBeGreaterThan(0.4);
    expect(positive / curv.length).toBeLessThan(0.6);
    // the twin-face vertices (left 13236 and 22101, right 6421) take their neighbours' values
    for (const i of [13236, 22101, 51112 + 6421]) expect(Math.abs(curv[i])).toBeLessThan(0.3);
  });
});
