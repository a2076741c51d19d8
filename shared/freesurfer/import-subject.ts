import { gzipSync } from 'fflate';
import { buildFlatFrame, svgSizeFor } from '../flatmap/flat-frame.js';
import {
  readFreeSurferCurv,
  readFreeSurferPatch,
  readFreeSurferSurface,
} from '../formats/freesurfer-surface.js';
import { encodeGiftiSurface, type GiftiWriteOptions } from '../formats/gifti-write.js';
import type { Inflater } from '../formats/inflate.js';
import { readMghVolume } from '../formats/mgh.js';
import { scannerVox2ras } from '../formats/volume-geometry.js';
import { encodeNifti } from '../formats/nifti-write.js';
import { encodeNpz } from '../formats/npy.js';
import { createOverlaySvg, overlayClipLoops } from '../formats/overlay-create.js';
import { HEMIS, type Hemi, type HemiPair, type Surface } from '../subject.js';
import { flatFromPatch, type FlatOrientation } from './flat-from-patch.js';
import { FreeSurferInputError, parseInput } from './input-error.js';
import { labelSources, selectLabelSources, templateFiles, type LabelSelection } from './label-templates.js';

/**
 * A pycortex subject from a FreeSurfer subject folder, file for file what pycortex's
 * `import_subj` + `import_flat(clean=True)` write (freesurfer-import.md §2–§3), plus the
 * overlays.svg pycortex creates on first use and templates from `label/`. Pure: the caller
 * hands in a reader for the FreeSurfer folder and a writer for the new subject folder, so
 * nothing here knows where either lives (and nothing is ever written into the FreeSurfer folder).
 */

export interface FreeSurferImportOptions {
  /** FreeSurfer surface imported as pycortex's `wm` (pycortex's default: smoothwm) */
  wm: 'smoothwm' | 'white';
  /** patch name: `surf/?h.<patch>.flat.patch.3d` */
  patch: string;
  flatOrientation: FlatOrientation;
  clean: boolean;
  labels: LabelSelection;
}

export const DEFAULT_IMPORT_OPTIONS: FreeSurferImportOptions = {
  wm: 'smoothwm',
  patch: 'full',
  flatOrientation: 'pycortex',
  clean: true,
  labels: 'default',
};

export interface FreeSurferFolder {
  /** bytes of a file by its path in the subject folder (`surf/lh.pial`); rejects naming the file */
  read(file: string): Promise<Uint8Array>;
  /** file names in a subfolder, [] when it does not exist */
  list(folder: string): Promise<string[]>;
}

export interface SubjectWriter {
  /** a file of the new subject folder (`surfaces/wm_lh.gii`), parent folders created as needed */
  file(path: string, bytes: Uint8Array): Promise<void>;
  folder(path: string): Promise<void>;
}

/** The stages in the order they run, named for a progress bar. */
export const IMPORT_STAGES = [
  'reading surfaces',
  'building the flat surface',
  'converting anatomicals',
  'writing surfaces',
  'writing surface info',
  'writing templates',
  'creating overlays.svg',
] as const;
export type ImportStage = (typeof IMPORT_STAGES)[number];

export interface ImportHooks {
  progress?: (stage: ImportStage) => void;
  /** gzip for the anatomical NIfTIs (the store passes Node's faster zlib); fflate by default */
  gzip?: (bytes: Uint8Array) => Promise<Uint8Array>;
  /** gunzip for the MGZ volumes (the store passes Node's) */
  inflate?: Inflater;
  /** codecs for the GIFTI payloads (the store passes Node's) */
  gifti?: GiftiWriteOptions;
}

export interface ImportSummary {
  vertices: HemiPair<number>;
  /** scanner offset added to the surfaces (pycortex's `surfmove`) */
  surfmove: [number, number, number];
  templates: string[];
  files: string[];
}

/** pycortex's subject folders (`make_subj`); transforms/ stays empty until a transform is added. */
const FOLDERS = ['transforms', 'anatomicals', 'cache', 'surfaces', 'surface-info', 'views'];
const ANATOMICALS: [string, string][] = [
  ['T1', 'raw'],
  ['aseg', 'aseg'],
  ['wm', 'raw_wm'],
];
const SURFACES: [string, string][] = [
  ['wm', 'wm'],
  ['pial', 'pia'],
  ['inflated', 'inflated'],
];
const SURFACE_INFO: [string, string][] = [
  ['sulc', 'sulcaldepth'],
  ['thickness', 'thickness'],
  ['curv', 'curvature'],
];

