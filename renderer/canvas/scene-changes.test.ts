import { describe, expect, it } from 'vitest';
import type { CurvatureImage, FlatGeometry } from '../../shared/api.js';
import type { EditorState } from '../state/editor-store.js';
import { INITIAL_STATE } from '../state/editor-store.js';
import { mapChanged, previewIsStale, staleSceneParts } from './scene-changes.js';
import { squareDoc } from './tools/tool-test-helpers.js';

// only identity matters to the change test: stand-ins for a subject's map and curvature
const geometry = { subject: 'S1', svgWidth: 2000, svgHeight: 1000 } as unknown as FlatGeometry;
const curvature = { width: 4, height: 2 } as unknown as CurvatureImage;
const open: EditorState = { ...INITIAL_STATE, subjectData: { geometry, curvature: null, vertexMap: null } };
const parts = (prev: EditorState | null, s: EditorState) => [...staleSceneParts(prev, s)].sort();

describe('scene changes', () => {
  it('draws the whole scene for a first map, then nothing for an unrelated change', () => {
    expect(mapChanged(null, open)).toBe(true);
    expect(parts(null, open)).toEqual(['clip', 'curvature', 'frame', 'rois', 'template']);
    expect(parts(open, { ...open, notice: 'Saved', busy: 'Saving' })).toEqual([]);
    expect(previewIsStale(open, { ...open, notice: 'Saved' })).toBe(false);
  });

  it('repaints only the background when a curvature arrives, keeping the map (and strokes)', () => {
    const later = { ...open, subjectData: { ...open.subjectData!, curvature } };
    expect(mapChanged(open, later)).toBe(false);
    expect(parts(open, later)).toEqual(['curvature']);
  });

  it('redraws the frame, background and clip for another subject', () => {
    const other = { ...open, subjectData: { geometry: { ...geometry }, curvature: null, vertexMap: null } };
    expect(mapChanged(open, other)).toBe(true);
    expect(parts(open, other)).toEqual(['clip', 'curvature', 'frame']);
  });

  it('redraws the template for its display, the outlines for what is shown of them', () => {
    expect(parts(open, { ...open, display: { ...open.display, opacity: 0.3 } })).toEqual(['template']);
    expect(parts(open, { ...open, clipToCortex: true })).toEqual(['clip']);
    for (const change of [
      { doc: squareDoc(['a', 0, 0, 10]) },
      { selectedKey: 'a' },
      { hiddenKeys: new Set(['a']) },
      { showRoiLabels: false },
      { showRoiColours: true },
      { showSulci: false },
    ])
      expect(parts(open, { ...open, ...change })).toEqual(['rois']);
  });

  it('redraws the live layer for the document, selection, tool and the outline waiting for a name', () => {
    for (const change of [
      { doc: squareDoc(['a', 0, 0, 10]) },
      { selectedKey: 'a' },
      { tool: 'polygon' as const },
      { pendingRing: [0, 0, 10, 0, 10, 10] },
    ])
      expect(previewIsStale(open, { ...open, ...change })).toBe(true);
    expect(previewIsStale(open, { ...open, hiddenKeys: new Set(['a']) })).toBe(false);
  });
});
