import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendContext } from '../../backend/context.js';
import { cliContext, overlayApi } from '../../backend/overlay-api.js';
import { traceApi } from '../../backend/trace-api.js';
import { run as exportCli } from '../../cli/export.js';
import { copyToTemp, SHARED } from '../../testing/shared-data.js';
import { exportRois } from '../outputs/exports.js';
import { writeSidecar } from '../outputs/sidecar.js';

/**
 * Every writer asks the write policy before touching the disk: nothing a user asks through the
 * CLI or the API replaces a file of the database's own kinds, writes through a symlink out of
 * the database, or exports ROIs pycortex cannot read. Each case checks the bytes on disk.
 */

const S = 'sub-hcp32k';
let db = '';
let outside = '';
let overlayBytes: Buffer;
let ctx: BackendContext;

const GOOD_ROI =
  '<g inkscape:label="reference" id="reference"><path d="M 600,400 L 700,400 L 700,500 Z"/></g>';
const BAD_ROI = '<g inkscape:label="broken" id="broken"><path d="M NaN,NaN L Infinity,5 L 600,600 Z"/></g>';
/** The subject's overlay with `rois` in its rois/shapes layer. */
const withRois = (text: string, rois: string) =>
  text.replace(/(<g [^>]*id="rois_shapes"[^>]*?)\/>/, `$1>${rois}</g>`);

/** The code of the error `p` fails with ('ok' when it succeeds). */
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string; message: string }) => e.code ?? e.message,
  );

/** Every file below `dir` with the hash of its bytes, to compare before/after. */
async function snapshotOf(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) {
      const p = join(e.parentPath, e.name);
      out[p] = createHash('sha256')
        .update(await readFile(p))
        .digest('hex');
    }
  return out;
}

beforeAll(async () => {
  if (!SHARED) return;
  db = await copyToTemp([S]);
  outside = await mkdtemp(join(tmpdir(), 'roi-studio-outside-'));
  const file = join(db, S, 'overlays.svg');
  await writeFile(file, withRois(await readFile(file, 'utf8'), GOOD_ROI));
  overlayBytes = await readFile(file);
  await symlink(outside, join(db, S, 'linkout'));
  ctx = cliContext(db);
}, 60_000);
afterAll(async () => {
  if (db) await rm(db, { recursive: true, force: true });
  if (outside) await rm(outside, { recursive: true, force: true });
});

