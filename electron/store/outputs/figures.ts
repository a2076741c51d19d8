import { mkdir } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { describeLimit, LIMITS, withinLimit } from '../../../shared/api-limits.js';
import type { FigureLook } from '../../../shared/api.js';
import { ApiError } from '../../../shared/api-errors.js';
import { composeBase, makeFigure, percentile, type FigureData } from '../../../shared/figure/make-figure.js';
import { figureSvg } from '../../../shared/figure/figure-svg.js';
import {
  figureOverlay,
  type FigureLayer,
  type FigureOverlay,
} from '../../../shared/figure/overlay-layers.js';
import { colormapLut, labelLut } from '../../../shared/flatmap/colormaps.js';
import { imageWidth } from '../../../shared/flatmap/image-grid.js';
import { labelImage, meanImage, nanMeanImage } from '../../../shared/flatmap/compose.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { figureFonts } from './figure-fonts.js';
import { flatFrameOf } from '../flatmap/flat-shape.js';
import { loadFlatSurfaces } from '../database/subject-surfaces.js';
import { parseOrFail, writeError } from '../files/file-errors.js';
import { readOverlayForReading } from '../database/legacy-rois.js';
import { curvatureImageFor, pixelMapFor } from '../flatmap/flatmap-engine.js';
import { encodePng } from './png-encode.js';
import { readLabelTable } from './template-trace.js';
import { readTransform } from '../database/transforms.js';
import { checkVolumeShape, readVolumeFile } from '../database/volumes.js';
import { checkExportFiles } from '../write/write-policy.js';

/**
 * Figure export like `quickflat.make_figure(vol, with_curvature=True, with_rois=True,
 * with_colorbar=True, …)`: PNG at a chosen dpi (100 = the flatmap's own pixels at `height`) or
 * SVG. The `with*`, `linewidth`, `labelsize` and `nanmean` options mean what make_figure's do.
 */
export interface FigureOptions extends FigureLook {
  subject: string;
  /** .png or .svg */
  out: string;
  dpi?: number;
  /** data volume on the transform's grid; without it only curvature and ROIs are drawn */
  volume?: string;
  transform?: string;
  rois?: string[];
  overlay?: string;
  cacheDir: string;
}

export async function exportFigure(db: string, o: FigureOptions): Promise<string> {
  const kind = extname(o.out).toLowerCase();
  if (kind !== '.png' && kind !== '.svg')
    throw new ApiError('BAD_REQUEST', `${o.out}: a figure is written as .png or .svg`);
  const dpi = o.dpi ?? 100;
  if (!withinLimit(dpi, LIMITS.dpi))
    throw new ApiError('BAD_REQUEST', `dpi must be ${describeLimit(LIMITS.dpi)}, got ${dpi}`);
  const height = o.height ?? 1024;
  if (!withinLimit(height, LIMITS.height))
    throw new ApiError('BAD_REQUEST', `height must be ${describeLimit(LIMITS.height)} pixels, got ${height}`);
  for (const name of ['opacity', 'linewidth', 'labelsize'] as const) {
    const v = o[name];
    if (v !== undefined && !withinLimit(v, LIMITS[name]))
      throw new ApiError('BAD_REQUEST', `${name} must be ${describeLimit(LIMITS[name])}, got ${v}`);
  }
  const cmap = o.cmap === undefined ? undefined : lutOrFail(o.cmap);
  checkExportFiles([o.out]); // before any work: a refused folder costs nothing
  if (kind === '.png') await checkFigureSize(db, o, dpi, height);

  // curvature and data through the flatmap engine (vertex map in memory, pixel maps disk-cached)
  const shaded = await curvatureImageFor(db, o.subject, height, o.cacheDir);
  const grid = { width: shaded.width, height: shaded.height };
  const curvature = o.withCurvature === false ? undefined : shaded.value;

  let data: FigureData | undefined;
  if (o.volume) {
    if (!o.transform)
      throw new ApiError('BAD_REQUEST', 'a figure with data needs the transform of its volume');
    const [transform, volume, table] = await Promise.all([
      readTransform(db, o.subject, o.transform),
      readVolumeFile(o.volume),
      readLabelTable(o.volume),
    ]);
    checkVolumeShape(o.volume, volume.dims, transform);
    const categorical = !!table && volume.data.every((v) => Number.isNaN(v) || Number.isInteger(v));
    const { map } = await pixelMapFor(
      db,
      o.subject,
      o.transform,
      { height, thick: categorical ? 1 : 32, depth: 0.5 },
      o.cacheDir,
    );
    if (categorical) {
      const lut = labelLut().slice();
      for (const e of table ?? []) if (e.rgba && e.index > 0 && e.index < 256) lut.set(e.rgba, 4 * e.index);
      data = { image: labelImage(map, volume.data), lut, vmin: 0, vmax: 255, categorical: true };
    } else {
      data = {
        image: (o.nanmean ? nanMeanImage : meanImage)(map, volume.data),
        lut: cmap ?? lutOrFail('RdBu_r'),
        vmin: o.vmin ?? percentile(volume.data, 1),
        vmax: o.vmax ?? percentile(volume.data, 99),
      };
    }
    data.opacity = o.opacity;
  }

  const overlay = await readFigureOverlay(db, o.subject, o.overlay);
  const rois = chosenShapes(overlay?.rois, o.withRois === false ? [] : o.rois);
  const sulci = o.withSulci ? chosenShapes(overlay?.sulci) : undefined;
  const svgWidth = overlay?.width ?? grid.width;
  const svgHeight = overlay?.height ?? grid.height;
  const scale = dpi / 100;
  const base = {
    width: grid.width,
    height: grid.height,
    curvature,
    data,
    rois,
    sulci,
    svgWidth,
    svgHeight,
    labels: o.withLabels,
    colorbar: o.withColorbar,
    linewidth: o.linewidth,
    labelSize: o.labelsize,
  };

  let bytes: Uint8Array | string;
  if (kind === '.png') {
    const c = makeFigure({ ...base, scale, fonts: await figureFonts() });
    bytes = encodePng(c.width, c.height, c.rgba);
  } else {
    const png = encodePng(grid.width, grid.height, composeBase(base));
    bytes = figureSvg({
      ...base,
      width: Math.round(grid.width * scale),
      height: Math.round(grid.height * scale),
      basePng: Buffer.from(png).toString('base64'),
    });
  }
  await mkdir(dirname(o.out), { recursive: true });
  try {
    await writeFileAtomic(o.out, bytes);
  } catch (e) {
    throw writeError(o.out, e);
  }
  return o.out;
}

