import { mkdir } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { labelImage, meanImage } from '../../shared/flatmap/compose.js';
import { LIMITS } from '../../shared/api-limits.js';
import { isIntegerValued, pycortexDefaultRange } from '../../shared/flatmap/value-range.js';
import { encodeNpy } from '../../shared/formats/npy.js';
import { appPaths } from '../store/files/app-paths.js';
import { writeFileAtomic } from '../store/files/atomic-write.js';
import { writeError } from '../store/files/file-errors.js';
import { curvatureImageFor, pixelMapFor } from '../store/flatmap/flatmap-engine.js';
import { readTransform } from '../store/database/transforms.js';
import { checkVolumeShape, readVolumeFile } from '../store/database/volumes.js';
import { checkExportFiles } from '../store/write/write-policy.js';
import { databaseAndSubject, SUBJECT_OPTIONS } from './subject-options.js';
import { CliError, numberOption, required } from './cli-error.js';

/** Printed by `roi-studio flatmap --help` (electron/cli.ts). */
export const help = `usage: roi-studio flatmap --db DIR --subject S --xfm X --volume FILE.nii.gz --out FILE.npy|FILE.png
         [--height 1024] [--thick 32] [--depth 0.5] [--frame 0] [--cmap NAME] [--vmin V --vmax V]

A flatmap of a volume exactly as pycortex's make_flatmap_image draws it.
  --out FILE.npy   float32 (height, width), row 0 at the top, NaN off the brain
  --out FILE.png   that image over the curvature background; label volumes drawn crisp
  --height N       image height in pixels
  --thick N        samples between wm and pia averaged per pixel; with --thick 1, --depth D
                   is the one depth sampled (0 = wm, 1 = pia), as pycortex's thick and depth
  --frame N        the volume's frame (4-D files)
  --cmap NAME      colour map for .png (any of pycortex's 1-D maps); --vmin/--vmax its range`;

/**
 * `flatmap --db DIR --subject S --xfm X --volume FILE.nii.gz [--height 1024] [--thick 32]
 * [--depth 0.5] [--frame 0] [--cmap NAME] [--vmin V --vmax V] --out FILE.npy|FILE.png`
 *
 * `.npy`: float32 (height, width), row 0 at the top, NaN off the brain — the array pycortex's
 * `make_flatmap_image` returns. `.png`: that image over the curvature background; label volumes
 * (integer values) are drawn crisp (mid-depth voxel, negative labels transparent).
 */
export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...SUBJECT_OPTIONS,
      xfm: { type: 'string' },
      volume: { type: 'string' },
      out: { type: 'string' },
      height: { type: 'string' },
      thick: { type: 'string' },
      depth: { type: 'string' },
      frame: { type: 'string' },
      cmap: { type: 'string' },
      vmin: { type: 'string' },
      vmax: { type: 'string' },
    },
    strict: true,
  });
  const { db, subject } = databaseAndSubject(values);
  const xfm = required(values, 'xfm');
  const volumePath = resolve(required(values, 'volume'));
  const out = resolve(required(values, 'out'));
  const kind = extname(out).toLowerCase();
  if (kind !== '.npy' && kind !== '.png') throw new CliError(`--out must end in .npy or .png, got ${out}`, 2);
  const height = numberOption(values, 'height', 1024, LIMITS.height);
  const thick = numberOption(values, 'thick', 32, LIMITS.thick);
  const depth = numberOption(values, 'depth', 0.5, LIMITS.depth);
  const frame = numberOption(values, 'frame', 0, LIMITS.frame);
  const cacheDir = appPaths(process.env).cache;

  const [transform, volume] = await Promise.all([
    readTransform(db, subject, xfm),
    readVolumeFile(volumePath, frame),
  ]);
  checkVolumeShape(volumePath, volume.dims, transform);
  const { map, source } = await pixelMapFor(db, subject, xfm, { height, thick, depth }, cacheDir);
  const mean = meanImage(map, volume.data);

  let bytes: Uint8Array;
  if (kind === '.npy') {
    bytes = encodeNpy(mean, [map.height, map.width], '<f4');
  } else {
    // Colour maps and the PNG encoder load only for pictures: a pipeline's .npy run skips them.
    const [{ flatmapPicture }, { encodePng }] = await Promise.all([
      import('../../shared/flatmap/picture.js'),
      import('../store/outputs/png-encode.js'),
    ]);
    const labels = !values.cmap && isIntegerValued(volume.data);
    const [lo, hi] = pycortexDefaultRange(volume.data);
    const curvature = await curvatureImageFor(db, subject, height, cacheDir);
    const rgba = flatmapPicture({
      width: map.width,
      height: map.height,
      curvature: curvature.value,
      data: labels ? labelImage(map, volume.data) : mean,
      colormap: labels ? 'labels' : (values.cmap ?? 'RdBu_r'),
      vmin: numberOption(values, 'vmin', lo),
      vmax: numberOption(values, 'vmax', hi),
    });
    bytes = encodePng(map.width, map.height, rgba);
  }
  checkExportFiles([out]);
  try {
    await mkdir(dirname(out), { recursive: true });
    await writeFileAtomic(out, bytes);
  } catch (e) {
    throw new CliError(writeError(out, e).message);
  }
  let finite = 0;
  for (const v of mean) if (!Number.isNaN(v)) finite++;
  process.stdout.write(
    `wrote ${out}: ${map.width}×${map.height}, ${finite} pixels with values (pixel map ${source === 'computed' ? 'computed' : 'from cache'})\n`,
  );
}
