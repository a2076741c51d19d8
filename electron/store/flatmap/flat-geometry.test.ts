import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliContext, overlayApi } from '../../backend/overlay-api.js';
import { SHARED, SHARED_DB, SKIP_REASON } from '../../testing/shared-data.js';
import { clipLoops, loadSubjectFlat } from './flat-geometry.js';

describe.skipIf(!SHARED)(`flat geometry for the overlay ${SHARED ? '' : SKIP_REASON}`, () => {
  it('sub-hcp32k: size from overlays.svg, pycortex boundary loops, a cut ring of cut vertices only', async () => {
    const g = await overlayApi(cliContext(SHARED_DB)).getFlatGeometry('sub-hcp32k');
    expect([g.nL, g.nR]).toEqual([32492, 32492]);
    expect(g.svgWidth).toBe(2515.27099609375);
    expect(g.svgHeight).toBe(1024);
    expect(g.svgXY.length).toBe(2 * (g.nL + g.nR));
    // Appendix A: loops of 739 and 728 vertices (start repeated)
    expect(g.boundary.map((b) => b.length / 2)).toEqual([739, 728]);
    let entries = 0;
    for (let v = 0; v < g.nL + g.nR; v++) {
      const row = g.cutRingIndices.subarray(g.cutRingIndptr[v], g.cutRingIndptr[v + 1]);
      if (row.length) expect(g.valid[v]).toBe(1);
      for (const c of row) expect(g.valid[c]).toBe(0);
      entries += row.length;
    }
    console.log(`sub-hcp32k cut ring: ${entries} valid→cut adjacencies`);
    expect(entries).toBeGreaterThan(500);
    // the clip path pycortex wrote into this very file starts at the longer loop's first point
    const flat = await loadSubjectFlat(SHARED_DB, 'sub-hcp32k');
    const [first] = clipLoops(flat);
    const text = await readFile(join(SHARED_DB, 'sub-hcp32k', 'overlays.svg'), 'utf8');
    const start = text.match(/id="clippath" d="M([\d.]+) ([\d.]+)/)!;
    expect([first[0].toFixed(6), first[1].toFixed(6)]).toEqual([start[1], start[2]]);
  }, 60_000);
});