/**
 * The most pixels a PNG figure may have: its RGBA canvas and the coverage layers of outlines
 * and names take about 7 bytes a pixel, so this is about 1.9 GB (and under the 4 GB a single
 * array may hold).
 */
export const MAX_FIGURE_PIXELS = 2 ** 28;

/** Refuse, before any work, a PNG figure too large to draw, naming the dpi that fits. */
async function checkFigureSize(db: string, o: FigureOptions, dpi: number, height: number): Promise<void> {
  const width = imageWidth(flatFrameOf(await loadFlatSurfaces(db, o.subject)).extents, height);
  const scale = dpi / 100;
  const [w, h] = [Math.round(width * scale), Math.round(height * scale)];
  if (w * h <= MAX_FIGURE_PIXELS) return;
  const most = Math.floor(100 * Math.sqrt(MAX_FIGURE_PIXELS / (width * height)));
  throw new ApiError(
    'BAD_REQUEST',
    `${o.out}: at ${dpi} dpi the figure would be ${w}×${h} pixels, more than the ${Math.round(MAX_FIGURE_PIXELS / 1e6)} million a figure can have; ${most} dpi is the most for ${o.subject}`,
    o.out,
  );
}

/**
 * The overlay a figure draws, read as pycortex reads it (the given file, else the subject's
 * overlays.svg, else its legacy rois.svg); null when the subject has none.
 */
async function readFigureOverlay(
  db: string,
  subject: string,
  overlay?: string,
): Promise<FigureOverlay | null> {
  const read = await readOverlayForReading(db, subject, overlay);
  if (!read) {
    if (overlay) throw new ApiError('NOT_FOUND', `${overlay}: no overlay file`, overlay);
    return null;
  }
  return parseOrFail(read.file, () => figureOverlay(read.doc));
}

/** A layer's shapes, only those named when `names` is given. */
function chosenShapes(layer: FigureLayer | undefined, names?: string[]): FigureLayer {
  if (!layer) return { shapes: [], clip: null };
  return names ? { ...layer, shapes: layer.shapes.filter((s) => names.includes(s.name)) } : layer;
}

function lutOrFail(name: string): Uint8Array {
  try {
    return colormapLut(name);
  } catch (e) {
    throw new ApiError('BAD_REQUEST', (e as Error).message);
  }
}
