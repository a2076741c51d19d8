import { describe, expect, it } from 'vitest';
import type { FlatGeometry, TemplateInfo, VertexData, VertexMap, VertexSampling } from '../../shared/api.js';
import { labelColour } from '../canvas/raster-images.js';
import { roiColour } from '../canvas/roi-colour.js';
import type { Roi } from '../state/roi-document.js';
import type { TemplateData, TemplateDisplay } from '../state/editor-store.js';
import { cameraFor, pickVertex, projectPoint } from './standard-views.js';
import { vertexAdjacency } from '../../shared/mesh/vertex-adjacency.js';
import {
  CURSOR_COLOUR,
  cursorVertices,
  curvatureColours,
  drawCursor,
  drawRois,
  ROI_FILL_OPACITY,
  SELECTED_BORDER,
  surfaceUnderlay,
  templateColours,
  templateVertexValues,
} from './surface-colours.js';

const display: TemplateDisplay = {
  opacity: 1,
  colormap: 'gray',
  vmin: 0,
  vmax: 1,
  onlyLabel: null,
  asLabels: null,
};

function rgbOf(c: ArrayLike<number>, v: number): number[] {
  return [c[4 * v], c[4 * v + 1], c[4 * v + 2]];
}

describe('3-D view layer colours', () => {
  it('curvature: pycortex grey levels per vertex, gyri 160 and sulci 96', () => {
    const c = curvatureColours(Float32Array.of(0.3, -0.2, 0));
    expect(rgbOf(c, 0)).toEqual([160, 160, 160]);
    expect(rgbOf(c, 1)).toEqual([96, 96, 96]);
    expect(rgbOf(c, 2)).toEqual([96, 96, 96]);
  });

  it('a label volume: each vertex takes the label of the voxel with most weight, in its table colour', () => {
    const info: TemplateInfo = { name: 't', path: '/t.nii.gz', kind: 'volume' };
    const values = Float32Array.of(0, 3, 5);
    const t = {
      kind: 'volume',
      info,
      volume: { path: '/t', dims: [3, 1, 1], values, integerValued: true, min: 0, max: 5 },
      pixelMap: null,
    } as unknown as TemplateData;
    const sampling: VertexSampling = {
      subject: 's',
      transform: 'x',
      mapper: 'line_nearest',
      // vertex 0: voxel 1 (¾) and 2 (¼); vertex 1: voxel 2; vertex 2: no samples
      indptr: Uint32Array.of(0, 2, 3, 3),
      voxels: Int32Array.of(1, 2, 2),
      weights: Float32Array.of(0.75, 0.25, 1),
    };
    const perVertex = templateVertexValues(t, display, sampling)!;
    expect([...perVertex]).toEqual([3, 5, NaN]);
    const colours = templateColours(t, display, perVertex);
    expect(rgbOf(colours, 0)).toEqual(labelColour(3, undefined));
    expect(rgbOf(colours, 1)).toEqual(labelColour(5, undefined));
    expect(colours[4 * 2 + 3]).toBe(0);

    // drawn over the curvature at the template opacity; a vertex without a label keeps its grey
    const curvature = curvatureColours(Float32Array.of(1, 1, -1));
    const out = surfaceUnderlay(curvature, { colours, opacity: 0.5 });
    // one (degenerate) triangle joining vertices 1 and 2
    drawCursor(out, cursorVertices(2, vertexAdjacency(Uint32Array.of(1, 2, 1), 3)));
    const [r, g, b] = labelColour(3, undefined);
    expect(rgbOf(out, 0)).toEqual([r, g, b].map((x) => Math.round(160 * 0.5 + x * 0.5)));
    // the cursor marks its vertex and its triangle neighbours
    expect(rgbOf(out, 2)).toEqual([...CURSOR_COLOUR]);
    expect(rgbOf(out, 1)).toEqual([...CURSOR_COLOUR]);
  });

  it('continuous per-vertex data through the colour map; NaN leaves the curvature', () => {
    const vertexData: VertexData = {
      path: '/d.npz',
      values: Float32Array.of(0, 1, NaN),
      integerValued: false,
      min: 0,
      max: 1,
    };
    const t: TemplateData = {
      kind: 'vertex',
      info: { name: 'd', path: '/d.npz', kind: 'vertex' },
      vertexData,
      vertexMap: { width: 1, height: 1, vertex: Int32Array.of(0) } as VertexMap,
    };
    const values = templateVertexValues(t, display, null)!;
    const colours = templateColours(t, display, values);
    expect(rgbOf(colours, 0)).toEqual([0, 0, 0]);
    expect(rgbOf(colours, 1)).toEqual([255, 255, 255]);
    expect(colours[4 * 2 + 3]).toBe(0);
  });
});

