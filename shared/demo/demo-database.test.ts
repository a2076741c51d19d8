import { describe, expect, it } from 'vitest';
import { traceBoundaryLoops, twoLongestLoops } from '../flatmap/boundary.js';
import { labelImage } from '../flatmap/compose.js';
import { buildFlatDelaunay } from '../flatmap/flat-delaunay.js';
import { buildFlatMask } from '../flatmap/flat-mask.js';
import { imageGrid } from '../flatmap/image-grid.js';
import { buildPixelSampling } from '../flatmap/pixel-map.js';
import { parseCtab } from '../formats/ctab.js';
import { parseGiftiSurface } from '../formats/gifti.js';
import { readNifti } from '../formats/nifti.js';
import { parseNpz } from '../formats/npy.js';
import { findLayer, layerShapes, parseOverlay, topLayers } from '../formats/overlay-svg.js';
import { invertAffine, multiply4, parseXfm } from '../formats/xfm.js';
import type { Surface } from '../subject.js';
import { LABEL_SETS, SULCI } from './anatomy.js';
import { DEMO_SUBJECT, DEMO_TRANSFORM, buildDemoModel, generateDemoDatabase } from './demo-database.js';
import { BRAIN } from './hemisphere.js';

const files = generateDemoDatabase();
const byPath = new Map(files.map((f) => [f.path, f.bytes]));
const bytes = (path: string) => {
  const b = byPath.get(`${DEMO_SUBJECT}/${path}`);
  if (!b) throw new Error(`demo database has no ${path}`);
  return b;
};
const text = (path: string) => new TextDecoder().decode(bytes(path));
const surface = (type: string, hemi: string) => parseGiftiSurface(text(`surfaces/${type}_${hemi}.gii`));
const { hemis, frame } = buildDemoModel();

/** Twice the signed area of flat triangle t (x, y columns of a surface). */
function signedArea(s: Surface, t: number): number {
  const [a, b, c] = [0, 1, 2].map((k) => 3 * s.triangles[3 * t + k]);
  const p = s.points;
  return (p[b] - p[a]) * (p[c + 1] - p[a + 1]) - (p[c] - p[a]) * (p[b + 1] - p[a + 1]);
}

describe('demo database files', () => {
  it('are byte-identical on every generation', async () => {
    await new Promise((r) => setTimeout(r, 2100)); // time stamps in zip/gzip headers would differ by now
    const again = generateDemoDatabase();
    expect(again.map((f) => f.path)).toEqual(files.map((f) => f.path));
    const differing = again.filter((f, i) => !Buffer.from(f.bytes).equals(Buffer.from(files[i].bytes)));
    expect(differing.map((f) => f.path)).toEqual([]);
  });

  it('follow the pycortex subject layout and stay a few MB', () => {
    const paths = files.map((f) => f.path).filter((p) => p.startsWith('demo/'));
    const expected = [
      ...['wm', 'pia', 'fiducial', 'inflated', 'flat'].flatMap((t) => [
        `surfaces/${t}_lh.gii`,
        `surfaces/${t}_rh.gii`,
      ]),
      'surface-info/curvature.npz',
      `transforms/${DEMO_TRANSFORM}/matrices.xfm`,
      `transforms/${DEMO_TRANSFORM}/reference.nii.gz`,
      'templates/prf-visualrois.nii.gz',
      'templates/prf-visualrois.mgz.ctab',
      'templates/floc-places.nii.gz',
      'templates/floc-places.mgz.ctab',
      'overlays.svg',
    ].map((p) => `demo/${p}`);
    expect([...paths].sort()).toEqual([...expected].sort());
    // the subject folder is the only directory at the top: pycortex takes every directory for a subject
    expect(new Set(files.filter((f) => f.path.includes('/')).map((f) => f.path.split('/')[0]))).toEqual(
      new Set(['demo']),
    );
    const total = files.reduce((s, f) => s + f.bytes.length, 0);
    console.log(`demo database: ${files.length} files, ${(total / 1e6).toFixed(2)} MB`);
    expect(total).toBeGreaterThan(1e6);
    expect(total).toBeLessThan(6e6);
  });
});

