import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED } from '../../electron/testing/shared-data.js';
import { describeOverlay } from '../formats/overlay-snapshot.js';
import { upgradeLegacyLayout } from '../formats/overlay-legacy.js';
import { findLayer, layerShapes, parseOverlay } from '../formats/overlay-svg.js';
import { MAX_PATH_COMMANDS } from '../formats/svg-path.js';
import { pathIssues } from './compat.js';
import {
  CLOSEPOLY,
  CURVE4,
  LINETO,
  MOVETO,
  PathLimitError,
  PycortexPathError,
  parsePycortexPath,
} from './pycortex-path.js';

const codes = (d: string) => pathIssues(d).map((i) => i.code);

describe('parsePycortexPath (pycortex quirks)', () => {
  it('reads the safe subset like SVG', () => {
    const p = parsePycortexPath('M 1,2 L 3,4 C 5,6 7,8 9,10 Z');
    expect([...p.codes]).toEqual([MOVETO, LINETO, CURVE4, CURVE4, CURVE4, CLOSEPOLY]);
    expect([...p.xy]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0, 0]);
  });
  it('B1: absolute H/V zero the other coordinate', () => {
    expect([...parsePycortexPath('M 5,5 H 10 V 20').xy]).toEqual([5, 5, 10, 0, 0, 20]);
  });
  it('B2: the pen is not reset by z', () => {
    expect([...parsePycortexPath('m 10,10 l 10,0 z m 1,1').xy].slice(-2)).toEqual([21, 11]);
  });
  it('B3: one-character numbers are commands, other separators break parsing', () => {
    // "5" and "3" become modes: the h/v steps silently vanish
    expect([...parsePycortexPath('m 10,10 h 5 v 3').xy]).toEqual([10, 10]);
    expect(() => parsePycortexPath('m 10,10 h 5 1,1')).toThrow(PycortexPathError);
    expect(() => parsePycortexPath('M 1,2  L 3,4')).toThrow(PycortexPathError);
    expect(() => parsePycortexPath('M 10 20 L 30 40')).toThrow(PycortexPathError);
    expect(() => parsePycortexPath('M1,2 L3,4')).toThrow(PycortexPathError);
    expect(() => parsePycortexPath('M 1,2 Q 3,4 5,6')).toThrow(/not supported/);
  });
});

describe('pathIssues', () => {
  it('finds nothing in the safe subset or in Inkscape relative paths', () => {
    expect(codes('M 1,2 L 3,4 C 5,6 7,8 9,10 Z')).toEqual([]);
    expect(codes('m 496.09375,303.09375 c 3.08195,3.37956 3.363,9.24978 13.125,16.90625 l 5,5 z')).toEqual(
      [],
    );
    expect(codes('M 9.372713e+02,4.204178e+02 9.402392e+02,4.268675e+02 9.4e+02,4.3e+02 z')).toEqual([]);
  });
  it('names each pycortex divergence', () => {
    expect(codes('M 1,2 H 10 L 3,4 Z')).toEqual(['ABSOLUTE_HV']);
    expect(codes('m 10,10 l 10,0 l 0,10 z m 5,5 l 1,1 z')).toEqual(['Z_THEN_RELATIVE_M']);
    expect(codes('M 1,2 Q 3,4 5,6 Z')).toContain('UNSUPPORTED_COMMAND');
    expect(codes('M 1,2 A 3,4 0 0 1 5,6 Z')).toContain('UNSUPPORTED_COMMAND');
    expect(codes('m 10,10 h 5 v 5 z')).toEqual(['SHORT_TOKEN']);
    expect(codes('M 1,2\nL 3,4 Z')).toEqual(['WHITESPACE']);
    expect(codes('M1,2 L3,4 Z')).toEqual(['WHITESPACE']);
    expect(codes('M 1,2 L 3,4 M 5,6 L 7,8 Z')).toEqual(['OPEN_SUBPATH']);
    expect(codes('M 1,2 L 3')[0]).toBe('UNPARSABLE');
    expect(pathIssues('M 1,2 H 10 Z').every((i) => i.fixable)).toBe(true);
  });
  it('NaN and infinite numbers are UNPARSABLE with the reason; pycortex reading refuses a path over the command limit', () => {
    expect(pathIssues('M 1,1 L nan,2 L 3,3 Z')[0].message).toMatch(/NaN or infinite/);
    expect(pathIssues('M 1,1 L -1e999,2 L 3,3 Z')[0].message).toMatch(/-1e999 is too large \(infinite\)/);
    const long = `M 0,0 ${'L 1,1 '.repeat(MAX_PATH_COMMANDS)}Z`;
    expect(pathIssues(long).map((i) => i.code)).toEqual(['UNPARSABLE']);
    expect(() => parsePycortexPath(long)).toThrow(
      new PathLimitError(`more than ${MAX_PATH_COMMANDS} commands (the limit per path)`),
    );
    expect(parsePycortexPath(`M 0,0 ${'L 1,1 '.repeat(MAX_PATH_COMMANDS - 2)}Z`).codes).toHaveLength(
      MAX_PATH_COMMANDS,
    );
  });
  it('does not flag z then m when the pen is already back at the start', () => {
    expect(codes('m 0,0 l 10,0 l -10,0 z m 5,5 l 1,1 z')).toEqual([]);
  });
});

