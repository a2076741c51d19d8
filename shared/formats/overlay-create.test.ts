import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { GOLDEN, SHARED, SHARED_DB, SKIP_REASON } from '../../electron/testing/shared-data.js';
import { buildFlatFrame, svgSizeFor } from '../flatmap/flat-frame.js';
import { parseGiftiSurface } from './gifti.js';
import { clipPathData, createOverlaySvg, overlayClipLoops, percentF } from './overlay-create.js';

describe('percentF', () => {
  it("matches Python's '%f' including round-half-even on exact ties", () => {
    expect([0.0078125, 0.0234375, -0.0078125, 1000.0078125, 1.5, 653.026001, 0, -0].map(percentF)).toEqual([
      '0.007812',
      '0.023438',
      '-0.007812',
      '1000.007812',
      '1.500000',
      '653.026001',
      '0.000000',
      '-0.000000',
    ]);
  });
});

describe('createOverlaySvg', () => {
  const svg = createOverlaySvg({
    width: 2515.27099609375,
    height: 1024,
    clipLoops: [Float32Array.from([1, 2, 3, 4, 5, 6, 1, 2]), Float32Array.from([7, 8, 9, 10, 11, 12, 7, 8])],
    sulci: [{ name: 'CS', paths: ['M 1.5,2.5 L 3.5,4.5'] }],
  });

  it('has the root size strings and every layer pycortex needs (shapes + labels)', () => {
    expect(svg).toContain('width="2515.27099609375" height="1024.0" id="svg2" version="1.1"');
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const SVG = 'http://www.w3.org/2000/svg';
    const INK = 'http://www.inkscape.org/namespaces/inkscape';
    const root = doc.documentElement!;
    const layers = Array.from(root.childNodes).filter(
      (n) => n.nodeType === 1 && (n as Element).localName === 'g',
    ) as Element[];
    expect(layers.map((g) => g.getAttributeNS(INK, 'label'))).toEqual([
      'data',
      'rois',
      'sulci',
      'cutouts',
      'display',
    ]);
    for (const g of layers.slice(1)) {
      const subs = Array.from(g.childNodes).filter((n) => n.nodeType === 1) as Element[];
      expect(subs.map((s) => [s.namespaceURI, s.getAttributeNS(INK, 'label')])).toEqual([
        [SVG, 'shapes'],
        [SVG, 'labels'],
      ]);
      expect(subs[0].getAttribute('clip-path')).toBe('url(#edgeclip)');
    }
    const shapes = doc.getElementById('sulci_shapes')!;
    const cs = Array.from(shapes.childNodes).find((n) => n.nodeType === 1) as Element;
    expect(cs.getAttributeNS(INK, 'label')).toBe('CS');
    expect(cs.getElementsByTagNameNS(SVG, 'path')[0].getAttribute('d')).toBe('M 1.5,2.5 L 3.5,4.5');
  });

  it('writes the clip path in pycortex text form', () => {
    expect(clipPathData([Float32Array.from([1, 2, 3, 4, 1, 2])])).toBe(
      'M1.000000 2.000000 L3.000000 4.000000, 1.000000 2.000000Z ',
    );
    expect(svg).toContain(
      'd="M1.000000 2.000000 L3.000000 4.000000, 5.000000 6.000000, 1.000000 2.000000Z M7.000000',
    );
  });
});

describe.skipIf(!SHARED)(`createOverlaySvg vs pycortex on S1 (${SHARED ? 'golden' : SKIP_REASON})`, () => {
  it('equals the file pycortex creates, apart from its rendered background images', () => {
    const read = (hemi: string) =>
      parseGiftiSurface(readFileSync(join(SHARED_DB, 'S1', 'surfaces', `flat_${hemi}.gii`), 'latin1'));
    const frame = buildFlatFrame({ lh: read('lh'), rh: read('rh') });
    const { width, height } = svgSizeFor(frame.extents);
    const clipLoops = overlayClipLoops(frame, height);
    const ours = createOverlaySvg({ width, height, clipLoops });
    const golden = readFileSync(join(GOLDEN, 'S1', 'overlays-created-by-pycortex.svg'), 'utf8');
    // pycortex fills the data layer with PNG renderings of curvature etc.; ours leaves it empty
    const stripData = (s: string) => s.replace(/(id="datalayer"[^>]*>)[\s\S]*?\n {2}<\/g>/, '$1</g>');
    const a = stripData(ours).split('\n');
    const b = stripData(golden).split('\n');
    console.log(
      `S1 overlay: ${a.length} lines, golden ${b.length}; clip path ${clipLoops.map((l) => l.length / 2).join(' + ')} points`,
    );
    expect(a).toEqual(b);
  });

  it('reproduces the clip path of the pycortex-made sub-hcp32k overlay exactly', () => {
    const read = (hemi: string) =>
      parseGiftiSurface(
        readFileSync(join(SHARED_DB, 'sub-hcp32k', 'surfaces', `flat_${hemi}.gii`), 'latin1'),
      );
    const frame = buildFlatFrame({ lh: read('lh'), rh: read('rh') });
    const ours = clipPathData(overlayClipLoops(frame, svgSizeFor(frame.extents).height));
    const file = readFileSync(join(SHARED_DB, 'sub-hcp32k', 'overlays.svg'), 'utf8');
    const theirs = /id="clippath" d="([^"]*)"/.exec(file)![1];
    expect(ours.length).toBe(theirs.length);
    expect(ours === theirs).toBe(true);
  });
});
