import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { splitHemispheres } from '../../shared/roi/membership.js';
import { createBackend } from '../backend/index.js';
import { readSidecar } from '../store/outputs/sidecar.js';
import { traceTemplate } from '../store/outputs/template-trace.js';
import { copyToTemp, SHARED, SHARED_DB } from '../testing/shared-data.js';
import { run } from './trace.js';

process.env.ROI_STUDIO_HOME = mkdtempSync(join(tmpdir(), 'roi-studio-home-'));

describe.skipIf(!SHARED)('trace --into overlay (sub-hcp32k, every template)', () => {
  let db = '';
  afterAll(async () => {
    if (db) await rm(db, { recursive: true, force: true });
  });

  it('writes the traced ROIs through the overlay writer; the file reads back with the same membership', async () => {
    db = await copyToTemp(['sub-hcp32k']);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const expected = new Map<string, { lh: number[]; rh: number[] }>();
    try {
      for (const template of ['prf-visualrois', 'floc-places', 'floc-faces']) {
        const file = join(db, 'sub-hcp32k', 'templates', `${template}.nii.gz`);
        const traced = await traceTemplate(db, 'sub-hcp32k', 'func2mm', file);
        for (const [name, v] of traced.vertices) expected.set(name, splitHemispheres(v, 32492));
        await run([
          '--db',
          db,
          '--subject',
          'sub-hcp32k',
          '--xfm',
          'func2mm',
          '--template',
          template,
          '--into',
          'overlay',
        ]);
      }
      const lines = log.mock.calls.map((c) => String(c[0]));
      expect(lines.filter((l) => /Jaccard/.test(l))).toHaveLength(15);
      expect(lines.filter((l) => /^saved \d ROI\(s\) into .*overlays.svg$/.test(l))).toHaveLength(3);
    } finally {
      log.mockRestore();
    }
    const api = createBackend({
      database: { path: db, source: 'argument' },
      appDataDir: join(db, '.app'),
      cacheDir: join(db, '.cache'),
      chosenFiles: new Set(),
    });
    const read = await api.getRoiVertices('sub-hcp32k');
    expect(Object.keys(read).sort()).toEqual([...expected.keys()].sort());
    for (const [name, v] of expected) expect(read[name], name).toEqual(v);

    const text = await readFile(join(db, 'sub-hcp32k', 'overlays.svg'), 'utf8');
    expect(text).toContain('inkscape:label="PHA1"');
    const sidecar = (await readSidecar(join(db, 'sub-hcp32k')))!;
    expect(sidecar.rois.map((r) => r.name).sort()).toEqual([...expected.keys()].sort());
  }, 240_000);

  it('tracing again replaces the ROIs instead of failing on existing names', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await run([
        '--db',
        db,
        '--subject',
        'sub-hcp32k',
        '--xfm',
        'func2mm',
        '--template',
        'floc-faces',
        '--labels',
        'V8',
        '--into',
        'overlay',
      ]);
      expect(log.mock.calls.map((c) => String(c[0])).at(-1)).toMatch(/^saved 1 ROI\(s\)/);
    } finally {
      log.mockRestore();
    }
    const text = await readFile(join(db, 'sub-hcp32k', 'overlays.svg'), 'utf8');
    expect(text.match(/inkscape:label="V8"/g)).toHaveLength(1);
  }, 120_000);

  it('refuses an --into that is neither overlay nor .svg', async () => {
    await expect(
      run([
        '--db',
        db,
        '--subject',
        'sub-hcp32k',
        '--xfm',
        'func2mm',
        '--template',
        'floc-faces',
        '--into',
        'x.txt',
      ]),
    ).rejects.toThrow(/--into must be "overlay" or a .svg file/);
  }, 120_000);
});

describe.skipIf(!SHARED)('trace --raw', () => {
  it('traces the label as it is with --raw, cleaned without; both Jaccards printed either way', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const args = [
      '--db',
      SHARED_DB,
      '--subject',
      'sub-hcp32k',
      '--xfm',
      'func2mm',
      '--template',
      'prf-visualrois',
    ];
    const file = join(SHARED_DB, 'sub-hcp32k', 'templates', 'prf-visualrois.nii.gz');
    try {
      await run([...args, '--labels', 'V1', '--raw', '--json']);
      await run([...args, '--labels', 'V1', '--json']);
      await run([...args, '--labels', 'V1,V2']);
      const [raw, clean] = log.mock.calls
        .slice(0, 2)
        .map((c) => JSON.parse(String(c[0])) as { rois: { paths: string[] }[] });
      const expectedRaw = await traceTemplate(SHARED_DB, 'sub-hcp32k', 'func2mm', file, ['V1'], {
        raw: true,
      });
      const expectedClean = await traceTemplate(SHARED_DB, 'sub-hcp32k', 'func2mm', file, ['V1']);
      expect(raw.rois[0].paths).toEqual(expectedRaw.rois[0].paths);
      expect(clean.rois[0].paths).toEqual(expectedClean.rois[0].paths);
      expect(clean.rois[0].paths).not.toEqual(raw.rois[0].paths);
      const lines = log.mock.calls.slice(2).map((c) => String(c[0]));
      expect(lines[0]).toMatch(/^V1 +Jaccard 0\.\d{3} \(clean 0\.\d{3}, raw 0\.\d{3}\) +2 path\(s\)$/);
      expect(lines[1]).toMatch(/^V2 +Jaccard 0\.\d{3} \(clean /);
    } finally {
      log.mockRestore();
    }
  }, 120_000);
});
