import { copyFile, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoiVertices } from '../../shared/api.js';
import { flatToSvg } from '../../shared/flatmap/flat-frame.js';
import { moveNode, pathNodes } from '../../shared/formats/path-nodes.js';
import { parsePath, type Segment } from '../../shared/formats/svg-path.js';
import { serializeSafe } from '../../shared/formats/path-writer.js';
import { loadSubjectFlat } from '../store/flatmap/flat-geometry.js';
import { GOLDEN, SHARED, SKIP_REASON, copyToTemp } from '../testing/shared-data.js';
import { cliContext, overlayApi } from './overlay-api.js';

/**
 * Editing one node of a real Inkscape-drawn ROI (S1's FFA) and saving: the file changes in that
 * path's `d` only, the path's other segments keep their values, and pycortex's membership changes
 * only near the node — the other hemisphere's part and every other ROI keep pycortex's own sets.
 */

const values = (s: Segment): number[] =>
  s.cmd === 'Z' ? [] : s.cmd === 'C' ? [s.x1, s.y1, s.x2, s.y2, s.x, s.y] : [s.x, s.y];

describe.skipIf(!SHARED)(`saving a node edit of S1's FFA ${SHARED ? '' : SKIP_REASON}`, () => {
  let db = '';
  beforeAll(async () => {
    db = await copyToTemp(['S1']);
    await copyFile(join(GOLDEN, 'S1', 'overlays-rois.svg'), join(db, 'S1', 'overlays.svg'));
  }, 60_000);
  afterAll(async () => {
    if (db) await rm(db, { recursive: true, force: true });
  });

  it('rewrites the two segments next to the node and nothing else', async () => {
    const file = join(db, 'S1', 'overlays.svg');
    const before = await readFile(file, 'utf8');
    const api = overlayApi(cliContext(db));
    const snap = await api.loadOverlay('S1');
    const ffa = snap.layers.find((l) => l.name === 'rois')!.shapes.find((s) => s.name === 'FFA')!;
    const [rh, lh] = ffa.paths.map((p) => p.d);
    expect(lh.startsWith('m 696.37477,781.40096 c')).toBe(true);

    // what the Edit tool sends after dragging node 3 of the left path by (10, 10)
    const segs = parsePath(lh);
    const node = pathNodes(segs)[3];
    const edited = serializeSafe(moveNode(segs, node, node.x + 10, node.y + 10));
    await api.saveOverlay({
      subject: 'S1',
      baseRevision: snap.revision,
      edits: [{ kind: 'replace', name: 'FFA', paths: [rh, edited] }],
    });
    const after = await readFile(file, 'utf8');
    // byte for byte: the whole file but the edited path's d (its id, style, filter, sodipodi:* stay)
    expect(after).toBe(before.replace(` d="${lh}"`, ` d="${edited}"`));
    expect(after).not.toBe(before);

    const saved = parsePath(edited);
    const changed = segs.flatMap((s, i) =>
      values(s).some((v, k) => Math.abs(v - values(saved[i])[k]) > 1e-4) ? [i] : [],
    );
    expect(saved.map((s) => s.cmd)).toEqual(segs.map((s) => s.cmd));
    expect(changed).toEqual([node.inSeg, node.outSeg]);

    // membership: pycortex's sets everywhere except near the moved node of the edited path
    const got = await api.getRoiVertices('S1');
    const golden = JSON.parse(await readFile(join(GOLDEN, 'S1', 'rois.json'), 'utf8')) as Record<
      string,
      RoiVertices
    >;
    for (const [name, g] of Object.entries(golden)) {
      expect(got[name].rh, `${name} rh`).toEqual(g.rh);
      if (name !== 'FFA') expect(got[name].lh, `${name} lh`).toEqual(g.lh);
    }
    const mine = new Set(got['FFA'].lh);
    const ref = new Set(golden['FFA'].lh);
    const differ = [...mine].filter((v) => !ref.has(v)).concat([...ref].filter((v) => !mine.has(v)));
    expect(differ.length).toBeGreaterThan(0);
    // a vertex can only change sides between the old and the new curves: inside the box of both
    // segments' control points (plus Agg's half-unit flattening tolerance)
    const box = [node.inSeg, node.outSeg].flatMap((i) => [
      ...values(segs[i - 1]).slice(-2),
      ...values(segs[i]),
      ...values(saved[i]),
    ]);
    const xs = box.filter((_, k) => k % 2 === 0);
    const ys = box.filter((_, k) => k % 2 === 1);
    const flat = await loadSubjectFlat(db, 'S1');
    const svg = flatToSvg(flat.frame, snap.width, snap.height);
    for (const v of differ) {
      expect(svg[2 * v]).toBeGreaterThan(Math.min(...xs) - 0.5);
      expect(svg[2 * v]).toBeLessThan(Math.max(...xs) + 0.5);
      expect(svg[2 * v + 1]).toBeGreaterThan(Math.min(...ys) - 0.5);
      expect(svg[2 * v + 1]).toBeLessThan(Math.max(...ys) + 0.5);
    }
  }, 120_000);
});