describe('describeOverlay', () => {
  it('warns on an empty ROI group (pycortex: "contains no splines") and on shapes outside any group', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="10" height="10">
      <g inkscape:label="rois"><g inkscape:label="shapes"><g inkscape:label="V3A"/><rect id="r" width="1" height="1"/></g><g inkscape:label="labels"/></g></svg>`;
    const { layers, issues } = describeOverlay(parseOverlay(svg));
    expect(layers[0].shapes[0].issues.map((i) => `${i.code}:${i.fixable}`)).toEqual(['EMPTY_SHAPE:false']);
    expect(issues.find((i) => i.code === 'OUTSIDE_SHAPE')?.message).toMatch(
      /^<rect id="r"> directly in "rois\/shapes"/,
    );
  });
  it('reports file-level problems that stop pycortex from loading', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="10" height="10">
      <g inkscape:label="rois"><g inkscape:label="shapes" transform="translate(5,0)"><g inkscape:label="A"><path d="M 1,1 L 2,2 Z" transform="scale(2)"/></g><g inkscape:label="A"/></g>
      <g inkscape:label="labels"><text>A</text></g></g>
      <g inkscape:label="Layer 1"/><g/></svg>`;
    const { layers, issues } = describeOverlay(parseOverlay(svg));
    expect(issues.map((i) => i.code).sort()).toEqual([
      'LAYER_WITHOUT_LABEL',
      'LAYER_WITHOUT_SUBLAYERS',
      'MISSING_DEFAULT_LAYERS',
      'TEXT_WITHOUT_XY',
    ]);
    const a = layers[0].shapes[0];
    expect(a.issues.map((i) => `${i.code}:${i.fixable}`)).toEqual([
      'TRANSFORM:true',
      'TRANSFORM:false',
      'DUPLICATE_NAME:false',
    ]);
  });

  const legacy = SHARED ? join(SHARED, 'data', 'extra', 'S1-legacy-rois.svg') : '';
  it.skipIf(!legacy || !existsSync(legacy))(
    'reads the real Inkscape legacy file (svg:-prefixed, relative paths)',
    () => {
      const o = parseOverlay(readFileSync(legacy, 'utf8'));
      expect(o.width).toBe(1960.49635354);
      // as an overlay, pycortex would refuse it (legacy layout, §6.10) — and we say so
      expect(describeOverlay(o).issues.map((i) => i.code)).toContain('LAYER_WITHOUT_SUBLAYERS');
      expect(upgradeLegacyLayout(o)).toBe(true);
      expect(describeOverlay(o).issues).toEqual([]);
      const shapes = layerShapes(findLayer(o, 'rois')!);
      const names = shapes.map((s) => s.name);
      console.log(
        `legacy rois.svg: ${shapes.length} ROIs, ${shapes.reduce((n, s) => n + s.paths.length, 0)} paths`,
      );
      expect(names.length).toBeGreaterThan(20);
      for (const n of ['V1', 'V2', 'FFA', 'PPA', 'V3A']) expect(names).toContain(n);
      for (const s of shapes)
        for (const p of s.paths) {
          const d = p.getAttribute('d') ?? '';
          expect(() => parsePycortexPath(d), `${s.name}: ${d.slice(0, 40)}`).not.toThrow();
          expect(pathIssues(d), s.name).toEqual([]);
        }
    },
  );
});