describe('demo surfaces', () => {
  it('have different vertex counts per hemisphere, like real subjects', () => {
    expect([hemis.lh.wm.points.length / 3, hemis.rh.wm.points.length / 3]).toEqual([10242, 10454]);
  });

  it('round-trip through the GIFTI reader, same vertex count and order for every type', () => {
    for (const hemi of ['lh', 'rh'] as const) {
      for (const type of ['wm', 'pia', 'fiducial', 'inflated', 'flat'] as const) {
        const s = surface(type, hemi);
        const same = (a: ArrayBufferView, b: ArrayBufferView) =>
          Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
            Buffer.from(b.buffer, b.byteOffset, b.byteLength),
          );
        expect(s.points.length).toBe(hemis[hemi].wm.points.length);
        expect(same(s.points, hemis[hemi][type].points)).toBe(true);
        expect(same(s.triangles, hemis[hemi][type].triangles)).toBe(true);
      }
    }
  });

  it('are closed folded hemispheres placed like a brain, pia 2.5 mm outside wm', () => {
    for (const hemi of ['lh', 'rh'] as const) {
      const { wm, pia } = hemis[hemi];
      const n = wm.points.length / 3;
      // closed: every edge in exactly two triangles; Euler characteristic V − E + F = 2
      const edges = new Map<number, number>();
      const t = wm.triangles;
      for (let i = 0; i < t.length; i += 3)
        for (const [a, b] of [
          [t[i], t[i + 1]],
          [t[i + 1], t[i + 2]],
          [t[i + 2], t[i]],
        ])
          edges.set(
            Math.min(a, b) * n + Math.max(a, b),
            (edges.get(Math.min(a, b) * n + Math.max(a, b)) ?? 0) + 1,
          );
      expect([...edges.values()].every((c) => c === 2)).toBe(true);
      expect(n - edges.size + t.length / 3).toBe(2);
      let xmin = Infinity;
      let xmax = -Infinity;
      let outward = 0;
      let offThickness = 0;
      const c = BRAIN.centre[hemi];
      for (let v = 0; v < n; v++) {
        const x = wm.points[3 * v];
        xmin = Math.min(xmin, x);
        xmax = Math.max(xmax, x);
        const d = Math.hypot(...[0, 1, 2].map((k) => pia.points[3 * v + k] - wm.points[3 * v + k]));
        if (Math.abs(d - BRAIN.thickness) > 1e-4) offThickness++;
        const r = (p: Float32Array) =>
          Math.hypot(...[0, 1, 2].map((k) => (p[3 * v + k] - c[k]) / BRAIN.axes[k]));
        if (r(pia.points) > r(wm.points)) outward++;
      }
      if (hemi === 'lh') expect(xmax).toBeLessThan(0);
      else expect(xmin).toBeGreaterThan(0);
      expect(offThickness).toBe(0);
      expect(outward / n).toBeGreaterThan(0.97);
    }
  });

  it('have curvature with gyri positive and sulci negative, stored as float32 left/right', () => {
    const npz = parseNpz(bytes('surface-info/curvature.npz'));
    expect(Object.keys(npz).sort()).toEqual(['left', 'right']);
    for (const [key, hemi] of [
      ['left', 'lh'],
      ['right', 'rh'],
    ] as const) {
      expect(npz[key].dtype).toBe('<f4');
      const curv = npz[key].data as Float32Array;
      const { wm } = hemis[hemi];
      const c = BRAIN.centre[hemi];
      let pos = 0;
      let rPos = 0;
      let rNeg = 0;
      for (let v = 0; v < curv.length; v++) {
        const r = Math.hypot(...[0, 1, 2].map((k) => (wm.points[3 * v + k] - c[k]) / BRAIN.axes[k]));
        if (curv[v] > 0) {
          pos++;
          rPos += r;
        } else rNeg += r;
      }
      const valid = hemis[hemi].valid.reduce((a, b) => a + b, 0);
      console.log(
        `${hemi}: ${pos} gyral / ${curv.length - pos} sulcal vertices (${valid} in the flat patch)`,
      );
      expect(pos / curv.length).toBeGreaterThan(0.3);
      expect(pos / curv.length).toBeLessThan(0.8);
      // gyral crowns lie further out than sulcal fundi
      expect(rPos / pos).toBeGreaterThan(rNeg / (curv.length - pos));
    }
  });
});

