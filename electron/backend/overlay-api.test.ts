import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OverlayEdit } from '../../shared/api.js';
import {
  INKSCAPE_NS,
  SVG_NS,
  labelOf,
  parseOverlay,
  type Element,
} from '../../shared/formats/overlay-svg.js';
import { readSidecar } from '../store/outputs/sidecar.js';
import { canonicalXml } from '../testing/canonical-xml.js';
import { compareSets } from '../testing/roi-sets.js';
import { cliOutput, runCli } from '../testing/cli-process.js';
import { GOLDEN, SHARED, SKIP_REASON, copyToTemp } from '../testing/shared-data.js';
import { cliContext, overlayApi } from './overlay-api.js';

describe.skipIf(!SHARED)(`overlay API on real subjects ${SHARED ? '' : SKIP_REASON}`, () => {
  let db = '';
  beforeAll(async () => {
    db = await copyToTemp(['S1', 'sub-hcp32k']);
  }, 60_000);
  afterAll(async () => {
    if (db) await rm(db, { recursive: true, force: true });
  });

  for (const subject of ['S1', 'sub-hcp32k'])
    it(`getRoiVertices reproduces pycortex's rois.json for ${subject}`, async () => {
      const overlay = join(GOLDEN, subject, 'overlays-rois.svg');
      const api = overlayApi(cliContext(db, [overlay]));
      const got = await api.getRoiVertices(subject, overlay);
      const golden = JSON.parse(await readFile(join(GOLDEN, subject, 'rois.json'), 'utf8'));
      expect(compareSets(`${subject} golden`, got, golden)).toBe(0);
    }, 60_000);

  it('`rois --json` prints exactly the golden for S1', async () => {
    const overlay = join(GOLDEN, 'S1', 'overlays-rois.svg');
    const stdout = await cliOutput(['rois', '--db', db, '--subject', 'S1', '--overlay', overlay, '--json']);
    const golden = JSON.parse(await readFile(join(GOLDEN, 'S1', 'rois.json'), 'utf8'));
    expect(compareSets('S1 cli', JSON.parse(stdout), golden)).toBe(0);
  }, 60_000);

  for (const subject of ['sub-hcp32k', 'S1'])
    it(`merging the golden ROI layers into ${subject}'s overlay keeps the sets and every untouched part`, async () => {
      const file = join(db, subject, 'overlays.svg');
      const before = await readFile(file, 'utf8').catch(() => null);
      const from = join(GOLDEN, subject, 'overlays-rois.svg');
      const stdout = await cliOutput(['overlay', 'merge', '--db', db, '--subject', subject, '--from', from]);
      expect(stdout).toMatch(/Merged \d+ ROI/);
      const after = await readFile(file, 'utf8');
      const json = await cliOutput(['rois', '--db', db, '--subject', subject, '--json']);
      const golden = JSON.parse(await readFile(join(GOLDEN, subject, 'rois.json'), 'utf8'));
      expect(compareSets(`${subject} merged`, JSON.parse(json), golden)).toBe(0);

      const added = new Set(Object.keys(golden));
      const isAdded = (el: Element) =>
        el.namespaceURI === SVG_NS &&
        el.localName === 'g' &&
        (el.parentNode as Element | null)?.getAttributeNS?.(INKSCAPE_NS, 'label') === 'shapes' &&
        added.has(labelOf(el) ?? '');
      if (before !== null) {
        // every untouched part is the same XML as before
        expect(canonicalXml(after, isAdded)).toBe(canonicalXml(before));
      } else {
        // created like pycortex: same layout, size and clip path as pycortex's own file (its images aside)
        const created = await readFile(join(GOLDEN, 'S1', 'overlays-created-by-pycortex.svg'), 'utf8');
        const noImages = (el: Element) =>
          isAdded(el) || (el.parentNode as Element | null)?.getAttribute?.('id') === 'datalayer';
        expect(canonicalXml(after, noImages)).toBe(canonicalXml(created, noImages));
        const o = parseOverlay(after);
        expect(o.root.getAttribute('width')).toBe('1960.496337890625');
        expect(o.root.getAttribute('height')).toBe('1024.0');
      }
    }, 120_000);

  it('overlay merge refuses a source ROI whose name breaks the rule, writing nothing', async () => {
    const file = join(db, 'sub-hcp32k', 'overlays.svg');
    const before = await readFile(file, 'utf8');
    const golden = join(GOLDEN, 'sub-hcp32k', 'overlays-rois.svg');
    const first = Object.keys(JSON.parse(await readFile(join(GOLDEN, 'sub-hcp32k', 'rois.json'), 'utf8')))[0];
    const from = join(db, 'bad-names.svg');
    const text = await readFile(golden, 'utf8');
    await writeFile(from, text.replace(`inkscape:label="${first}"`, 'inkscape:label="../../etc/x"'));
    const args = [
      'overlay',
      'merge',
      '--db',
      db,
      '--subject',
      'sub-hcp32k',
      '--from',
      from,
      '--only',
      '../../etc/x',
    ];
    const failure = await runCli(args);
    expect(failure.code).not.toBe(0);
    expect(failure.stderr).toContain(
      `${file}: ROI name "../../etc/x" is refused: Start with a letter or digit`,
    );
    expect(await readFile(file, 'utf8')).toBe(before);
  }, 60_000);

  const square = 'M 1200,500 L 1300,500 L 1300,600 L 1200,600 Z';

  /** Add one labelled square ROI to sub-hcp32k's overlay through the API. */
  async function saveSquare(name: string) {
    const api = overlayApi(cliContext(db));
    const snap = await api.loadOverlay('sub-hcp32k');
    const edits: OverlayEdit[] = [{ kind: 'add', name, paths: [square], label: true }];
    return {
      api,
      snap,
      r1: await api.saveOverlay({ subject: 'sub-hcp32k', baseRevision: snap.revision, edits }),
    };
  }

  it('saves edits through the API: add with labels, rename, replace, normalise, delete; STALE on an old revision', async () => {
    const { api, snap, r1 } = await saveSquare('Sq');
    expect(r1.backup).toBeTruthy();
    const text1 = await readFile(snap.path, 'utf8');
    expect(text1).toMatch(/<text x="1250" y="550" style="text-anchor:middle;">Sq<\/text>/);
    const sets1 = await api.getRoiVertices('sub-hcp32k');
    expect(sets1.Sq.lh.length + sets1.Sq.rh.length).toBeGreaterThan(0);
    // every save records the ROIs in the sidecar, with pycortex's vertex sets
    const sidecar1 = await readSidecar(join(db, 'sub-hcp32k'));
    expect(sidecar1!.rois.find((r) => r.name === 'Sq')).toMatchObject({ paths: [square], ...sets1.Sq });

    await expect(
      api.saveOverlay({
        subject: 'sub-hcp32k',
        baseRevision: snap.revision,
        edits: [{ kind: 'delete', name: 'Sq' }],
      }),
    ).rejects.toMatchObject({ code: 'STALE' });

    const r2 = await api.saveOverlay({
      subject: 'sub-hcp32k',
      baseRevision: r1.snapshot.revision,
      edits: [
        { kind: 'rename', from: 'Sq', to: 'Square' },
        { kind: 'replace', name: 'Square', paths: ['m 1200,500 h 100 v 100 h -100 z'] },
      ],
    });
    const sq = r2.snapshot.layers.find((l) => l.name === 'rois')!.shapes.find((s) => s.name === 'Square')!;
    expect(sq.paths.map((p) => p.d)).toEqual([square]);
    expect(sq.issues).toEqual([]);
    expect((await api.getRoiVertices('sub-hcp32k')).Square).toEqual(sets1.Sq);

    const r3 = await api.saveOverlay({
      subject: 'sub-hcp32k',
      baseRevision: r2.snapshot.revision,
      edits: [{ kind: 'delete', name: 'Square' }],
    });
    expect(r3.snapshot.layers.find((l) => l.name === 'rois')!.shapes.some((s) => s.name === 'Square')).toBe(
      false,
    );
    expect(await readFile(snap.path, 'utf8')).not.toMatch(/>Sq<|Square/);
    expect((await readSidecar(join(db, 'sub-hcp32k')))!.rois.map((r) => r.name)).not.toContain('Square');
  }, 120_000);

  it("refuses ROI names outside the editor's rule and case-only duplicates, writing nothing", async () => {
    const { api, snap, r1 } = await saveSquare('V1');
    const text = await readFile(snap.path, 'utf8');
    for (const [name, reason] of [
      ['../../etc/x', 'Start with a letter or digit; use only letters, digits, spaces and _ - . + ( ).'],
      ['v1', 'An ROI named "V1" already exists.'],
    ]) {
      const error = await api
        .saveOverlay({
          subject: 'sub-hcp32k',
          baseRevision: r1.snapshot.revision,
          edits: [{ kind: 'add', name, paths: [square] }],
        })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'BAD_REQUEST', file: snap.path });
      expect((error as Error).message).toBe(
        `${snap.path}: ROI name ${JSON.stringify(name)} is refused: ${reason}`,
      );
      expect(await readFile(snap.path, 'utf8')).toBe(text);
    }
  }, 60_000);

  it('normalise rewrites quirky Inkscape paths and bakes shape transforms', async () => {
    const file = join(db, 'sub-hcp32k', 'overlays.svg');
    const text = await readFile(file, 'utf8');
    const quirky = text.replace(
      /(<g[^>]*inkscape:label="shapes"[^>]*id="rois_shapes"[^>]*?)(\/>|>)/,
      (m, open: string, end: string) =>
        `${open}>\n<g inkscape:label="Q" id="Q" transform="translate(10,0)"><path d="M1200 500H1300V600H1200z"/></g>${end === '/>' ? '</g>' : ''}`,
    );
    expect(quirky).not.toBe(text);
    await writeFile(file, quirky);
    const api = overlayApi(cliContext(db));
    const snap = await api.loadOverlay('sub-hcp32k');
    const q = snap.layers.find((l) => l.name === 'rois')!.shapes.find((s) => s.name === 'Q')!;
    expect(q.issues.map((i) => i.code).sort()).toEqual(['ABSOLUTE_HV', 'TRANSFORM', 'WHITESPACE']);
    const r = await api.saveOverlay({
      subject: 'sub-hcp32k',
      baseRevision: snap.revision,
      edits: [{ kind: 'normalise', name: 'Q' }],
    });
    const q2 = r.snapshot.layers.find((l) => l.name === 'rois')!.shapes.find((s) => s.name === 'Q')!;
    expect(q2.paths[0].d).toBe('M 1210,500 L 1310,500 L 1310,600 L 1210,600 Z');
    expect(q2.issues).toEqual([]);
  }, 60_000);
});
