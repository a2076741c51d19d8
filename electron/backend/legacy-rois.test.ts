import { chmod, cp, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SVG_NS,
  findLayer,
  labelOf,
  layerShapes,
  parseOverlay,
  type Element,
} from '../../shared/formats/overlay-svg.js';
import { listSubjects } from '../store/database/subjects.js';
import { canonicalXml } from '../testing/canonical-xml.js';
import { compareSets } from '../testing/roi-sets.js';
import { cliOutput as cli, runCli } from '../testing/cli-process.js';
import { GOLDEN, SHARED, SKIP_REASON, copyToTemp } from '../testing/shared-data.js';
import { cliContext, overlayApi } from './overlay-api.js';

/** The ROI `name` of an overlay's text. */
const shapeOf = (text: string, name: string) =>
  layerShapes(findLayer(parseOverlay(text), 'rois')!).find((s) => s.name === name)!;

const ANFS = SHARED ? join(SHARED, 'data', 'legacy-db', 'ANfs') : '';
const S1_LEGACY = SHARED ? join(SHARED, 'data', 'extra', 'S1-legacy-rois.svg') : '';

describe.skipIf(!SHARED)(`legacy rois.svg (pycortex's conversion) ${SHARED ? '' : SKIP_REASON}`, () => {
  let db = '';
  beforeAll(async () => {
    db = await mkdtemp(join(tmpdir(), 'roi-studio-legacy-'));
    await cp(ANFS, join(db, 'ANfs'), { recursive: true });
    await chmod(join(db, 'ANfs'), 0o755);
  });
  afterAll(async () => {
    if (db) await rm(db, { recursive: true, force: true });
  });

  it('ANfs opens with the 38 ROIs of pycortex’s conversion, exactly its vertex sets', async () => {
    const [summary] = await listSubjects(db);
    expect(summary).toMatchObject({ name: 'ANfs', hasOverlay: false, hasLegacyRois: true });
    expect(summary.warning).toMatch(/^ROIs are in the legacy rois.svg: .* first save writes overlays.svg/);
    const api = overlayApi(cliContext(db));
    const snap = await api.loadOverlay('ANfs');
    expect(snap.exists).toBe(false);
    expect(snap.legacyRois).toBe(join(db, 'ANfs', 'rois.svg'));
    expect([snap.width, snap.height]).toEqual([2424.32543945, 1024]);
    expect(snap.layers.map((l) => l.name)).toEqual(['rois_labels', 'rois', 'sulci', 'cutouts', 'display']);
    expect(snap.layers.find((l) => l.name === 'rois')!.shapes).toHaveLength(38);
    expect(snap.issues).toEqual([]);
    const geometry = await api.getFlatGeometry('ANfs');
    expect(geometry.svgWidth).toBe(2424.32543945);

    const golden = JSON.parse(await readFile(join(GOLDEN, 'ANfs', 'rois.json'), 'utf8'));
    expect(compareSets('ANfs', await api.getRoiVertices('ANfs'), golden)).toBe(0);
    const stdout = await cli(['rois', '--db', db, '--subject', 'ANfs', '--json']);
    expect(compareSets('ANfs rois', JSON.parse(stdout), golden)).toBe(0);
  }, 60_000);

  it('the first save writes overlays.svg in pycortex’s converted layout and leaves rois.svg as it was', async () => {
    const legacy = join(db, 'ANfs', 'rois.svg');
    const before = await readFile(legacy);
    const mtime = (await stat(legacy)).mtimeMs;
    const api = overlayApi(cliContext(db));
    const snap = await api.loadOverlay('ANfs');
    const square = 'M 1140,580 L 1180,580 L 1180,620 L 1140,620 Z'; // on V1's label
    const saved = await api.saveOverlay({
      subject: 'ANfs',
      baseRevision: snap.revision,
      edits: [{ kind: 'add', name: 'Square', paths: [square] }],
    });
    expect(saved.snapshot.exists).toBe(true);
    expect(saved.snapshot.legacyRois).toBeUndefined();
    expect(await readFile(legacy)).toEqual(before);
    expect((await stat(legacy)).mtimeMs).toBe(mtime);

    const written = await readFile(join(db, 'ANfs', 'overlays.svg'), 'utf8');
    const pycortex = await readFile(join(GOLDEN, 'ANfs', 'overlays-converted-by-pycortex.svg'), 'utf8');
    const added = (el: Element) => el.namespaceURI === SVG_NS && labelOf(el) === 'Square';
    expect(canonicalXml(written, added)).toBe(canonicalXml(pycortex));

    const golden = JSON.parse(await readFile(join(GOLDEN, 'ANfs', 'rois.json'), 'utf8'));
    const { Square, ...rest } = await api.getRoiVertices('ANfs');
    expect(compareSets('ANfs saved', rest, golden)).toBe(0);
    expect(Square.lh.length + Square.rh.length).toBeGreaterThan(0);
  }, 60_000);

  it('merge --replace keeps each replaced path’s own attributes and element name', async () => {
    const file = join(db, 'ANfs', 'overlays.svg');
    const before = shapeOf(await readFile(file, 'utf8'), 'FFA');
    const args = [
      'overlay',
      'merge',
      '--db',
      db,
      '--subject',
      'ANfs',
      '--from',
      ANFS + '/rois.svg',
      '--only',
      'FFA',
    ];
    expect((await runCli(args)).stderr).toMatch(/already has "FFA"; pass --replace/);
    await cli([...args, '--replace']);
    const after = shapeOf(await readFile(file, 'utf8'), 'FFA');
    expect(after.paths).toHaveLength(before.paths.length);
    after.paths.forEach((p, i) => {
      const old = before.paths[i];
      expect(p.tagName).toBe(old.tagName);
      for (const a of ['id', 'style', 'filter']) expect(p.getAttribute(a)).toBe(old.getAttribute(a));
      expect(p.getAttribute('d')).toMatch(/^M [-\d.]+,[-\d.]+ C /); // rewritten in the safe subset
      expect(p.hasAttribute('sodipodi:nodetypes')).toBe(false);
    });
    const golden = JSON.parse(await readFile(join(GOLDEN, 'ANfs', 'rois.json'), 'utf8'));
    const { FFA } = JSON.parse(await cli(['rois', '--db', db, '--subject', 'ANfs', '--json']));
    expect(compareSets('ANfs FFA replaced', { FFA }, { FFA: golden.FFA })).toBe(0);
  }, 60_000);
});

