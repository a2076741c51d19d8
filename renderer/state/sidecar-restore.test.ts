import { describe, expect, it } from 'vitest';
import type { OverlaySnapshot } from '../../shared/api.js';
import { documentFromSnapshot, documentToEdits } from './roi-document.js';
import { restoreIntoDocument } from './sidecar-restore.js';

const snapshot = {
  layers: [
    {
      name: 'rois',
      visible: true,
      shapes: [
        { name: 'V1', paths: [{ d: 'M 0,0 L 1,0 L 1,1 Z' }], visible: true, locked: false, issues: [] },
      ],
    },
  ],
} as unknown as OverlaySnapshot;

describe('restoreIntoDocument', () => {
  it('replaces same-named ROIs, adds the others, skips empty ones; saving turns that into edits', () => {
    const doc = documentFromSnapshot(snapshot);
    const {
      doc: out,
      added,
      replaced,
    } = restoreIntoDocument(doc, [
      { name: 'v1', paths: ['M 5,5 L 6,5 L 6,6 Z'], jaccard: 0.97 },
      { name: 'FFA', paths: ['M 9,9 L 10,9 L 10,10 Z', 'M 20,9 L 21,9 L 21,10 Z'], jaccard: 0.95 },
      { name: 'gone', paths: [], jaccard: 0 },
    ]);
    expect([added, replaced]).toEqual([1, 1]);
    expect(out.rois.map((r) => [r.name, r.paths.map((p) => p.d)])).toEqual([
      ['V1', ['M 5,5 L 6,5 L 6,6 Z']],
      ['FFA', ['M 9,9 L 10,9 L 10,10 Z', 'M 20,9 L 21,9 L 21,10 Z']],
    ]);
    expect(documentToEdits(out, [{ layer: 'rois', name: 'V1' }])).toEqual([
      { kind: 'replace', name: 'V1', paths: ['M 5,5 L 6,5 L 6,6 Z'] },
      { kind: 'add', name: 'FFA', paths: ['M 9,9 L 10,9 L 10,10 Z', 'M 20,9 L 21,9 L 21,10 Z'] },
    ]);
  });
});
