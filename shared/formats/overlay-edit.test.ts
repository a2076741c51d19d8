import { describe, expect, it } from 'vitest';
import type { OverlayEdit } from '../api.js';
import { MAX_EDIT_COMMANDS, OverlayEditError, applyEdits } from './overlay-edit.js';
import { findLayer, layerShapes, parseOverlay, serializeOverlay } from './overlay-svg.js';
import { MAX_PATH_COMMANDS } from './svg-path.js';

const SRC = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="10" height="10">
  <g inkscape:label="rois" id="rois">
    <g inkscape:label="shapes" id="rois_shapes"/>
    <g inkscape:label="labels" id="rois_labels">
    </g>
  </g>
</svg>
`;

describe('applyEdits', () => {
  it('adds an ROI pycortex-style, indented, with a label per path and the default layers', () => {
    const o = parseOverlay(SRC);
    applyEdits(o, [
      { kind: 'add', name: 'A b+', paths: ['m 1,1 h 4 v 4 z', 'M 6,6 L 9,6 L 9,9 Z'], label: true },
    ]);
    const out = serializeOverlay(o);
    expect(out).toContain(`    <g inkscape:label="shapes" id="rois_shapes">
      <g id="A_b_" style="display:inline;" inkscape:label="A b+" inkscape:groupmode="layer">
        <path id="A_b__path1" d="M 1,1 L 5,1 L 5,5 Z"/>
        <path id="A_b__path2" d="M 6,6 L 9,6 L 9,9 Z"/>
      </g>
    </g>
    <g inkscape:label="labels" id="rois_labels">
      <text x="3.6667" y="2.3333" style="text-anchor:middle;">A b+</text>
      <text x="8" y="7" style="text-anchor:middle;">A b+</text>
    </g>`);
    expect(out).toMatch(/<g id="display" [^>]*inkscape:label="display"[^>]*>\n {4}<g id="display_shapes"/);
  });

  it('renames (labels too), replaces the last of duplicates, deletes with its labels', () => {
    const o = parseOverlay(SRC);
    applyEdits(o, [
      { kind: 'add', name: 'V1', paths: ['M 1,1 L 2,1 L 2,2 Z'], label: true },
      { kind: 'rename', from: 'V1', to: 'V1v' },
    ]);
    let out = serializeOverlay(o);
    expect(out).toContain('inkscape:label="V1v"');
    expect(out).toContain('>V1v</text>');
    expect(out).not.toMatch(/"V1"|>V1</);
    applyEdits(o, [{ kind: 'replace', name: 'V1v', paths: ['M 3,3 L 4,3 L 4,4 Z'] }]);
    const shapes = layerShapes(findLayer(o, 'rois')!);
    expect(shapes.map((s) => [s.name, s.paths.map((p) => p.getAttribute('d'))])).toEqual([
      ['V1v', ['M 3,3 L 4,3 L 4,4 Z']],
    ]);
    applyEdits(o, [{ kind: 'delete', name: 'V1v' }]);
    out = serializeOverlay(o);
    expect(out).not.toContain('V1v');
  });

  it('normalise bakes group and path transforms into safe-subset paths', () => {
    const o = parseOverlay(
      SRC.replace(
        '<g inkscape:label="shapes" id="rois_shapes"/>',
        '<g inkscape:label="shapes" id="rois_shapes"><g inkscape:label="T" transform="translate(10,0)"><path transform="scale(2)" d="M1 1H2V2z"/></g></g>',
      ),
    );
    applyEdits(o, [{ kind: 'normalise', name: 'T' }]);
    const [t] = layerShapes(findLayer(o, 'rois')!);
    expect(t.element.hasAttribute('transform')).toBe(false);
    expect(t.paths[0].getAttribute('d')).toBe('M 12,2 L 14,2 L 14,4 Z');
  });

  it('refuses bad edits with a clear message', () => {
    const o = parseOverlay(SRC);
    expect(() => applyEdits(o, [{ kind: 'delete', name: 'nope' }])).toThrow(/no ROI named "nope"/);
    expect(() => applyEdits(o, [{ kind: 'add', name: ' x', paths: ['M 1,1 L 2,2 L 1,2 Z'] }])).toThrow(
      OverlayEditError,
    );
    expect(() => applyEdits(o, [{ kind: 'add', name: 'x', paths: ['M 1,1 L'] }])).toThrow(/path 1 of "x"/);
  });

  const square = 'M 1,1 L 2,1 L 2,2 Z';

  it("holds new ROI names to the editor's rule, unique ignoring case; existing names stay usable", () => {
    const o = parseOverlay(
      SRC.replace('id="rois_shapes"/>', 'id="rois_shapes"><g inkscape:label="V1/V2"/></g>'),
    );
    const before = serializeOverlay(o);
    const refused: [OverlayEdit, RegExp][] = [
      [
        { kind: 'add', name: '../../etc/x', paths: [square] },
        /"..\/..\/etc\/x" is refused: Start with a letter/,
      ],
      [{ kind: 'add', name: 'v1/v2', paths: [square] }, /"v1\/v2" is refused/],
      [{ kind: 'replace', name: 'a<b', paths: [square] }, /"a<b" is refused/],
      [{ kind: 'rename', from: 'V1/V2', to: 'x'.repeat(65) }, /At most 64 characters/],
    ];
    for (const [edit, message] of refused) {
      expect(() => applyEdits(o, [edit])).toThrow(message);
      expect(serializeOverlay(o)).toBe(before);
    }
    applyEdits(o, [{ kind: 'add', name: 'V1', paths: [square] }]);
    for (const edit of [
      { kind: 'add', name: 'v1', paths: [square] },
      { kind: 'replace', name: 'v1', paths: [square] },
      { kind: 'rename', from: 'V1/V2', to: 'v1' },
    ] satisfies OverlayEdit[])
      expect(() => applyEdits(o, [edit])).toThrow('An ROI named "V1" already exists.');
    // a legacy name can be edited, renamed away from, and an ROI can change its own case
    applyEdits(o, [
      { kind: 'replace', name: 'V1/V2', paths: [square] },
      { kind: 'rename', from: 'V1/V2', to: 'V1-V2' },
      { kind: 'rename', from: 'V1', to: 'v1' },
    ]);
    expect(layerShapes(findLayer(o, 'rois')!).map((s) => s.name)).toEqual(['V1-V2', 'v1']);
  });

  it('refuses paths and saves over the command limits before changing anything', () => {
    const o = parseOverlay(SRC);
    const before = serializeOverlay(o);
    const polyline = (n: number) => `M 0,0${' L 1,1'.repeat(n - 2)} Z`;
    expect(() =>
      applyEdits(o, [{ kind: 'add', name: 'big', paths: [polyline(MAX_PATH_COMMANDS + 1)] }]),
    ).toThrow(
      `path 1 of "big": path data: more than ${MAX_PATH_COMMANDS} commands (the limit per path) at character ${
        polyline(MAX_PATH_COMMANDS + 1).length - 1
      }`,
    );
    const many = Array.from({ length: 3 }, (_, i) => ({
      kind: 'add' as const,
      name: `R${i}`,
      paths: [polyline(MAX_EDIT_COMMANDS / 2 - 10)],
    }));
    expect(() => applyEdits(o, many)).toThrow(
      `the edits write more than ${MAX_EDIT_COMMANDS} path commands (the limit per save); save them in parts`,
    );
    expect(serializeOverlay(o)).toBe(before);
  });

  it('replace keeps each replaced path’s prefix, id, style and filter; drops what described the old geometry', () => {
    const o = parseOverlay(
      SRC.replace(
        'xmlns="http://www.w3.org/2000/svg"',
        'xmlns="http://www.w3.org/2000/svg" xmlns:svg="http://www.w3.org/2000/svg" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"',
      ).replace(
        '<g inkscape:label="shapes" id="rois_shapes"/>',
        '<g inkscape:label="shapes" id="rois_shapes"><svg:g inkscape:label="F"><svg:path id="p7" style="stroke:red" filter="url(#dropshadow)" sodipodi:nodetypes="ccc" d="m 1,1 2,0 0,2 z"/><svg:path id="p8" style="stroke:blue" d="M 5,5 L 6,5 L 6,6 Z"/></svg:g></g>',
      ),
    );
    applyEdits(o, [
      {
        kind: 'replace',
        name: 'F',
        paths: ['M 1,1 L 4,1 L 4,4 Z', 'M 5,5 L 7,5 L 7,7 Z', 'M 8,8 L 9,8 L 9,9 Z'],
      },
    ]);
    const out = serializeOverlay(o);
    expect(out).toContain(
      '<svg:path id="p7" style="stroke:red" filter="url(#dropshadow)" d="M 1,1 L 4,1 L 4,4 Z"/><svg:path id="p8" style="stroke:blue" d="M 5,5 L 7,5 L 7,7 Z"/><path id="F_path3" d="M 8,8 L 9,8 L 9,9 Z"/>',
    );
  });
});

describe('applyEdits on sulci and cutouts', () => {
  it('writes sulci as open lines and cutouts closed, each in its own layer, names independent of the ROIs', () => {
    const o = parseOverlay(SRC);
    applyEdits(o, [
      { kind: 'add', name: 'CS', paths: ['M 1,1 L 5,2 L 9,1'] },
      { kind: 'add', name: 'CS', paths: ['M 1,1 L 5,2 L 9,1'], layer: 'sulci' },
      { kind: 'add', name: 'MWall', paths: ['M 1,1 L 5,2 L 9,1'], layer: 'cutouts' },
    ]);
    const d = (layer: string) =>
      layerShapes(findLayer(o, layer)!).map((s) => [s.name, s.paths.map((p) => p.getAttribute('d'))]);
    expect(d('rois')).toEqual([['CS', ['M 1,1 L 5,2 L 9,1 Z']]]);
    expect(d('sulci')).toEqual([['CS', ['M 1,1 L 5,2 L 9,1']]]);
    expect(d('cutouts')).toEqual([['MWall', ['M 1,1 L 5,2 L 9,1 Z']]]);
    applyEdits(o, [
      { kind: 'replace', name: 'CS', paths: ['M 2,2 L 6,3'], layer: 'sulci' },
      { kind: 'rename', from: 'MWall', to: 'Medial wall', layer: 'cutouts' },
    ]);
    expect(d('sulci')).toEqual([['CS', ['M 2,2 L 6,3']]]);
    expect(d('cutouts')).toEqual([['Medial wall', ['M 1,1 L 5,2 L 9,1 Z']]]);
    applyEdits(o, [{ kind: 'delete', name: 'CS', layer: 'sulci' }]);
    expect(d('sulci')).toEqual([]);
    expect(d('rois')).toEqual([['CS', ['M 1,1 L 5,2 L 9,1 Z']]]);
    expect(() => applyEdits(o, [{ kind: 'delete', name: 'CS', layer: 'sulci' }])).toThrow(
      /no sulcus named "CS"/,
    );
  });
});

describe('replace keeps what was not edited', () => {
  const SHAPE = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" width="10" height="10">
  <g inkscape:label="rois" id="rois">
    <g inkscape:label="shapes" id="rois_shapes">
      <g inkscape:label="A" id="A">
        <path style="fill:none" d="m 1,1 c 1,0 2,1 2,2 z" id="p1" sodipodi:nodetypes="ccc" filter="url(#dropshadow)"/>
        <path style="stroke:red" d="m 6,6 l 2,0 0,2 z" id="p2"/>
      </g>
    </g>
    <g inkscape:label="labels" id="rois_labels">
      <text x="1" y="1">A</text>
    </g>
  </g>
</svg>
`;
  it('an unchanged path stays byte for byte, a changed one keeps its attributes, a removed one goes', () => {
    const o = parseOverlay(SHAPE);
    applyEdits(o, [{ kind: 'replace', name: 'A', paths: ['m 1,1 c 1,0 2,1 2,2 z', 'M 6,6 L 9,6 L 9,9 Z'] }]);
    // the reference gets the default layers every save adds
    const ref = parseOverlay(SHAPE);
    applyEdits(ref, []);
    expect(serializeOverlay(o)).toBe(
      serializeOverlay(ref).replace('d="m 6,6 l 2,0 0,2 z"', 'd="M 6,6 L 9,6 L 9,9 Z"'),
    );
    applyEdits(o, [{ kind: 'replace', name: 'A', paths: ['M 6,6 L 9,6 L 9,9 Z'] }]);
    const [a] = layerShapes(findLayer(o, 'rois')!);
    expect(a.paths.map((p) => p.getAttribute('id'))).toEqual(['p2']);
    // a node inserted in p1: Inkscape's node types follow the nodes (the new one from its geometry)
    const o2 = parseOverlay(SHAPE);
    applyEdits(o2, [
      { kind: 'replace', name: 'A', paths: ['M 1,1 L 2,1 C 2.5,1 3,1.5 3,2 Z', 'm 6,6 l 2,0 0,2 z'] },
    ]);
    expect(
      layerShapes(findLayer(o2, 'rois')!)[0].paths.map((p) => [
        p.getAttribute('id'),
        p.getAttribute('sodipodi:nodetypes'),
      ]),
    ).toEqual([
      ['p1', 'cccc'],
      ['p2', null],
    ]);
    // the label stays: pycortex re-places labels itself (§6.7)
    expect(serializeOverlay(o)).toContain('<text x="1" y="1">A</text>');
  });
});
