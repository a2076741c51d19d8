import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { exportRois } from '../store/exports.js';
import { CliError, required } from './cli-error.js';

const KINDS = ['json', 'csv', 'label', 'nifti'] as const;
type Kind = (typeof KINDS)[number];

const HELP = `usage: roi-studio export --db DIR --subject S --kind json|csv|label|nifti --out PATH [--rois A,B] [--xfm X] [--overlay FILE]

Export the subject's ROIs (from overlays.svg, or --overlay FILE), with pycortex's vertex membership:
  json    { "NAME": { "lh": [...], "rh": [...] } } (hemisphere-local vertex indices, sorted)
  csv     roi,hemisphere,vertex rows
  label   FreeSurfer lh.NAME.label / rh.NAME.label with fiducial coordinates, into folder PATH
  nifti   NAME.nii.gz masks in the reference grid of --xfm, like pycortex get_roi_masks
          (gm_sampler='cortical'), into folder PATH
--out is a folder (json/csv also accept a file name ending in .json/.csv).`;

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      subject: { type: 'string' },
      kind: { type: 'string' },
      out: { type: 'string' },
      rois: { type: 'string' },
      xfm: { type: 'string' },
      overlay: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const kind = required(values, 'kind');
  if (!(KINDS as readonly string[]).includes(kind))
    throw new CliError(`--kind must be one of ${KINDS.join(', ')}, got ${JSON.stringify(kind)}`, 2);
  if (kind === 'nifti' && !values.xfm) throw new CliError('--kind nifti needs --xfm (the reference grid)', 2);
  const files = await exportRois(resolve(required(values, 'db')), {
    subject: required(values, 'subject'),
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
