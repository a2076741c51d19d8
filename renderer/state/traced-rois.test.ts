import { beforeEach, describe, expect, it } from 'vitest';
import type { RoiStudioApi, TraceRequest, TracedRoi } from '../../shared/api.js';
import { setApi } from './api-holder.js';
import { editor, INITIAL_STATE, isDirty, redoEdit, undoEdit } from './editor-store.js';
import { addAllLabels } from './roi-actions.js';
import { addRoi, newRoiKey } from './roi-document.js';
import { roiNameFromLabel } from '../../shared/roi/roi-names.js';
import { addTracedRois, traceSummaryLine } from './traced-rois.js';
import { recordTraceRequests } from './trace-test-helpers.js';

const traced: TracedRoi[] = [
  {
    name: 'V2v',
    labelIndex: 3,
    paths: ['M 5,5 L 6,5 L 6,6 Z'],
    jaccard: 0.91,
    jaccards: { clean: 0.91, raw: 0.93 },
  },
  {
    name: 'V1v',
    labelIndex: 1,
    paths: ['M 0,0 L 1,0 L 1,1 Z', 'M 50,0 L 51,0 L 51,1 Z'],
    jaccard: 0.95,
    jaccards: { clean: 0.95, raw: 0.94 },
  },
  { name: 'hV4', labelIndex: 7, paths: [], jaccard: 0, jaccards: { clean: 0, raw: 0 } },
  {
    name: 'V1d',
    labelIndex: 2,
    paths: ['M 2,2 L 3,2 L 3,3 Z'],
    jaccard: 0.88,
    jaccards: { clean: 0.88, raw: 0.9 },
  },
];

function roi(name: string) {
  return {
    key: newRoiKey(),
    name,
    savedName: name,
    paths: [{ d: 'M 9,9 L 10,9 L 10,10 Z' }],
    pathsChanged: false,
    normalise: false,
    issues: [],
  };
}

describe('addTracedRois', () => {
  it('adds one ROI per traced label in label order, skipping used names (any case) and empty outlines', () => {
    const doc = addRoi({ rois: [] }, roi('v1d'));
    const { doc: out, rows } = addTracedRois(doc, traced);
    expect(out.rois.map((r) => r.name)).toEqual(['v1d', 'V1v', 'V2v']);
    expect(out.rois[1].paths.map((p) => p.d)).toEqual(traced[1].paths);
    expect(out.rois[1].savedName).toBeNull();
    expect(out.rois[1].pathsChanged).toBe(true);
    expect(rows.map((r) => [r.labelIndex, r.roi, r.status])).toEqual([
      [1, 'V1v', 'added'],
      [2, 'v1d', 'exists'],
      [3, 'V2v', 'added'],
      [7, 'hV4', 'empty'],
    ]);
    expect(traceSummaryLine(rows)).toBe(
      'Added 2 label ROIs; Jaccard 0.91–0.95; 1 skipped (name already used); 1 not on the flatmap',
    );
  });

  it('makes .ctab names valid ROI names', () => {
    expect(roiNameFromLabel('ctx-lh-V1/V2')).toBe('ctx-lh-V1_V2');
    expect(roiNameFromLabel('  *Unknown')).toBe('Unknown');
    expect(roiNameFromLabel('???')).toBe('label');
  });
});

describe('addAllLabels', () => {
  let requests: TraceRequest[];
  beforeEach(() => {
    requests = recordTraceRequests(traced);
    const doc = addRoi({ rois: [] }, roi('Mine'));
    editor.set(
      { ...INITIAL_STATE, subject: 'demo', transform: 'xfm', templatePath: '/t.nii.gz', doc, savedDoc: doc },
      true,
    );
  });

  it('adds every label in one undoable step: one undo removes them all, redo brings them back', async () => {
    await addAllLabels();
    expect(requests).toEqual([{ subject: 'demo', transform: 'xfm', template: '/t.nii.gz', raw: false }]);
    const s = editor.get();
    expect(s.doc.rois.map((r) => r.name)).toEqual(['Mine', 'V1v', 'V1d', 'V2v']);
    expect(s.history.past).toHaveLength(1);
    expect(s.traceSummary?.map((r) => r.jaccard)).toEqual([0.95, 0.88, 0.91, 0]);
    expect(s.notice).toMatch(/^Added 3 label ROIs; Jaccard 0\.88–0\.95/);
    expect(isDirty(s)).toBe(true);

    expect(undoEdit()).toBe(true);
    expect(editor.get().doc.rois.map((r) => r.name)).toEqual(['Mine']);
    expect(isDirty(editor.get())).toBe(false);
    expect(redoEdit()).toBe(true);
    expect(editor.get().doc.rois).toHaveLength(4);
  });

  it('asks for raw outlines when "Raw outlines" is ticked', async () => {
    editor.set({ traceRaw: true });
    await addAllLabels();
    expect(requests.map((r) => r.raw)).toEqual([true]);
  });

  it('running it again adds nothing and records no step', async () => {
    await addAllLabels();
    await addAllLabels();
    expect(editor.get().doc.rois).toHaveLength(4);
    expect(editor.get().history.past).toHaveLength(1);
    expect(editor.get().notice).toMatch(/^Added 0 label ROIs; 3 skipped/);
  });

  it('a failing trace changes nothing and shows the problem', async () => {
    setApi({ traceLabels: () => Promise.reject(new Error('no labels')) } as unknown as RoiStudioApi);
    await addAllLabels();
    expect(editor.get().doc.rois).toHaveLength(1);
    expect(editor.get().problem).toEqual({ title: 'Could not outline the labels', message: 'no labels' });
    expect(editor.get().busy).toBeNull();
  });
});
