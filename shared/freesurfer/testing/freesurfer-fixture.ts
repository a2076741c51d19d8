import { gzipSync } from 'fflate';
import { encodeAnnot } from '../../formats/freesurfer-annot.js';
import {
  encodeFreeSurferCurv,
  encodeFreeSurferPatch,
  encodeFreeSurferSurface,
} from '../../formats/freesurfer-surface.js';
import { encodeMgh } from '../../formats/mgh.js';
import type { Surface } from '../../subject.js';

/**
 * A tiny FreeSurfer subject folder for tests (file path → bytes): each hemisphere an n×n grid
 * sheet (smoothwm at z = 0, white 0.5 mm below, pial 2 mm above, inflated 10 mm above), a flat patch of every
 * vertex, curv files, conformed-like 8³ volumes at c_ras (1.5, −17.25, 11.75), an NSD-style
 * label map with its table, an .annot and a .label.
 */

export const FIXTURE_SIDE = 6;
export const FIXTURE_CRAS: [number, number, number] = [1.5, -17.25, 11.75];
const N = FIXTURE_SIDE;
const NV = N * N;

export function gridSheet(z: number, x0 = 0): Surface {
  const points = new Float32Array(3 * NV);
  for (let j = 0; j < N; j++)
    for (let i = 0; i < N; i++) points.set([x0 + 3 * i, 3 * j, z + 0.1 * i * j], 3 * (j * N + i));
  const triangles: number[] = [];
  for (let j = 0; j + 1 < N; j++)
    for (let i = 0; i + 1 < N; i++) {
      const a = j * N + i;
      triangles.push(a, a + 1, a + N, a + 1, a + N + 1, a + N);
    }
  return { points, triangles: Uint32Array.from(triangles) };
}

function volume(type: 0 | 1, value: (i: number) => number): Uint8Array {
  const values = Array.from({ length: 8 * 8 * 8 }, (_, i) => value(i));
  return gzipSync(
    encodeMgh(values, type, [8, 8, 8], {
      voxelSize: [1, 1, 1],
      directions: [
        [-1, 0, 0],
        [0, 0, -1],
        [0, 1, 0],
      ],
      center: FIXTURE_CRAS,
    }),
  );
}

export function freeSurferFixture(): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const [hemi, x0] of [
    ['lh', -20],
    ['rh', 5],
  ] as const) {
    const wm = gridSheet(0, x0);
    files[`surf/${hemi}.smoothwm`] = encodeFreeSurferSurface(wm);
    files[`surf/${hemi}.white`] = encodeFreeSurferSurface(gridSheet(-0.5, x0));
    files[`surf/${hemi}.pial`] = encodeFreeSurferSurface(gridSheet(2, x0));
    files[`surf/${hemi}.inflated`] = encodeFreeSurferSurface(gridSheet(10, x0));
    const ramp = (k: number) => Array.from({ length: NV }, (_, v) => k * (v - NV / 2));
    files[`surf/${hemi}.curv`] = encodeFreeSurferCurv(ramp(0.01));
    files[`surf/${hemi}.sulc`] = encodeFreeSurferCurv(ramp(0.1));
    files[`surf/${hemi}.thickness`] = encodeFreeSurferCurv(ramp(0).map((_, v) => 2 + v / NV));
    const vertices = Int32Array.from({ length: NV }, (_, v) => v);
    const border = Uint8Array.from(vertices, (v) =>
      v % N === 0 || v % N === N - 1 || v < N || v >= NV - N ? 1 : 0,
    );
    const coords = new Float32Array(3 * NV);
    for (let v = 0; v < NV; v++) coords.set([v % N, Math.floor(v / N) * 2, 0], 3 * v);
    files[`surf/${hemi}.full.flat.patch.3d`] = encodeFreeSurferPatch({ vertices, border, coords });
    files[`label/${hemi}.prf-visualrois.mgz`] = gzipSync(encodeMgh(ramp(0).map((_, v) => v % 3)));
    files[`label/${hemi}.aparc.annot`] = encodeAnnot(
      Array.from({ length: NV }, (_, v) => (v < NV / 2 ? 1 : 2)),
      [
        { index: 0, name: 'unknown', rgba: [25, 5, 25, 255] },
        { index: 1, name: 'cuneus', rgba: [220, 180, 140, 255] },
        { index: 2, name: 'precuneus', rgba: [160, 140, 180, 255] },
      ],
    );
  }
  files['label/prf-visualrois.mgz.ctab'] = new TextEncoder().encode('0 Unknown\n1 V1v\n2 V1d\n');
  files['label/lh.V1_exvivo.label'] = new TextEncoder().encode('#!ascii label\n2\n3 0 0 0 1\n7 0 0 0 1\n');
  files['mri/T1.mgz'] = volume(0, (i) => i % 200);
  files['mri/aseg.mgz'] = volume(1, (i) => (i % 5 === 0 ? 42 : 0));
  files['mri/wm.mgz'] = volume(0, (i) => (i % 7 === 0 ? 110 : 0));
  files['mri/orig.mgz'] = files['mri/T1.mgz'];
  return files;
}
