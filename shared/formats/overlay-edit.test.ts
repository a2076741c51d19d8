import { describe, expect, it } from 'vitest';
import { OverlayEditError, applyEdits } from './overlay-edit.js';
import { findLayer, layerShapes, parseOverlay, serializeOverlay } from './overlay-svg.js';

const SRC = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="10" height="10">
  <g inkscape:label="rois" id="rois">
    <g inkscape:label="shapes" id="rois_shapes"/>
    <g inkscape:label="labels" id="rois_labels">
    </g>
  </g>
</svg>
`;

describe('applyEdits', () => {
  it('adds an ROI pycortex-style, indented, escaped, with a label per path and the default layers', () => {
    const o = parseOverlay(SRC);
    applyEdits(o, [
      { kind: 'add', name: 'A b>', paths: ['m 1,1 h 4 v 4 z', 'M 6,6 L 9,6 L 9,9 Z'], label: true },
    ]);
    const out = serializeOverlay(o);
    expect(out).toContain(`    <g inkscape:label="shapes" id="rois_shapes">
      <g id="A_b_" style="display:inline;" inkscape:label="A b&gt;" inkscape:groupmode="layer">
        <path id="A_b__path1" d="M 1,1 L 5,1 L 5,5 Z"/>
        <path id="A_b__path2" d="M 6,6 L 9,6 L 9,9 Z"/>
      </g>
    </g>
    <g inkscape:label="labels" id="rois_labels">
      <text x="3.6667" y="2.3333" style="text-anchor:middle;">A b&gt;</text>
      <text x="8" y="7" style="text-anchor:middle;">A b&gt;</text>
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
});
