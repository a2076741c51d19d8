import { mkdtempSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED, SHARED_DB } from '../testing/shared-data.js';
import type { BackendContext } from './context.js';
import { resolveTemplate, traceApi } from './trace-api.js';

const cache = mkdtempSync(join(tmpdir(), 'roi-studio-trace-cache-'));
const ctx = (): BackendContext => ({
  database: { path: SHARED_DB, source: 'argument' },
  appDataDir: join(cache, 'data'),
  cacheDir: cache,
  chosenFiles: new Set(),
});

describe.skipIf(!SHARED)('trace API', () => {
  it('resolves template names in the subject folder and refuses paths outside the database', () => {
    expect(resolveTemplate(ctx(), 'sub-hcp32k', 'floc-faces')).toBe(
      join(SHARED_DB, 'sub-hcp32k', 'templates', 'floc-faces.nii.gz'),
    );
    expect(() => resolveTemplate(ctx(), 'sub-hcp32k', 'nope')).toThrow(/no template "nope"/);
    expect(() => resolveTemplate(ctx(), 'sub-hcp32k', '/etc/passwd.nii')).toThrow(
      /outside the open database/,
    );
  });

  it('traceLabels returns named ROIs with paths and Jaccard', async () => {
    const rois = await traceApi(ctx()).traceLabels({
      subject: 'sub-hcp32k',
      transform: 'func2mm',
      template: 'floc-faces',
      labels: ['FFC'],
    });
    expect(rois).toHaveLength(1);
    expect(rois[0]).toMatchObject({ name: 'FFC', labelIndex: 1 });
    expect(rois[0].paths).toHaveLength(2);
    expect(rois[0].jaccard).toBeGreaterThan(0.9);
    expect(rois[0].jaccard).toBe(rois[0].jaccards.clean);
  }, 60_000);

  it('traceLabels with raw: the raw outline, scored by the raw Jaccard', async () => {
    const request = { subject: 'sub-hcp32k', transform: 'func2mm', template: 'floc-faces', labels: ['FFC'] };
    const [clean] = await traceApi(ctx()).traceLabels(request);
    const [raw] = await traceApi(ctx()).traceLabels({ ...request, raw: true });
    expect(raw.jaccard).toBe(raw.jaccards.raw);
    expect(raw.jaccards).toEqual(clean.jaccards);
    expect(raw.paths).not.toEqual(clean.paths);
  }, 60_000);

  it('exportRois writes only where allowed', async () => {
    const out = await mkdtemp(join(tmpdir(), 'roi-studio-api-export-'));
    await expect(
      traceApi(ctx()).exportRois({ subject: 'sub-hcp32k', kind: 'json', out }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await readdir(out)).toEqual([]);
  });
});
