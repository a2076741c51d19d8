import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { findLayer, layerShapes, parseOverlay } from '../../../shared/formats/overlay-svg.js';
import { GOLDEN, SHARED, SHARED_DB } from '../../testing/shared-data.js';
import { exportFigure } from './figures.js';

const overlay = join(GOLDEN, 'sub-hcp32k', 'overlays-rois.svg');
const volume = join(SHARED_DB, 'sub-hcp32k', 'templates', 'prf-visualrois.nii.gz');

describe.skipIf(!SHARED)('figure export (sub-hcp32k, compared with pycortex make_figure.png)', () => {
  it('PNG at 100 dpi: same size, the same curvature greys, ROI outlines where pycortex draws them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roi-studio-figure-'));
    const out = join(dir, 'fig.png');
    const cacheDir = join(dir, 'cache');
    await exportFigure(SHARED_DB, {
      subject: 'sub-hcp32k',
      out,
      volume,
      transform: 'func2mm',
      overlay,
      cacheDir,
    });
    const ours = PNG.sync.read(await readFile(out));
    const theirs = PNG.sync.read(await readFile(join(GOLDEN, 'sub-hcp32k', 'make_figure.png')));
    expect([ours.width, ours.height]).toEqual([theirs.width, theirs.height]);
    const W = ours.width;
    const grey = (d: Buffer, i: number) =>
      d[4 * i + 3] === 255 &&
      d[4 * i] === d[4 * i + 1] &&
      d[4 * i + 1] === d[4 * i + 2] &&
      (d[4 * i] === 96 || d[4 * i] === 160);
    let both = 0;
    let same = 0;
    for (let i = 0; i < W * ours.height; i++)
      if (grey(theirs.data, i) && grey(ours.data, i)) {
        both++;
        if (theirs.data[4 * i] === ours.data[4 * i]) same++;
      }
    const white = (d: Buffer, i: number) =>
      d[4 * i] > 230 && d[4 * i + 1] > 230 && d[4 * i + 2] > 230 && d[4 * i + 3] > 200;
    const onBrain = (i: number) => ours.data[4 * i + 3] > 0;
    let outline = 0;
    let matched = 0;
    for (let y = 6; y < ours.height * 0.85; y++)
      for (let x = 6; x < W - 6; x++) {
        const i = y * W + x;
        if (![-5, 0, 5].every((dy) => [-5, 0, 5].every((dx) => onBrain(i + dy * W + dx)))) continue;
        if (!white(theirs.data, i)) continue;
        outline++;
        let near = false;
        for (let dy = -3; dy <= 3 && !near; dy++)
          for (let dx = -3; dx <= 3 && !near; dx++) near = white(ours.data, i + dy * W + dx);
        if (near) matched++;
      }
    console.log(
      `figure vs pycortex: curvature grey identical on ${((100 * same) / both).toFixed(3)} % of ${both} pixels; ${((100 * matched) / outline).toFixed(1)} % of pycortex's ${outline} outline/label pixels have ours within 3 px`,
    );
    expect(both).toBeGreaterThan(1_000_000);
    expect(same / both).toBe(1);
    // outlines clipped to the cortex, and names in the same font at the same place
    expect(matched / outline).toBeGreaterThanOrEqual(0.95);

    // too large to draw: refused before any work, naming the dpi that fits, nothing written
    const huge = join(dir, 'huge.png');
    await expect(
      exportFigure(SHARED_DB, { subject: 'sub-hcp32k', out: huge, dpi: 2400, overlay, cacheDir }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      file: huge,
      message: expect.stringMatching(
        /at 2400 dpi the figure would be 60360×24576 pixels.*; 1020 dpi is the most/,
      ),
    });
    await expect(readFile(huge)).rejects.toThrow(/ENOENT/);
    await exportFigure(SHARED_DB, { subject: 'sub-hcp32k', out: huge, dpi: 10, overlay, cacheDir });

    const half = join(dir, 'half.png');
    await exportFigure(SHARED_DB, { subject: 'sub-hcp32k', out: half, dpi: 50, overlay, cacheDir });
    const small = PNG.sync.read(await readFile(half));
    expect([small.width, small.height]).toEqual([1258, 512]);
  }, 120_000);

  it('SVG: the flatmap as an embedded PNG, one outline and one name per ROI path, a colour bar for continuous data', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roi-studio-figure-'));
    const out = join(dir, 'fig.svg');
    await exportFigure(SHARED_DB, {
      subject: 'sub-hcp32k',
      out,
      volume: join(SHARED_DB, 'sub-hcp32k', 'transforms', 'func2mm', 'reference.nii.gz'),
      transform: 'func2mm',
      overlay,
      rois: ['BOTH_hemis', 'T00_abs-line'],
      cacheDir: join(dir, 'cache'),
    });
    const svg = await readFile(out, 'utf8');
    expect(svg).toMatch(/^<svg [^>]*width="2515" height="1024"/);
    expect(svg).toContain('xlink:href="data:image/png;base64,iVBOR');
    expect(svg.match(/<path d="M [^"]*" style="fill:none/g)).toHaveLength(3);
    // outlines cut by the overlay's edgeclip, as pycortex's shapes group is
    expect(svg).toMatch(/<clipPath id="rois-clip"><path d="M [^"]+Z M [^"]+Z"\/><\/clipPath>/);
    expect(svg).toContain('<g clip-path="url(#rois-clip)">');
    expect(svg.match(/>BOTH_hemis<\/text>/g)).toHaveLength(2);
    expect(svg).toContain('<g id="colorbar">');
  }, 120_000);

  it('SVG with a legacy rois.svg as its overlay (S1): the ROIs of pycortex’s conversion', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roi-studio-figure-'));
    const out = join(dir, 'fig.svg');
    const legacy = join(SHARED!, 'data', 'extra', 'S1-legacy-rois.svg');
    await exportFigure(SHARED_DB, { subject: 'S1', out, overlay: legacy, cacheDir: join(dir, 'cache') });
    // its ROI layers under rois/shapes of a pycortex overlay, with the test ROIs added (T00…, BOTH_hemis)
    const converted = await readFile(join(GOLDEN, 'S1', 'overlays-rois.svg'), 'utf8');
    const shapes = layerShapes(findLayer(parseOverlay(converted), 'rois')!).filter(
      (s) => !/^T\d\d_|^BOTH_hemis$/.test(s.name),
    );
    const svg = await readFile(out, 'utf8');
    expect(shapes).toHaveLength(26);
    expect(svg.match(/<path d="M [^"]*" style="fill:none/g)).toHaveLength(52);
    for (const s of shapes) expect(svg.split(`>${s.name}</text>`), s.name).toHaveLength(3);
  }, 120_000);

  it('refuses other extensions and unknown colour maps', async () => {
    await expect(
      exportFigure(SHARED_DB, { subject: 'sub-hcp32k', out: '/tmp/x.jpg', cacheDir: '/tmp' }),
    ).rejects.toThrow(/\.png or \.svg/);
  });
});

describe('figure options', () => {
  it('refuses each option just past its API limit before reading anything, naming the bound', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roi-studio-figure-limits-'));
    const base = { subject: 'S1', out: join(dir, 'fig.png'), cacheDir: join(dir, 'cache') };
    for (const [option, value, bound] of [
      ['height', 8193, /height must be an integer from 16 to 8192 pixels, got 8193/],
      ['height', 15, /height must be an integer from 16 to 8192 pixels, got 15/],
      ['opacity', 1.5, /opacity must be a number from 0 to 1, got 1.5/],
      ['linewidth', -1, /linewidth must be a number from 0 to 100, got -1/],
      ['labelsize', 501, /labelsize must be a number from 0 to 500, got 501/],
      ['labelsize', Number.POSITIVE_INFINITY, /labelsize must be a number from 0 to 500/],
    ] as const)
      await expect(
        exportFigure(join(dir, 'no-database'), { ...base, [option]: value }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(bound) });
    await expect(readFile(base.out)).rejects.toThrow(/ENOENT/);
  });
});
