import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError, type OverlaySnapshot, type RoiStudioApi, type SaveRequest } from '../../shared/api.js';
import { setApi } from './api-holder.js';
import { commit, editor, isDirty, redoEdit, undoEdit, type TemplateData } from './editor-store.js';
import { openInEditor, overlaySnapshot } from './overlay-test-helpers.js';
import { addRoi, newRoi, pathFromRing, updateRoi } from './roi-document.js';
import { reloadOverlay, restoreDraft, save, selectTemplate } from './session-actions.js';

const base = overlaySnapshot({ V1: 'M 0,0 L 5,0 L 5,5 Z' });

function open(): void {
  openInEditor(base);
}

function drawA(): void {
  commit('Create A', addRoi(editor.get().doc, newRoi('A', [pathFromRing([1, 1, 2, 1, 2, 2])])));
}

describe('save', () => {
  beforeEach(open);

  it('sends the edits against the revision read, then adopts the saved file and keeps the history', async () => {
    const requests: SaveRequest[] = [];
    const saved: OverlaySnapshot = {
      ...base,
      revision: 'r2',
      layers: [
        {
          ...base.layers[0],
          shapes: [
            ...base.layers[0].shapes,
            { name: 'A', paths: [{ d: 'M 1,1 L 2,1 L 2,2 Z' }], visible: true, locked: false, issues: [] },
          ],
        },
      ],
    };
    setApi({
      saveOverlay: (r: SaveRequest) => (
        requests.push(r),
        Promise.resolve({ snapshot: saved, backup: '/db/demo/b.svg' })
      ),
      getRoiVertices: () => Promise.resolve({}),
      clearDraft: () => Promise.resolve(),
    } as unknown as RoiStudioApi);
    drawA();
    const key = editor.get().doc.rois[1].key;
    expect(await save()).toBe(true);
    expect(requests).toEqual([
      {
        subject: 'demo',
        baseRevision: 'r1',
        edits: [{ kind: 'add', name: 'A', paths: ['M 1,1 L 2,1 L 2,2 Z'] }],
      },
    ]);
    const s = editor.get();
    expect(s.overlay?.revision).toBe('r2');
    expect(isDirty(s)).toBe(false);
    expect(s.history.past.map((e) => e.label)).toEqual(['Create A']);
    expect(s.doc.rois.map((r) => [r.name, r.savedName, r.pathsChanged])).toEqual([
      ['V1', 'V1', false],
      ['A', 'A', false],
    ]);
    expect(s.doc.rois[1].key).toBe(key); // the selection survives a save
  });

  it('keeps undo and redo across saves: each step is restated against the file as saved', async () => {
    const requests: SaveRequest[] = [];
    let revision = 1;
    // the back end writes the edits and reads the file back, as saveOverlay does
    const onDisk = new Map(Object.entries({ V1: 'M 0,0 L 5,0 L 5,5 Z' }));
    setApi({
      saveOverlay: (r: SaveRequest) => {
        requests.push(r);
        for (const e of r.edits) {
          if (e.kind === 'delete') onDisk.delete(e.name);
          else if (e.kind === 'rename') {
            onDisk.set(e.to, onDisk.get(e.from)!);
            onDisk.delete(e.from);
          } else if (e.kind === 'add' || e.kind === 'replace') onDisk.set(e.name, e.paths[0]);
        }
        revision += 1;
        const snapshot = overlaySnapshot(Object.fromEntries(onDisk), { revision: `r${revision}` });
        return Promise.resolve({ snapshot, backup: null });
      },
      getRoiVertices: () => Promise.resolve({}),
      clearDraft: () => Promise.resolve(),
    } as unknown as RoiStudioApi);
    drawA();
    const v1 = editor.get().doc.rois[0].key;
    commit(
      'Rename V1',
      updateRoi(editor.get().doc, v1, (r) => ({ ...r, name: 'V1v' })),
    );
    await save();
    expect(isDirty(editor.get())).toBe(false);
    expect(editor.get().history.past.map((e) => e.label)).toEqual(['Create A', 'Rename V1']);

    expect(undoEdit()).toBe(true);
    expect(isDirty(editor.get())).toBe(true);
    expect(editor.get().doc.rois.map((r) => r.name)).toEqual(['V1', 'A']);
    // undoing past a save and saving again writes the rename back, losing nothing
    await save();
    expect(requests[1].edits).toEqual([{ kind: 'rename', from: 'V1v', to: 'V1' }]);
    expect([...onDisk.keys()].sort()).toEqual(['A', 'V1']);

    expect(undoEdit()).toBe(true);
    expect(editor.get().doc.rois.map((r) => r.name)).toEqual(['V1']);
    await save();
    expect(requests[2].edits).toEqual([{ kind: 'delete', name: 'A' }]);

    // redo back onto the saved state is clean again, and marked so
    expect(redoEdit()).toBe(true);
    const rois = editor.get().doc.rois.map((r) => [r.name, r.savedName, r.pathsChanged]);
    expect(rois.sort()).toEqual([
      ['A', null, true],
      ['V1', 'V1', false],
    ]);
    await save();
    expect(requests[3].edits).toEqual([{ kind: 'add', name: 'A', paths: ['M 1,1 L 2,1 L 2,2 Z'] }]);
    expect(undoEdit()).toBe(true);
    expect(redoEdit()).toBe(true);
    expect(isDirty(editor.get())).toBe(false);
    expect(editor.get().notice).toBe('Redid Create A (as saved)');
  });

  it('opens the conflict question when the file changed on disk, keeping the edits', async () => {
    setApi({
      saveOverlay: () => Promise.reject(new ApiError('STALE', 'overlays.svg changed on disk')),
    } as unknown as RoiStudioApi);
    drawA();
    expect(await save()).toBe(false);
    const s = editor.get();
    expect(s.conflict).toBe('overlays.svg changed on disk');
    expect(isDirty(s)).toBe(true);
    expect(s.doc.rois.map((r) => r.name)).toEqual(['V1', 'A']);
  });

  it('shows any other refusal as a problem', async () => {
    setApi({
      saveOverlay: () => Promise.reject(new ApiError('IO', 'disk full', '/db/demo/overlays.svg')),
    } as unknown as RoiStudioApi);
    drawA();
    await save();
    expect(editor.get().problem).toEqual({
      title: 'Could not save',
      message: 'disk full (/db/demo/overlays.svg)',
    });
  });
});

