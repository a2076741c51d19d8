import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { API_TOKEN_HEADER, type ExportResult } from '../shared/api.js';
import { decodeFrame } from '../shared/api-codec.js';
import { parseLabel } from '../shared/formats/freesurfer-label.js';
import { readNifti } from '../shared/formats/nifti.js';
import { createBackend } from './backend/index.js';
import { cliContext, overlayApi } from './backend/overlay-api.js';
import { run as exportCli } from './cli/export.js';
import { startServer, type RunningServer } from './serve.js';
import { writeDemoDatabase } from './store/database/demo-database.js';

/**
 * Two ROIs whose names give the same file name ("V2 dorsal", "V2_dorsal") are both exported,
 * each to its own file, through the CLI and through the browser's zip download.
 */

let home = '';
let db = '';
let out = '';
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'roi-studio-export-names-'));
  db = await writeDemoDatabase(join(home, 'db'));
  out = join(db, 'demo', 'exports');
  const api = overlayApi(cliContext(db));
  const snap = await api.loadOverlay('demo');
  const square = (cx: number) => {
    const [x, y, r] = [cx * snap.width, snap.height / 2, snap.height / 12];
    return `M ${x - r},${y - r} L ${x + r},${y - r} L ${x + r},${y + r} L ${x - r},${y + r} Z`;
  };
  await api.saveOverlay({
    subject: 'demo',
    baseRevision: snap.revision,
    edits: [
      { kind: 'add', name: 'V2 dorsal', paths: [square(0.25)] },
      { kind: 'add', name: 'V2_dorsal', paths: [square(0.75)] },
    ],
  });
}, 60_000);
afterAll(() => rm(home, { recursive: true, force: true }));

async function cliFiles(args: string[]): Promise<string[]> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    await exportCli(['--db', db, '--subject', 'demo', '--out', out, ...args]);
    return log.mock.calls.map((c) => basename(String(c[0]))).sort();
  } finally {
    log.mockRestore();
  }
}

describe('export file names of ROIs whose names sanitise alike', () => {
  it('the CLI writes one mask and one .label per ROI; the file-safe name keeps its own, the other gets -2', async () => {
    expect(await cliFiles(['--kind', 'nifti', '--xfm', 'demo2mm'])).toEqual([
      'V2_dorsal-2.nii.gz',
      'V2_dorsal.nii.gz',
    ]);
    const mask = async (f: string) => {
      const bytes = await readFile(join(out, f));
      // NIfTI-1 descrip: 80 bytes at offset 148
      const descrip = new TextDecoder().decode(gunzipSync(bytes).subarray(148, 228)).replace(/\0.*$/s, '');
      return { descrip, data: readNifti(bytes).data };
    };
    const [spaced, plain] = await Promise.all([mask('V2_dorsal-2.nii.gz'), mask('V2_dorsal.nii.gz')]);
    expect(spaced.descrip).toBe('ROI V2 dorsal');
    expect(plain.descrip).toBe('ROI V2_dorsal');
    const count = (data: ArrayLike<number>) => Array.from(data).filter((v) => v > 0).length;
    expect(count(spaced.data)).toBeGreaterThan(0);
    expect(count(plain.data)).toBeGreaterThan(0);
    expect(Array.from(spaced.data)).not.toEqual(Array.from(plain.data));

    const labels = await cliFiles(['--kind', 'label']);
    expect(labels.filter((f) => f.endsWith('.V2_dorsal-2.label'))).not.toEqual([]);
    expect(labels.filter((f) => f.endsWith('.V2_dorsal.label'))).not.toEqual([]);
    for (const f of labels) {
      const text = await readFile(join(out, f), 'utf8');
      const name = f.includes('-2.') ? 'V2 dorsal' : 'V2_dorsal';
      expect(text.split('\n')[0]).toBe(
        `#!ascii label ${name} from subject demo (ROI Studio; fiducial coordinates)`,
      );
      expect(parseLabel(text).vertices.length).toBeGreaterThan(0);
    }
    // an ROI's file is the same when it is exported alone
    expect(await cliFiles(['--kind', 'nifti', '--xfm', 'demo2mm', '--rois', 'V2 dorsal'])).toEqual([
      'V2_dorsal-2.nii.gz',
    ]);
  }, 120_000);

  it('the browser download zips both, each under its own name, byte for byte', async () => {
    const ctx = { ...cliContext(db), appDataDir: join(home, 'app'), cacheDir: join(home, 'cache') };
    const token = 'export-names-token-0123456789';
    const root = join(home, 'renderer');
    const srv: RunningServer = await startServer({ api: createBackend(ctx), ctx, root, port: 0, token });
    try {
      const origin = `http://127.0.0.1:${srv.port}`;
      const exported = await fetch(`${origin}/api/exportRois`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [API_TOKEN_HEADER]: token },
        body: JSON.stringify([{ subject: 'demo', kind: 'nifti', transform: 'demo2mm', out }]),
      });
      expect(exported.status).toBe(200);
      const { files } = decodeFrame(await exported.arrayBuffer()) as ExportResult;
      expect(files.map((f) => basename(f)).sort()).toEqual(['V2_dorsal-2.nii.gz', 'V2_dorsal.nii.gz']);
      const query = files.map((f) => `file=${encodeURIComponent(f)}`).join('&');
      const zip = await fetch(`${origin}/download?${query}&name=demo-nifti.zip`, {
        headers: { [API_TOKEN_HEADER]: token },
      });
      expect(zip.status).toBe(200);
      const entries = unzipSync(new Uint8Array(await zip.arrayBuffer()));
      expect(Object.keys(entries).sort()).toEqual(['V2_dorsal-2.nii.gz', 'V2_dorsal.nii.gz']);
      for (const f of files) expect(Buffer.from(entries[basename(f)]).equals(await readFile(f))).toBe(true);
      expect((await readdir(out)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      await srv.close();
    }
  }, 120_000);
});