const defaultGzip = (bytes: Uint8Array) => Promise.resolve(gzipSync(bytes, { level: 6, mtime: 0 }));

type Write = (path: string, bytes: Uint8Array) => Promise<void>;

export async function importFreeSurferSubject(
  source: FreeSurferFolder,
  out: SubjectWriter,
  options: FreeSurferImportOptions,
  hooks: ImportHooks = {},
): Promise<ImportSummary> {
  const files: string[] = [];
  const write: Write = async (path, bytes) => {
    await out.file(path, bytes);
    files.push(path);
  };
  const stage = (s: ImportStage) => hooks.progress?.(s);

  // every input is read and checked before anything large is converted, so bad input fails fast
  stage('reading surfaces');
  const { counts, smoothwm, surfaces } = await readMeshes(source, options.wm);
  const info = await readSurfaceInfo(source, counts);
  stage('building the flat surface');
  const flat = {} as HemiPair<Surface>;
  for (const hemi of HEMIS) {
    const file = `surf/${hemi}.${options.patch}.flat.patch.3d`;
    const bytes = await source.read(file);
    flat[hemi] = parseInput(file, () =>
      flatFromPatch(smoothwm[hemi], readFreeSurferPatch(bytes), options.flatOrientation, options.clean),
    );
  }
  const labelFiles = await source.list('label');
  const chosen = selectLabelSources(labelSources(labelFiles), options.labels);

  for (const folder of FOLDERS) await out.folder(folder);

  stage('converting anatomicals');
  const surfmove = surfaceShift(await convertAnatomicals(source, write, hooks));

  stage('writing surfaces');
  for (const { name, hemi, surface: s } of surfaces) {
    const points = new Float32Array(s.points.length);
    for (let i = 0; i < points.length; i++) points[i] = s.points[i] + surfmove[i % 3];
    // the same triangle array for every surface of a hemisphere (readMeshes checked them equal)
    const triangles = smoothwm[hemi].triangles;
    await write(`surfaces/${name}_${hemi}.gii`, gifti({ points, triangles }, hooks.gifti));
  }
  for (const hemi of HEMIS) await write(`surfaces/flat_${hemi}.gii`, gifti(flat[hemi], hooks.gifti));

  stage('writing surface info');
  for (const [, name] of SURFACE_INFO) {
    const negated = (v: Float32Array) => ({ data: v.map((x) => -x), shape: [v.length] });
    await write(
      `surface-info/${name}.npz`,
      encodeNpz({ left: negated(info[name].lh), right: negated(info[name].rh) }),
    );
  }

  stage('writing templates');
  for (const s of chosen) {
    const ctabFile = `${s.name}.mgz.ctab`;
    const ctab =
      s.kind === 'mgz' && labelFiles.includes(ctabFile)
        ? new TextDecoder().decode(await source.read(`label/${ctabFile}`))
        : null;
    for (const t of await templateFiles(s, counts, (f) => source.read(f), ctab)) await write(t.path, t.bytes);
  }

  stage('creating overlays.svg');
  const frame = buildFlatFrame(flat);
  const { width, height } = svgSizeFor(frame.extents);
  const overlay = createOverlaySvg({ width, height, clipLoops: overlayClipLoops(frame, height) });
  await write('overlays.svg', new TextEncoder().encode(overlay));

  return { vertices: counts, surfmove, templates: chosen.map((s) => s.name), files };
}