describe.skipIf(!SHARED)('write policy (sub-hcp32k copy)', () => {
  it('item 1: an export never replaces overlays.svg or a transform file, from the CLI or the API', async () => {
    const before = await snapshotOf(join(db, S));
    const overlay = join(db, S, 'overlays.svg');
    await expect(
      exportCli(['--db', db, '--subject', S, '--kind', 'json', '--out', overlay]),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining(overlay) });
    await expect(
      exportCli(['--db', db, '--subject', S, '--kind', 'json', '--out', join(db, S, 'overlays.json')]),
    ).rejects.toThrow(/is a subject folder; exports go to a folder that holds no subject data/);
    const api = traceApi(ctx);
    expect(await codeOf(api.exportRois({ subject: S, kind: 'json', out: `${S}/overlays.svg` }))).toBe(
      'BAD_REQUEST',
    );
    const xfm = join(db, S, 'transforms', 'func2mm');
    await expect(
      api.exportRois({ subject: S, kind: 'nifti', out: `${S}/transforms/func2mm`, transform: 'func2mm' }),
    ).rejects.toThrow(`${xfm}: is inside ${S}'s transforms folder`);
    expect(await codeOf(api.exportRois({ subject: S, kind: 'png', out: `${S}/surfaces/figure.png` }))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(api.exportRois({ subject: S, kind: 'csv', out: '.' }))).toBe('FORBIDDEN');
    expect(await snapshotOf(join(db, S))).toEqual(before);
    expect((await readFile(overlay)).equals(overlayBytes)).toBe(true);
  }, 60_000);

  it('item 1: a folder without subject data takes the export', async () => {
    const { files } = await traceApi(ctx).exportRois({ subject: S, kind: 'json', out: `${S}/exports` });
    expect(files).toEqual([join(db, S, 'exports', `${S}-rois.json`)]);
    const json = JSON.parse(await readFile(files[0], 'utf8')) as Record<
      string,
      { lh: number[]; rh: number[] }
    >;
    expect(Object.keys(json)).toEqual(['reference']);
    expect(json.reference.lh.length + json.reference.rh.length).toBeGreaterThan(0);
  }, 120_000);

  it('item 2: save as writes only .svg files that are new or overlays, never into the data folders', async () => {
    const before = await snapshotOf(join(db, S));
    const api = overlayApi(ctx);
    const save = (saveAs: string) =>
      codeOf(api.saveOverlay({ subject: S, baseRevision: 'x', edits: [], saveAs }));
    expect(await save(`${S}/transforms/func2mm/matrices.xfm`)).toBe('BAD_REQUEST');
    expect(await save(`${S}/surfaces/flat_lh.gii`)).toBe('BAD_REQUEST');
    expect(await save(`${S}/templates/copy.svg`)).toBe('FORBIDDEN');
    expect(await save(`${S}/overlays-backups/copy.svg`)).toBe('FORBIDDEN');
    expect(await save(`${S}/overlays.svg`)).toBe('FORBIDDEN');
    // an SVG that is no overlay (a figure) is not replaced
    const figure = join(db, S, 'figure.svg');
    await writeFile(figure, '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    const err = await api
      .saveOverlay({ subject: S, baseRevision: 'x', edits: [], saveAs: figure })
      .catch((e: Error) => e);
    expect(err).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('it has no rois layer'),
    });
    await rm(figure);
    expect(await snapshotOf(join(db, S))).toEqual(before);
    // a new .svg, then the same file again (it is an overlay now)
    const copy = join(db, S, 'copies', 'v2.svg');
    await mkdir(join(db, S, 'copies'));
    expect(await save(copy)).toBe('ok');
    expect(await save(copy)).toBe('ok');
    expect(await readdir(join(db, S, 'copies', 'overlays-backups'))).toHaveLength(1);
    expect((await readFile(join(db, S, 'overlays.svg'))).equals(overlayBytes)).toBe(true);
  }, 60_000);

  it('item 5: a symlink in the database does not let an export or save as escape it', async () => {
    const api = traceApi(ctx);
    expect(await codeOf(api.exportRois({ subject: S, kind: 'json', out: `${S}/linkout/escaped.json` }))).toBe(
      'FORBIDDEN',
    );
    expect(
      await codeOf(
        overlayApi(ctx).saveOverlay({
          subject: S,
          baseRevision: 'x',
          edits: [],
          saveAs: `${S}/linkout/x.svg`,
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(await readdir(outside)).toEqual([]);
  });

  it('item 6: an export refuses ROIs pycortex cannot read, naming them, and writes nothing', async () => {
    const overlay = join(outside, 'broken.svg');
    await writeFile(overlay, overlayBytes.toString('utf8').replace(GOOD_ROI, GOOD_ROI + BAD_ROI));
    const out = join(outside, 'exports');
    const err = await exportRois(db, { subject: S, kind: 'json', out, overlay }).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'INVALID_FILE' });
    expect((err as Error).message).toContain(`${overlay}: pycortex cannot read rois/broken:`);
    expect(existsSync(out)).toBe(false);
    await rm(overlay);
  }, 60_000);

  it('item 7: exports and sidecars written to one file at once all succeed and leave a whole file', async () => {
    const out = join(db, S, 'exports', 'same.json');
    const files = await Promise.all(
      Array.from({ length: 6 }, () => exportRois(db, { subject: S, kind: 'json', out })),
    );
    expect(files.flat()).toEqual(Array(6).fill(out));
    expect(Object.keys(JSON.parse(await readFile(out, 'utf8')) as object)).toEqual(['reference']);
    const sidecars = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        writeSidecar(join(db, S), [{ name: `R${i}`, paths: [], lh: [i], rh: [] }], { nL: 10, nR: 10 }),
      ),
    );
    expect(new Set(sidecars).size).toBe(1);
    const sidecar = JSON.parse(await readFile(sidecars[0], 'utf8')) as { rois: { name: string }[] };
    expect(sidecar.rois).toHaveLength(1);
    expect((await readdir(join(db, S))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 120_000);
});

describe('write policy: a subject overlays.svg that links out of the database', () => {
  it('is refused the same way for reading and for saving, and the linked file is untouched', async () => {
    const root = await mkdtemp(join(tmpdir(), 'roi-studio-link-'));
    try {
      const target = join(root, 'elsewhere.svg');
      const text =
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="10" height="10"><g inkscape:label="rois"><g inkscape:label="shapes"/></g></svg>\n';
      await writeFile(target, text);
      await mkdir(join(root, 'db', 'subj'), { recursive: true });
      const link = join(root, 'db', 'subj', 'overlays.svg');
      await symlink(target, link);
      const api = overlayApi(cliContext(join(root, 'db')));
      await expect(api.loadOverlay('subj')).rejects.toMatchObject({ code: 'FORBIDDEN', file: link });
      await expect(
        api.saveOverlay({ subject: 'subj', baseRevision: 'x', edits: [{ kind: 'delete', name: 'A' }] }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN', file: link });
      expect(await readFile(target, 'utf8')).toBe(text);
      expect(await readdir(root)).toEqual(['db', 'elsewhere.svg']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
