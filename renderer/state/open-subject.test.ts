// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import type {
  CurvatureImage,
  OverlaySnapshot,
  RoiStudioApi,
  SubjectSummary,
  VertexMap,
} from '../../shared/api.js';
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

const vertexMap: VertexMap = { width: 2, height: 1, vertex: new Int32Array([0, 1]) };

function fakeApi(getCurvature: () => Promise<CurvatureImage>): RoiStudioApi {
  return {
    getVertexMap: () => Promise.resolve(vertexMap),
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
    expect(editor.get().notice).toMatch(/Preparing the curvature of S1/);
    // the vertex map came back while the curvature was awaited: it is kept
    await new Promise((r) => setTimeout(r, 0));
    expect(editor.get().subjectData?.vertexMap).toBe(vertexMap);
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