describe.skipIf(!SHARED)(`overlay merge and rois agree on a legacy file ${SHARED ? '' : SKIP_REASON}`, () => {
  let db = '';
  beforeAll(async () => {
    db = await copyToTemp(['S1']);
  }, 60_000);
  afterAll(async () => {
    if (db) await rm(db, { recursive: true, force: true });
  });

  it('S1-legacy-rois.svg: `rois --overlay` and the merged overlays.svg give the same sets', async () => {
    const direct = await cli(['rois', '--db', db, '--subject', 'S1', '--overlay', S1_LEGACY, '--json']);
    expect(Object.keys(JSON.parse(direct))).toHaveLength(32);
    await cli(['overlay', 'merge', '--db', db, '--subject', 'S1', '--from', S1_LEGACY]);
    const merged = await cli(['rois', '--db', db, '--subject', 'S1', '--json']);
    expect(merged).toBe(direct);
  }, 120_000);

  it('refuses a source of another canvas size, naming both, unless --rescale', async () => {
    const file = join(db, 'S1', 'overlays.svg');
    const before = await readFile(file, 'utf8');
    const from = join(GOLDEN, 'sub-hcp32k', 'overlays-rois.svg');
    const args = [
      'overlay',
      'merge',
      '--db',
      db,
      '--subject',
      'S1',
      '--from',
      from,
      '--only',
      'T00_abs-line',
    ];
    const err = (await runCli(args)).stderr;
    expect(err).toContain('canvas 2515.27099609375 × 1024 differs');
    expect(err).toContain('1960.496337890625 × 1024');
    expect(err).toContain('--rescale');
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(await readdir(join(db, 'S1'))).not.toContain('overlays.roi-studio.json.tmp');

    await cli([...args, '--rescale']);
    const source = shapeOf(await readFile(from, 'utf8'), 'T00_abs-line');
    const merged = shapeOf(await readFile(file, 'utf8'), 'T00_abs-line');
    const numbers = (d: string) => (d.match(/-?[\d.]+(e-?\d+)?/g) ?? []).map(Number);
    const src = numbers(source.paths[0].getAttribute('d')!);
    const got = numbers(merged.paths[0].getAttribute('d')!);
    expect(got).toHaveLength(src.length);
    const sx = 1960.496337890625 / 2515.27099609375;
    got.forEach((v, i) => expect(v).toBeCloseTo(src[i] * (i % 2 === 0 ? sx : 1), 3));
  }, 120_000);
});
