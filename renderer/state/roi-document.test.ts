import { describe, expect, it } from 'vitest';
import type { OverlaySnapshot } from '../../shared/api.js';
import {
  addRoi,
  documentFromSnapshot,
  documentToEdits,
  newRoi,
  pathForLayer,
  pathFromRing,
  removeRoi,
  savedShapes,
  setRoiPaths,
  updateRoi,
} from './roi-document.js';

const snapshot: OverlaySnapshot = {
  subject: 'demo',
  path: '/db/demo/overlays.svg',
  exists: true,
  revision: 'r1',
  width: 2000,
  height: 1024,
  issues: [],
  layers: [
    {
      name: 'sulci',
      visible: true,
      shapes: [{ name: 'CS', paths: [{ d: 'M 1,1 L 2,2' }], visible: true, locked: false, issues: [] }],
    },
    {
      name: 'rois',
      visible: true,
      shapes: [
        { name: 'V1', paths: [{ d: 'm 10,10 l 5,0 0,5 z' }], visible: true, locked: false, issues: [] },
        { name: 'V2', paths: [{ d: 'M 0,0 L 9,0 L 9,9 Z' }], visible: true, locked: false, issues: [] },
        { name: 'V3', paths: [], visible: true, locked: false, issues: [] },
      ],
    },
  ],
};

describe('documentFromSnapshot', () => {
  it('reads the rois, then the sulci and cutouts layers, keeping path data as in the file', () => {
    const doc = documentFromSnapshot(snapshot);
    expect(doc.rois.map((r) => [r.name, r.layer])).toEqual([
      ['V1', undefined],
      ['V2', undefined],
      ['V3', undefined],
      ['CS', 'sulci'],
    ]);
    expect(doc.rois[0].paths).toEqual([{ d: 'm 10,10 l 5,0 0,5 z' }]);
    expect(doc.rois.every((r) => r.savedName === r.name && !r.pathsChanged)).toBe(true);
  });
});

describe('documentToEdits', () => {
  const base = ['V1', 'V2', 'V3'].map((name) => ({ layer: 'rois' as const, name }));
  it('is empty for an untouched document', () => {
    expect(documentToEdits(documentFromSnapshot(snapshot), base)).toEqual([]);
  });

  it('orders deletes, renames, path changes and normalisations, using the new names', () => {
    let doc = documentFromSnapshot(snapshot);
    const [v1, v2, v3] = doc.rois;
    doc = removeRoi(doc, v3.key);
    doc = updateRoi(doc, v1.key, (r) => ({ ...r, name: 'V1v' }));
    doc = updateRoi(doc, v1.key, (r) => setRoiPaths(r, [pathFromRing([0, 0, 4, 0, 4, 4])]));
    doc = updateRoi(doc, v2.key, (r) => ({ ...r, normalise: true }));
    doc = addRoi(doc, newRoi('V3', [pathFromRing([1, 1, 2, 1, 2, 2]), pathFromRing([5, 5, 6, 5, 6, 6])]));
    expect(documentToEdits(doc, base)).toEqual([
      { kind: 'delete', name: 'V3' },
      { kind: 'rename', from: 'V1', to: 'V1v' },
      { kind: 'replace', name: 'V1v', paths: ['M 0,0 L 4,0 L 4,4 Z'] },
      { kind: 'add', name: 'V3', paths: ['M 1,1 L 2,1 L 2,2 Z', 'M 5,5 L 6,5 L 6,6 Z'] },
      { kind: 'normalise', name: 'V2' },
    ]);
  });
});

describe('pathFromRing', () => {
  it('writes the safe grammar: absolute M/L/Z, single spaces, x,y pairs, plain decimals', () => {
    const { d } = pathFromRing([1203.5, 410.25, 1210.00001, -0.00001, 3e-7, 1e3]);
    expect(d).toBe('M 1203.5,410.25 L 1210,0 L 0,1000 Z');
    expect(d).not.toMatch(/e|\s\s|^\s|\s$/);
    for (const token of d.split(' '))
      expect(token.length === 1 ? /[MLZ]/.test(token) : token.includes(',')).toBe(true);
  });
});

describe('sulci and cutouts in the document', () => {
  it('edits name their layer; a sulcus and an ROI may share a name', () => {
    let doc = documentFromSnapshot(snapshot);
    const cs = doc.rois.find((r) => r.layer === 'sulci')!;
    doc = updateRoi(doc, cs.key, (r) => ({ ...r, name: 'STS' }));
    doc = addRoi(doc, newRoi('V1', [pathForLayer([0, 0, 5, 5], 'sulci')], undefined, 'sulci'));
    doc = addRoi(doc, newRoi('Wall', [pathForLayer([0, 0, 5, 0, 5, 5], 'cutouts')], undefined, 'cutouts'));
    const base = savedShapes(snapshot);
    expect(base).toContainEqual({ layer: 'sulci', name: 'CS' });
    expect(documentToEdits(doc, base)).toEqual([
      { kind: 'rename', from: 'CS', to: 'STS', layer: 'sulci' },
      { kind: 'add', name: 'V1', paths: ['M 0,0 L 5,5'], layer: 'sulci' },
      { kind: 'add', name: 'Wall', paths: ['M 0,0 L 5,0 L 5,5 Z'], layer: 'cutouts' },
    ]);
    const gone = removeRoi(doc, doc.rois.find((r) => r.name === 'STS')!.key);
    expect(documentToEdits(gone, base)[0]).toEqual({ kind: 'delete', name: 'CS', layer: 'sulci' });
  });
});
