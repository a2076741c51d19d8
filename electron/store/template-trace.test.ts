import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePycortexPath } from '../../shared/roi/pycortex-path.js';
import { SHARED, SHARED_DB } from '../testing/shared-data.js';
import { readLabelTable, traceTemplate } from './template-trace.js';

const templates = join(SHARED_DB, 'sub-hcp32k', 'templates');

describe.skipIf(!SHARED)('tracing sub-hcp32k templates (func2mm)', () => {
  for (const [template, names] of [
    ['prf-visualrois', ['V1', 'V2', 'V3', 'V4', 'V3A', 'V3B', 'LO1', 'LO2']],
    ['floc-places', ['PHA1', 'PHA2', 'PHA3', 'ProS']],
    ['floc-faces', ['FFC', 'PIT', 'V8']],
  ] as const) {
    it(`${template}: every label traced, Jaccard ≥ 0.85 against its mid-depth vertices`, async () => {
      const file = join(templates, `${template}.nii.gz`);
      const { rois, vertices } = await traceTemplate(SHARED_DB, 'sub-hcp32k', 'func2mm', file);
      console.log(`${template}: ${rois.map((r) => `${r.name} ${r.jaccard.toFixed(3)}`).join(', ')}`);
      expect(rois.map((r) => r.name)).toEqual(names);
      for (const roi of rois) {
        expect(roi.jaccard, roi.name).toBeGreaterThanOrEqual(0.85);
        // one path per hemisphere, each readable by pycortex's own parser
        expect(roi.paths.length).toBeGreaterThanOrEqual(1);
        expect(roi.paths.length).toBeLessThanOrEqual(2);
        for (const d of roi.paths) {
          expect(d).toMatch(/^M [-\d.]+,[-\d.]+ L /);
          expect(d).not.toMatch(/ {2}|[eE]|[^MLZ\d., -]/);
          expect(() => parsePycortexPath(d)).not.toThrow();
        }
        expect(vertices.get(roi.name)!.length).toBeGreaterThan(0);
      }
    }, 60_000);
  }

  it('traces only the requested labels, by name or index, and names unknown ones', async () => {
    const file = join(templates, 'floc-places.nii.gz');
    const { rois } = await traceTemplate(SHARED_DB, 'sub-hcp32k', 'func2mm', file, ['PHA2', 4]);
    expect(rois.map((r) => [r.name, r.labelIndex])).toEqual([
      ['PHA2', 2],
      ['ProS', 4],
    ]);
    await expect(traceTemplate(SHARED_DB, 'sub-hcp32k', 'func2mm', file, ['FFA'])).rejects.toThrow(
      /floc-places.nii.gz: no label "FFA" \(labels: PHA1, PHA2, PHA3, ProS\)/,
    );
  }, 60_000);

  it('refuses a template on another grid, naming both shapes', async () => {
    const other = join(SHARED_DB, 'S1', 'transforms', 'fullhead', 'reference.nii.gz');
    await expect(traceTemplate(SHARED_DB, 'sub-hcp32k', 'func2mm', other)).rejects.toThrow(
      /reference.nii.gz: volume shape 100×100×31 differs from the reference shape 80×99×75/,
    );
  }, 60_000);

  it('reads the label table beside the template', async () => {
    const table = await readLabelTable(join(templates, 'floc-faces.nii.gz'));
    expect(table?.map((e) => e.name)).toEqual(['Unknown', 'FFC', 'PIT', 'V8']);
  });
});