describe('restoreDraft', () => {
  beforeEach(open);

  it('replays the draft as one undoable step and warns when the file changed since', () => {
    editor.set({
      draftOffer: {
        subject: 'demo',
        database: '/db',
        savedAt: '2026-01-01T00:00:00Z',
        baseRevision: 'r0',
        edits: [
          { kind: 'rename', from: 'V1', to: 'V1v' },
          { kind: 'add', name: 'B', paths: ['M 1,1 L 3,1 L 3,3 Z'] },
        ],
      },
    });
    restoreDraft();
    const s = editor.get();
    expect(s.doc.rois.map((r) => r.name)).toEqual(['V1v', 'B']);
    expect(s.draftOffer).toBeNull();
    expect(s.history.past.map((e) => e.label)).toEqual(['Restore draft']);
    expect(s.notice).toMatch(/changed since the draft/);
  });
});

describe('reloadOverlay', () => {
  beforeEach(open);

  it('drops local edits and, as on open, starts the ROIs hidden in the file hidden', async () => {
    const onDisk: OverlaySnapshot = {
      ...base,
      revision: 'r3',
      layers: [
        {
          ...base.layers[0],
          shapes: [
            ...base.layers[0].shapes,
            { name: 'B', paths: [{ d: 'M 1,1 L 2,1 L 2,2 Z' }], visible: false, locked: false, issues: [] },
          ],
        },
      ],
    };
    setApi({
      loadOverlay: () => Promise.resolve(onDisk),
      getRoiVertices: () => Promise.resolve({}),
    } as unknown as RoiStudioApi);
    drawA();
    await reloadOverlay();
    const s = editor.get();
    expect(s.overlay?.revision).toBe('r3');
    expect(isDirty(s)).toBe(false);
    expect(s.history.past).toEqual([]);
    expect(s.doc.rois.map((r) => r.name)).toEqual(['V1', 'B']);
    expect([...s.hiddenKeys]).toEqual([s.doc.rois[1].key]);
  });
});

describe('selectTemplate', () => {
  beforeEach(open);

  it('keeps the template shown when another fails to load, with the reason as a problem', async () => {
    const shown = { kind: 'volume', info: { name: 'labels', path: '/db/labels.nii.gz' } } as TemplateData;
    editor.set({ transform: 'identity', templatePath: '/db/labels.nii.gz', template: shown });
    setApi({
      loadVolume: () =>
        Promise.reject(new ApiError('SHAPE_MISMATCH', 'not on the grid of identity', '/tmp/x.nii')),
      getPixelMap: () => new Promise(() => undefined),
    } as unknown as RoiStudioApi);
    await selectTemplate('/tmp/x.nii');
    const s = editor.get();
    expect(s.templatePath).toBe('/db/labels.nii.gz');
    expect(s.template).toBe(shown);
    expect(s.busy).toBeNull();
    expect(s.problem).toEqual({
      title: 'Could not show this template',
      message: 'not on the grid of identity (/tmp/x.nii)',
    });
  });
});
