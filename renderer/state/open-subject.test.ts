// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import type { CurvatureImage, OverlaySnapshot, RoiStudioApi, SubjectSummary } from '../../shared/api.js';
import { setApi } from './api-holder.js';
import { editor, INITIAL_STATE } from './editor-store.js';
import { openSubject } from './session-actions.js';

const overlay: OverlaySnapshot = {
  subject: 'S1',
  path: '/db/S1/overlays.svg',
  exists: true,
  revision: 'r1',
  width: 100,
  height: 100,
  issues: [],
  layers: [],
};
const curvature: CurvatureImage = { width: 2, height: 1, value: new Float32Array([0.375, 0.625]) };

function fakeApi(getCurvature: () => Promise<CurvatureImage>): RoiStudioApi {
  return {
    getVertexMap: () => new Promise(() => undefined),
    getFlatGeometry: () => Promise.resolve({ width: 100, height: 100 }),
    loadOverlay: () => Promise.resolve(overlay),
    getCurvature,
    loadDraft: () => Promise.resolve(null),
    getRoiVertices: () => Promise.resolve({}),
  } as unknown as RoiStudioApi;
}

describe('opening a subject', () => {
  beforeEach(() => {
    const subject = { name: 'S1', transforms: [], templates: [] } as unknown as SubjectSummary;
    editor.set({ ...INITIAL_STATE, subjects: [subject] }, true);
  });

  it('shows the flatmap before a slow curvature, which arrives later with a notice meanwhile', async () => {
    let deliver: (c: CurvatureImage) => void = () => undefined;
    setApi(fakeApi(() => new Promise((r) => (deliver = r))));
    await openSubject('S1');
    expect(editor.get().subjectData?.geometry).toEqual({ width: 100, height: 100 });
    expect(editor.get().subjectData?.curvature).toBeNull();
    expect(editor.get().notice).toMatch(/Computing the curvature of S1/);
    deliver(curvature);
    await new Promise((r) => setTimeout(r, 0));
    expect(editor.get().subjectData?.curvature).toBe(curvature);
    expect(editor.get().notice).toBeNull();
  });

  it('waits for a curvature that is already cached, so it never flashes the plain outline', async () => {
    setApi(fakeApi(() => Promise.resolve(curvature)));
    await openSubject('S1');
    expect(editor.get().subjectData?.curvature).toBe(curvature);
    expect(editor.get().notice).toBeNull();
  });
});