describe('3-D view ROI layer', () => {
  // a strip of 5 vertices in lh (0–4) and 2 in rh (5–6): triangles (0 1 2) (1 2 3) (2 3 4), (5 6 5)
  const adjacency = vertexAdjacency(Uint32Array.of(0, 1, 2, 1, 2, 3, 2, 3, 4, 5, 6, 5), 7);
  const geometry = { nL: 5 } as FlatGeometry;
  const roi = (key: string, name: string): Roi => ({
    key,
    name,
    savedName: name,
    paths: [],
    pathsChanged: false,
    normalise: false,
    issues: [],
  });
  const grey = () => surfaceUnderlay(curvatureColours(new Float32Array(7).fill(-1)), null);
  const saved = { a: { lh: [0, 1, 2], rh: [1] }, b: { lh: [4], rh: [] } };

  it('fills members at the ROI opacity, borders opaque, the selected one white-bordered and on top', () => {
    const doc = { rois: [roi('k1', 'a'), roi('k2', 'b')] };
    const out = grey();
    drawRois(out, doc, geometry, saved, adjacency, null, new Set());
    const [r, g, b] = roiColour('a').match(/\d+/g)!.map(Number);
    // vertex 0's neighbours (1, 2) are inside: filled; 1 and 2 touch 3: border
    expect(rgbOf(out, 0)).toEqual(
      [r, g, b].map((x) => Math.round(96 * (1 - ROI_FILL_OPACITY) + x * ROI_FILL_OPACITY)),
    );
    expect(rgbOf(out, 1)).toEqual([r, g, b]);
    expect(rgbOf(out, 2)).toEqual([r, g, b]);
    expect(rgbOf(out, 3)).toEqual([96, 96, 96]);
    // rh vertex 1 is merged vertex 6, whose neighbour 5 is outside
    expect(rgbOf(out, 6)).toEqual([r, g, b]);
    expect(rgbOf(out, 5)).toEqual([96, 96, 96]);

    const selected = grey();
    drawRois(selected, doc, geometry, saved, adjacency, 'k1', new Set(['k2']));
    expect(rgbOf(selected, 1)).toEqual([...SELECTED_BORDER]);
    expect(rgbOf(selected, 4)).toEqual([96, 96, 96]); // b hidden
  });

  it('an ROI whose membership is unchanged gives the same colours when drawn again', () => {
    const doc = { rois: [roi('k1', 'a')] };
    const first = grey();
    drawRois(first, doc, geometry, saved, adjacency, null, new Set());
    const again = grey();
    drawRois(again, doc, geometry, saved, adjacency, null, new Set());
    expect([...again]).toEqual([...first]);
  });
});

describe('3-D view camera', () => {
  it('lateral and medial follow the hemisphere', () => {
    expect(cameraFor('lateral', 'lh')).toEqual(cameraFor('left', 'lh'));
    expect(cameraFor('medial', 'lh')).toEqual(cameraFor('right', 'lh'));
    expect(cameraFor('lateral', 'rh')).toEqual(cameraFor('right', 'rh'));
  });

  it('picks the vertex nearest the camera among those under the pointer', () => {
    // identity projection: x, y in [−1, 1] map onto a 100×100 canvas, depth = z
    const identity = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
    const points = Float32Array.of(0, 0, 0.5, 0, 0, -0.5, 0.5, 0.5, 0);
    expect(projectPoint(identity, points, 2, 100, 100)).toEqual([75, 25, 0]);
    expect(pickVertex(identity, points, 50, 50, 100, 100)).toBe(1);
    expect(pickVertex(identity, points, 50, 50, 100, 100, 0, 1)).toBe(0);
    expect(pickVertex(identity, points, 10, 90, 100, 100)).toBe(-1);
  });
});