/** smoothwm (the flat patch's mesh) and the surfaces imported, each checked to share its mesh. */
async function readMeshes(source: FreeSurferFolder, wm: FreeSurferImportOptions['wm']) {
  const read = async (hemi: Hemi, name: string) => {
    const file = `surf/${hemi}.${name}`;
    const bytes = await source.read(file);
    return { file, surface: parseInput(file, () => readFreeSurferSurface(bytes)) };
  };
  const counts = {} as HemiPair<number>;
  const smoothwm = {} as HemiPair<Surface>;
  const surfaces: { name: string; hemi: Hemi; surface: Surface }[] = [];
  for (const hemi of HEMIS) {
    const reference = await read(hemi, 'smoothwm');
    smoothwm[hemi] = reference.surface;
    counts[hemi] = reference.surface.points.length / 3;
    for (const [fsName, name] of SURFACES) {
      const fsSurface = fsName === 'wm' ? wm : fsName;
      const s = fsSurface === 'smoothwm' ? reference : await read(hemi, fsSurface);
      sameMesh(s.file, s.surface, reference.file, reference.surface);
      surfaces.push({ name, hemi, surface: s.surface });
    }
  }
  return { counts, smoothwm, surfaces };
}

/** The curv files of SURFACE_INFO, one value per vertex of each hemisphere. */
async function readSurfaceInfo(
  source: FreeSurferFolder,
  counts: HemiPair<number>,
): Promise<Record<string, HemiPair<Float32Array>>> {
  const info: Record<string, HemiPair<Float32Array>> = {};
  for (const [fsName, name] of SURFACE_INFO) {
    info[name] = {} as HemiPair<Float32Array>;
    for (const hemi of HEMIS) {
      const file = `surf/${hemi}.${fsName}`;
      const bytes = await source.read(file);
      const values = parseInput(file, () => readFreeSurferCurv(bytes));
      if (values.length !== counts[hemi])
        throw new FreeSurferInputError(
          file,
          `${values.length} values, but surf/${hemi}.smoothwm has ${counts[hemi]} vertices`,
        );
      info[name][hemi] = values;
    }
  }
  return info;
}

/**
 * T1, aseg and wm.mgz as NIfTI with the same voxels, data type and vox2ras (mri_convert's
 * result); returns the affine of the last one as pycortex reads it back (float32 in the file).
 */
async function convertAnatomicals(
  source: FreeSurferFolder,
  write: Write,
  hooks: ImportHooks,
): Promise<number[][]> {
  let lastAffine: number[][] = [];
  // each volume compresses (off the thread with the store's gzip) while the next one converts
  const pending: Promise<void>[] = [];
  try {
    for (const [fsName, name] of ANATOMICALS) {
      const file = `mri/${fsName}.mgz`;
      const bytes = await source.read(file);
      const { geometry, data } = parseInput(file, () => readMghVolume(bytes, 0, hooks.inflate));
      const affine = scannerVox2ras(geometry);
      const nifti = encodeNifti({ dims: geometry.dims, data, affine, gzip: false });
      const gzip = hooks.gzip ?? defaultGzip;
      pending.push(gzip(nifti).then((gz) => write(`anatomicals/${name}.nii.gz`, gz)));
      lastAffine = affine.map((row) => row.map(Math.fround));
    }
  } finally {
    // nothing may still be writing when this returns or throws
    await Promise.allSettled(pending);
  }
  await Promise.all(pending);
  return lastAffine;
}

function gifti(s: Surface, options?: GiftiWriteOptions): Uint8Array {
  return new TextEncoder().encode(encodeGiftiSurface(s, options));
}

/** Surfaces of one hemisphere must share the mesh: the same vertex count and the same triangles. */
function sameMesh(file: string, s: Surface, refFile: string, ref: Surface): void {
  if (s === ref) return;
  const n = s.points.length / 3;
  const nRef = ref.points.length / 3;
  if (n !== nRef) throw new FreeSurferInputError(file, `${n} vertices, but ${refFile} has ${nRef}`);
  if (s.triangles.length !== ref.triangles.length || s.triangles.some((v, i) => v !== ref.triangles[i]))
    throw new FreeSurferInputError(
      file,
      `its triangles differ from those of ${refFile} (another subject's surface?)`,
    );
}

/**
 * pycortex's `surfmove`: per axis `t − sign(t)·128` of the translation `t` of the last anatomical
 * converted (raw_wm). It equals c_ras for conformed 256 mm volumes, which is what FreeSurfer makes.
 */
export function surfaceShift(affine: number[][]): [number, number, number] {
  return [0, 1, 2].map((r) => affine[r][3] - Math.sign(affine[r][3]) * 128) as [number, number, number];
}