describe('demo flat patches', () => {
  it('are planar triangulations without flipped triangles, with a medial cut at (0, 0, 0)', () => {
    for (const hemi of ['lh', 'rh'] as const) {
      const flat = surface('flat', hemi);
      const n = flat.points.length / 3;
      const inPatch = new Uint8Array(n);
      for (const v of flat.triangles) inPatch[v] = 1;
      let flipped = 0;
      for (let t = 0; t < flat.triangles.length / 3; t++) if (signedArea(flat, t) <= 0) flipped++;
      expect(flipped).toBe(0);
      let cut = 0;
      let nonPlanar = 0;
      let cutAwayFromOrigin = 0;
      for (let v = 0; v < n; v++) {
        if (flat.points[3 * v + 2] !== 0) nonPlanar++;
        if (!inPatch[v]) {
          cut++;
          if (flat.points[3 * v] !== 0 || flat.points[3 * v + 1] !== 0) cutAwayFromOrigin++;
        }
      }
      expect([nonPlanar, cutAwayFromOrigin]).toEqual([0, 0]);
      console.log(`${hemi}: ${n - cut} flat vertices, ${cut} cut`);
      expect(cut).toBeGreaterThan(200);
      expect(cut).toBeLessThan(n / 5);
      // a single boundary loop per hemisphere: the patch is a disc
      const loops = traceBoundaryLoops(flat.triangles);
      expect(loops).toHaveLength(1);
      expect(loops[0][0]).toBe(loops[0][loops[0].length - 1]);
    }
  });

  it('merge with the left hemisphere on the left and the two clip loops one per hemisphere', () => {
    const [a, b] = twoLongestLoops(traceBoundaryLoops(frame.triangles));
    const side = (loop: number[]) => new Set(loop.map((v) => (v < frame.nL ? 'lh' : 'rh')));
    expect([...side(a), ...side(b)].sort()).toEqual(['lh', 'rh']);
    let wrongSide = 0;
    for (let v = 0; v < frame.nL + frame.nR; v++)
      if (frame.valid[v] && (v < frame.nL ? frame.xy[2 * v] > 0 : frame.xy[2 * v] < 0)) wrongSide++;
    expect(wrongSide).toBe(0);
  });

  it('put the occipital pole (V1) in the middle, next to the other hemisphere', () => {
    const [xmin, xmax] = frame.extents;
    const visual = LABEL_SETS[0];
    for (const hemi of ['lh', 'rh'] as const) {
      const h = hemis[hemi];
      const offset = hemi === 'lh' ? 0 : frame.nL;
      const xs: number[] = [];
      for (let v = 0; v < h.valid.length; v++) {
        const l = visual.labelAt(h.sheet[2 * v], h.sheet[2 * v + 1]);
        if (h.valid[v] && (l === 1 || l === 2)) xs.push(frame.xy[2 * (offset + v)]);
      }
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      expect(Math.abs(mean) / (xmax - xmin)).toBeLessThan(0.12);
    }
  });
});

