import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { labelLut } from '../../shared/flatmap/colormaps.js';
import { parseNpy } from '../../shared/formats/npy.js';
import { goldenPath, imageAgreement, readNpzFile } from '../testing/flatmap-fixtures.js';
import { runCli } from '../testing/cli-process.js';
import { SHARED, SHARED_DB } from '../testing/shared-data.js';

const temps: string[] = [];

const cli = (args: string[], home: string) => runCli(['flatmap', ...args], { home });

afterAll(async () => {
  for (const d of temps) await rm(d, { recursive: true, force: true });
});

describe.skipIf(!SHARED)('roi-studio flatmap (child process)', () => {
  const template = join(SHARED_DB, 'sub-hcp32k', 'templates', 'prf-visualrois.nii.gz');
  const base = ['--db', SHARED_DB, '--subject', 'sub-hcp32k', '--xfm', 'func2mm', '--volume', template];

  it('writes the .npy pycortex make_flatmap_image returns, and caches the pixel map', async () => {
    const home = await mkdtemp(join(tmpdir(), 'roi-studio-cli-'));
    temps.push(home);
    const out = join(home, 'out', 'prf.npy');
    const first = await cli([...base, '--out', out], home);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/2515×1024, 1462598 pixels with values \(pixel map computed\)/);
    const npy = parseNpy(new Uint8Array(await readFile(out)));
    expect([npy.dtype, npy.shape, npy.fortranOrder]).toEqual(['<f4', [1024, 2515], false]);
    const golden = await readNpzFile(goldenPath('sub-hcp32k', 'flatmap_func2mm_prf-visualrois.npz'));
    const a = imageAgreement(npy.data as Float32Array, golden.img.data as Float32Array);
    console.log(
      `CLI .npy vs pycortex (prf-visualrois, thick 32): NaN masks ${(100 * a.nanAgreement).toFixed(4)} %, values ${(100 * a.valueAgreement).toFixed(4)} %`,
    );
    expect(a.nanAgreement).toBeGreaterThanOrEqual(0.999);
    expect(a.valueAgreement).toBeGreaterThanOrEqual(0.999);
    expect(await readdir(join(home, 'cache', 'pixel-maps'))).toHaveLength(1);
    const again = await cli([...base, '--out', out], home);
    expect(again.stdout).toMatch(/pixel map from cache/);
  });

  it('writes a .png: curvature greys under crisp labels, transparent off the brain', async () => {
    const home = await mkdtemp(join(tmpdir(), 'roi-studio-cli-'));
    temps.push(home);
    const out = join(home, 'prf.png');
    const r = await cli([...base, '--thick', '1', '--out', out], home);
    expect(r.code).toBe(0);
    const png = PNG.sync.read(await readFile(out));
    expect([png.width, png.height]).toEqual([2515, 1024]);
    const golden = await readNpzFile(goldenPath('sub-hcp32k', 'flatmap_func2mm_prf-visualrois_thick1.npz'));
    const img = golden.img.data as Float32Array;
    const labels = labelLut();
    let checked = 0;
    for (let p = 0; p < img.length; p += 97) {
      const [red, green, blue, alpha] = png.data.subarray(4 * p, 4 * p + 4);
      if (Number.isNaN(img[p])) expect(alpha).toBe(0);
      else if (img[p] <= 0) {
        // unlabelled cortex or outside the ribbon: the curvature grey shows through
        expect([red, green, blue, alpha]).toSatisfy(
          (c: number[]) => c[3] === 255 && c[0] === c[1] && c[1] === c[2] && (c[0] === 96 || c[0] === 160),
        );
        checked++;
      } else {
        expect([red, green, blue, alpha]).toEqual([...labels.subarray(4 * img[p], 4 * img[p] + 4)]);
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('fails with one line naming the problem', async () => {
    const home = await mkdtemp(join(tmpdir(), 'roi-studio-cli-'));
    temps.push(home);
    const missing = await cli(
      [...base.slice(0, -1), join(home, 'nope.nii.gz'), '--out', join(home, 'x.npy')],
      home,
    );
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/^roi-studio: .*nope\.nii\.gz: file not found\n$/);
    const ext = await cli([...base, '--out', join(home, 'x.tif')], home);
    expect(ext.code).toBe(2);
    expect(ext.stderr).toMatch(/--out must end in \.npy or \.png/);
    const shape = await cli(
      [
        ...base.slice(0, -1),
        join(SHARED_DB, 'S1', 'transforms', 'fullhead', 'reference.nii.gz'),
        '--out',
        join(home, 'x.npy'),
      ],
      home,
    );
    expect(shape.code).not.toBe(0);
    expect(shape.stderr).toMatch(/differs from the reference shape 80×99×75/);
    expect(await readdir(home)).not.toContain('x.npy');
  });
});
