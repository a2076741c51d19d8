import { describe, expect, it } from 'vitest';
import { parseGiftiSurface } from '../formats/gifti.js';
import { parseNpz } from '../formats/npy.js';
import { DEMO_SUBJECT, DEMO_TRANSFORM, generateDemoDatabase } from './demo-database.js';

const files = generateDemoDatabase();
const byPath = new Map(files.map((f) => [f.path, f.bytes]));
const text = (path: string) => new TextDecoder().decode(byPath.get(`${DEMO_SUBJECT}/${path}`));

describe('demo database', () => {
  it('is byte-identical on every generation', async () => {
    await new Promise((r) => setTimeout(r, 2100)); // zip/gzip time stamps would differ now
    const again = generateDemoDatabase();
    expect(again.map((f) => f.path)).toEqual(files.map((f) => f.path));
    for (let i = 0; i < files.length; i++)
      expect(Buffer.from(again[i].bytes).equals(Buffer.from(files[i].bytes)), files[i].path).toBe(true);
  });

  it('has the pycortex subject layout and stays small', () => {
    const paths = files.map((f) => f.path);
    for (const type of ['wm', 'pia', 'inflated', 'flat'])
      for (const hemi of ['lh', 'rh']) expect(paths).toContain(`demo/surfaces/${type}_${hemi}.gii`);
    expect(paths).toContain(`demo/transforms/${DEMO_TRANSFORM}/matrices.xfm`);
    expect(paths).toContain(`demo/transforms/${DEMO_TRANSFORM}/reference.nii.gz`);
    expect(paths).toContain('demo/overlays.svg');
    expect(paths).toContain('demo/surface-info/curvature.npz');
    const total = files.reduce((s, f) => s + f.bytes.length, 0);
    console.log(`demo database: ${files.length} files, ${(total / 1e6).toFixed(2)} MB`);
    expect(total).toBeLessThan(6e6);
  });

  it('surfaces share vertex count and order; curvature matches', () => {
    const wm = parseGiftiSurface(text('surfaces/wm_lh.gii'));
    const flat = parseGiftiSurface(text('surfaces/flat_lh.gii'));
    expect(flat.points.length).toBe(wm.points.length);
    const curv = parseNpz(byPath.get('demo/surface-info/curvature.npz')!);
    expect(curv.left.dtype).toBe('<f4');
    expect(curv.left.shape).toEqual([wm.points.length / 3]);
  });
});