describe('demo transform and volumes', () => {
  const xfm = parseXfm(text(`transforms/${DEMO_TRANSFORM}/matrices.xfm`));
  const ref = readNifti(bytes(`transforms/${DEMO_TRANSFORM}/reference.nii.gz`));

  it('has coord = affine⁻¹ · magnet of the reference, and the brain inside its grid', () => {
    const expected = multiply4(invertAffine(ref.affine), xfm.magnet!);
    for (let r = 0; r < 4; r++)
      for (let c = 0; c < 4; c++) expect(xfm.coord![r][c]).toBeCloseTo(expected[r][c], 12);
    expect(ref.dims).toEqual([80, 88, 68]);
    expect(ref.header.zooms).toEqual([2, 2, 2]);
    const m = xfm.coord!;
    const lo = [Infinity, Infinity, Infinity];
    const hi = [-Infinity, -Infinity, -Infinity];
    for (const hemi of ['lh', 'rh'] as const) {
      for (const p of [hemis[hemi].wm.points, hemis[hemi].pia.points]) {
        for (let v = 0; v < p.length; v += 3) {
          for (let k = 0; k < 3; k++) {
            const i = m[k][0] * p[v] + m[k][1] * p[v + 1] + m[k][2] * p[v + 2] + m[k][3];
            lo[k] = Math.min(lo[k], i);
            hi[k] = Math.max(hi[k], i);
          }
        }
      }
    }
    console.log(
      `surfaces span voxels ${lo.map((l, k) => `${l.toFixed(1)}..${hi[k].toFixed(1)}`).join(', ')} of ${ref.dims.join('×')}`,
    );
    for (let k = 0; k < 3; k++) {
      expect(lo[k]).toBeGreaterThan(1);
      expect(hi[k]).toBeLessThan(ref.dims[k] - 2);
    }
  });

  it('has an EPI-like reference: dark outside, brighter inside the head', () => {
    const d = ref.data;
    const [nx, ny] = ref.dims;
    const corner = d[0];
    const centre = d[40 + nx * (44 + ny * 34)];
    expect(ref.header.datatype).toBe(4);
    expect(corner).toBeLessThan(100);
    expect(centre).toBeGreaterThan(400);
  });

  for (const set of LABEL_SETS) {
    it(`template ${set.name}: reference shape, int16, −1/0/1..${set.labels.length}, every label in both hemispheres`, () => {
      const vol = readNifti(bytes(`templates/${set.name}.nii.gz`));
      expect(vol.dims).toEqual(ref.dims);
      expect(vol.affine).toEqual(ref.affine);
      expect(vol.header.datatype).toBe(4);
      const table = parseCtab(text(`templates/${set.name}.mgz.ctab`));
      expect(table.map((e) => [e.index, e.name])).toEqual([
        [0, 'Unknown'],
        ...set.labels.map((name, i) => [i + 1, name]),
      ]);
      const counts = new Map<string, number>();
      const [nx, ny] = vol.dims;
      let bad = 0;
      for (let idx = 0; idx < vol.data.length; idx++) {
        const v = vol.data[idx];
        if (!Number.isInteger(v) || v < -1 || v > set.labels.length) bad++;
        if (v <= 0) continue;
        const i = idx % nx;
        const j = Math.floor(idx / nx) % ny;
        const k = Math.floor(idx / (nx * ny));
        const worldX = ref.affine[0][0] * i + ref.affine[0][1] * j + ref.affine[0][2] * k + ref.affine[0][3];
        const key = `${set.labels[v - 1]} ${worldX < 0 ? 'lh' : 'rh'}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      expect(bad).toBe(0);
      console.log(`${set.name}: ${[...counts].map(([k, c]) => `${k} ${c}`).join(', ')}`);
      for (const name of set.labels)
        for (const hemi of ['lh', 'rh']) expect(counts.get(`${name} ${hemi}`) ?? 0).toBeGreaterThan(20);
      const ribbon = vol.data.filter((v) => v >= 0).length;
      expect(ribbon / vol.data.length).toBeGreaterThan(0.03);
      expect(ribbon / vol.data.length).toBeLessThan(0.3);
    });
  }

  it('labels show as regions on the flatmap (pycortex mid-depth sampling)', () => {
    const height = 256;
    const mask = buildFlatMask(frame, height);
    const pia = new Float32Array([...hemis.lh.pia.points, ...hemis.rh.pia.points]);
    const wm = new Float32Array([...hemis.lh.wm.points, ...hemis.rh.wm.points]);
    const sampling = buildPixelSampling({
      delaunay: buildFlatDelaunay(frame),
      mask,
      grid: imageGrid(frame.extents, height),
      pia,
      wm,
      coord: xfm.coord!,
      shape: ref.dims,
      thick: 1,
      depth: 0.5,
    });
    const vol = readNifti(bytes('templates/prf-visualrois.nii.gz'));
    const img = labelImage(sampling, vol.data);
    let onBrain = 0;
    let noRibbon = 0;
    const perLabel = new Array(8).fill(0);
    for (let p = 0; p < img.length; p++) {
      if (!mask.mask[p]) continue;
      onBrain++;
      if (Number.isNaN(img[p])) noRibbon++;
      else perLabel[img[p]]++;
    }
    console.log(
      `flatmap ${mask.width}×${height}: ${onBrain} on-brain pixels, ${noRibbon} outside the ribbon; per label ${perLabel.join(' ')}`,
    );
    expect(noRibbon / onBrain).toBeLessThan(0.01);
    for (let l = 1; l <= 7; l++) expect(perLabel[l]).toBeGreaterThan(40);
  });
});

describe('demo overlays.svg', () => {
  const overlay = parseOverlay(text('overlays.svg'));

  it('has the layers pycortex creates and named sulci with one open safe-subset path per hemisphere', () => {
    expect(topLayers(overlay).map((l) => l.name)).toEqual(['data', 'rois', 'sulci', 'cutouts', 'display']);
    for (const l of topLayers(overlay).slice(1)) expect(l.shapes && l.labels).toBeTruthy();
    const sulci = layerShapes(findLayer(overlay, 'sulci')!);
    expect(sulci.map((s) => s.name)).toEqual(SULCI.map((s) => s.name));
    const pair = String.raw`\d+(\.\d{1,4})?,\d+(\.\d{1,4})?`;
    const safe = new RegExp(`^M ${pair}( L ${pair})+$`);
    for (const s of sulci) {
      expect(s.paths).toHaveLength(2);
      for (const p of s.paths) expect(p.getAttribute('d')).toMatch(safe);
    }
    expect(layerShapes(findLayer(overlay, 'rois')!)).toEqual([]);
  });

  it('draws sulci inside the flatmap, along negative curvature', () => {
    const { width, height } = overlay;
    const [xmin, xmax, ymin, ymax] = frame.extents;
    const curv = new Float32Array([...hemis.lh.curvature, ...hemis.rh.curvature]);
    let points = 0;
    let sulcal = 0;
    let outside = 0;
    for (const s of layerShapes(findLayer(overlay, 'sulci')!)) {
      for (const path of s.paths) {
        for (const pair of path.getAttribute('d')!.match(/[\d.]+,[\d.]+/g)!) {
          const [sx, sy] = pair.split(',').map(Number);
          if (!(sx > 0 && sx < width && sy > 0 && sy < height)) outside++;
          const fx = xmin + (sx / width) * (xmax - xmin);
          const fy = ymax - (sy / height) * (ymax - ymin);
          let best = -1;
          let bestD = Infinity;
          for (let v = 0; v < curv.length; v++) {
            if (!frame.valid[v]) continue;
            const d = (frame.xy[2 * v] - fx) ** 2 + (frame.xy[2 * v + 1] - fy) ** 2;
            if (d < bestD) {
              bestD = d;
              best = v;
            }
          }
          points++;
          if (curv[best] < 0) sulcal++;
        }
      }
    }
    console.log(`sulci: ${sulcal} of ${points} path points on sulcal (curvature < 0) vertices`);
    expect(outside).toBe(0);
    expect(sulcal / points).toBeGreaterThan(0.9);
  });
});
