import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { SHARED, SKIP_REASON } from '../../testing/shared-data.js';
import { loadCurvature } from './curvature.js';

// valid surface files always give a finite system; the solver's own failure is simulated
vi.mock('./curvature-off-thread.js', () => ({
  pycortexCurvatureOffThread: () =>
    Promise.reject(new Error('curvature smoothing met a non-finite number in the system')),
}));

describe.skipIf(!SHARED)(`curvature failure (${SHARED ? 'shared data' : SKIP_REASON})`, () => {
  it('names the subject and the surface files it was computed from, and caches nothing', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'roi-studio-cache-'));
    const failure = loadCurvature(join(SHARED ?? '', 'data', 'legacy-db'), 'ANfs', cache);
    await expect(failure).rejects.toThrow(
      /^subject ANfs: cannot compute the curvature from \S*wm_lh\.gii, \S*wm_rh\.gii, \S*pia_lh\.gii, \S*pia_rh\.gii: curvature smoothing met a non-finite number/,
    );
    await expect(failure).rejects.toMatchObject({ code: 'INVALID_FILE' });
    expect(existsSync(join(cache, 'curvature'))).toBe(false);
  });
});
