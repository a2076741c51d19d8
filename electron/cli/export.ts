import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { appPaths } from '../store/files/app-paths.js';
import { exportRois } from '../store/outputs/exports.js';
import { exportFigure } from '../store/outputs/figures.js';
import { describeLimit, LIMITS, withinLimit } from '../../shared/api-limits.js';
import { EXPORT_KINDS, isFigureKind } from '../../shared/api-schema.js';
import { cssSizeUnits } from '../../shared/figure/css-size.js';
import { databaseAndSubject, SUBJECT_OPTIONS } from './subject-options.js';
import { CliError, numberOption, required } from './cli-error.js';

type Kind = Exclude<(typeof EXPORT_KINDS)[number], 'png' | 'svg'>;
const FIGURE_OPTIONS = [
  'volume',
  'dpi',
  'cmap',
  'vmin',
  'vmax',
  'height',
  'linewidth',
  'labelsize',
  'nanmean',
  'with-sulci',
  'no-rois',
  'no-labels',
  'no-curvature',
  'no-colorbar',
] as const;

/** Printed by `roi-studio export --help` (electron/cli.ts). */
export const help = `usage: roi-studio export --db DIR --subject S --kind json|csv|label|nifti|png|svg --out PATH
         [--rois A,B] [--xfm X] [--overlay FILE] [--volume FILE]
         figures: [--dpi N] [--height PX] [--cmap NAME] [--vmin V] [--vmax V] [--nanmean] [--linewidth W]
                  [--labelsize 20pt] [--with-sulci] [--no-rois] [--no-labels] [--no-curvature] [--no-colorbar]

Export the subject's ROIs (from overlays.svg, or --overlay FILE), with pycortex's vertex membership:
  json    { "NAME": { "lh": [...], "rh": [...] } } (hemisphere-local vertex indices, sorted)
  csv     roi,hemisphere,vertex rows
  label   FreeSurfer lh.NAME.label / rh.NAME.label with fiducial coordinates, into folder PATH
  nifti   NAME.nii.gz masks in the reference grid of --xfm, like pycortex get_roi_masks
          (gm_sampler='cortical'), into folder PATH
  png     a figure like quickflat.make_figure (curvature, --volume data on the --xfm grid, ROI
          outlines and names, colour bar) at --dpi (100 = flatmap pixels, height 1024), file PATH
  svg     the same figure as SVG (flatmap embedded as PNG, outlines and names as vectors)
--out is a folder for label/nifti, a file for png/svg (json/csv: either).

Figure options mean what quickflat.make_figure's do, with its defaults:
  --cmap NAME       any of pycortex's 1-D colour maps (RdBu_r); --vmin/--vmax the range
                    (1st/99th percentile of the volume, NaN counted as 0)
  --height PX       flatmap height at 100 dpi (1024); --dpi scales the whole figure
  --nanmean         average a pixel's depth samples ignoring NaN ones (off: any NaN makes it NaN)
  --linewidth W     ROI outline width in overlay units (2); --labelsize SIZE names, e.g. 20pt (14pt)
  --with-sulci      draw the overlay's sulci layer; --no-rois, --no-labels, --no-curvature,
                    --no-colorbar leave those out`;

function labelSize(text: string): number {
  let size: number;
  try {
    size = cssSizeUnits(text);
  } catch (e) {
    throw new CliError(`--labelsize: ${(e as Error).message}`, 2);
  }
  if (!withinLimit(size, LIMITS.labelsize))
    throw new CliError(
      `--labelsize must be ${describeLimit(LIMITS.labelsize)} SVG units, got ${JSON.stringify(text)}`,
      2,
    );
  return size;
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...SUBJECT_OPTIONS,
      kind: { type: 'string' },
      out: { type: 'string' },
      rois: { type: 'string' },
      xfm: { type: 'string' },
      overlay: { type: 'string' },
      volume: { type: 'string' },
      dpi: { type: 'string' },
      cmap: { type: 'string' },
      vmin: { type: 'string' },
      vmax: { type: 'string' },
      height: { type: 'string' },
      linewidth: { type: 'string' },
      labelsize: { type: 'string' },
      nanmean: { type: 'boolean' },
      'with-sulci': { type: 'boolean' },
      'no-rois': { type: 'boolean' },
      'no-labels': { type: 'boolean' },
      'no-curvature': { type: 'boolean' },
      'no-colorbar': { type: 'boolean' },
    },
    strict: true,
  });
  const { db, subject } = databaseAndSubject(values);
  const kind = required(values, 'kind');
  if (!(EXPORT_KINDS as readonly string[]).includes(kind))
    throw new CliError(`--kind must be one of ${EXPORT_KINDS.join(', ')}, got ${JSON.stringify(kind)}`, 2);
  if (kind === 'nifti' && !values.xfm) throw new CliError('--kind nifti needs --xfm (the reference grid)', 2);
  const figureOnly = FIGURE_OPTIONS.filter((o) => values[o] !== undefined);
  if (!isFigureKind(kind) && figureOnly.length)
    throw new CliError(`${figureOnly.map((o) => `--${o}`).join(', ')}: only for --kind png or svg`, 2);
  if (isFigureKind(kind)) {
    if (values.volume && !values.xfm) throw new CliError('--volume needs --xfm (the grid of the volume)', 2);
    const app = appPaths();
    const file = await exportFigure(db, {
      subject,
      out: resolve(required(values, 'out')),
      dpi: numberOption(values, 'dpi', 100, LIMITS.dpi),
      volume: values.volume ? resolve(values.volume) : undefined,
      transform: values.xfm,
      rois: values.rois
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      overlay: values.overlay ? resolve(values.overlay) : undefined,
      cmap: values.cmap,
      vmin: values.vmin === undefined ? undefined : numberOption(values, 'vmin', 0),
      vmax: values.vmax === undefined ? undefined : numberOption(values, 'vmax', 0),
      height: numberOption(values, 'height', 1024, LIMITS.height),
      linewidth:
        values.linewidth === undefined ? undefined : numberOption(values, 'linewidth', 0, LIMITS.linewidth),
      labelsize: values.labelsize === undefined ? undefined : labelSize(values.labelsize),
      nanmean: values.nanmean,
      withSulci: values['with-sulci'],
      withRois: !values['no-rois'],
      withLabels: !values['no-labels'],
      withCurvature: !values['no-curvature'],
      withColorbar: !values['no-colorbar'],
      cacheDir: app.cache,
    });
    console.log(file);
    return;
  }
  const files = await exportRois(db, {
    subject,
    kind: kind as Kind,
    out: resolve(required(values, 'out')),
    rois: values.rois
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    transform: values.xfm,
    overlay: values.overlay ? resolve(values.overlay) : undefined,
  });
  for (const f of files) console.log(f);
}
