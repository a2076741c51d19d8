import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LIMITS } from '../../shared/api-limits.js';
import type { OverlayEdit, RoiStudioApi } from '../../shared/api.js';
import type { BackendContext } from '../backend/context.js';
import { createBackend } from '../backend/index.js';
import { resolveTemplate } from '../backend/trace-api.js';
import { appPaths } from '../store/files/app-paths.js';
import { restoreFromSidecar } from '../store/outputs/sidecar.js';
import { roiNameFromLabel } from '../../shared/roi/roi-names.js';
import { traceTemplate } from '../store/outputs/template-trace.js';
import { databaseAndSubject, SUBJECT_OPTIONS } from './subject-options.js';
import { CliError, numberOption, required } from './cli-error.js';

/** Printed by `roi-studio trace --help` (electron/cli.ts). */
export const help = `usage: roi-studio trace --db DIR --subject S --xfm X --template FILE [--labels A,B] [--height N] [--raw] [--into overlay|FILE.svg] [--json]
       roi-studio trace --db DIR --subject S --restore-sidecar [--labels A,B] [--into overlay|FILE.svg]

Trace the labels of an ROI template volume into ROI outlines, one path per hemisphere, and print
per label the Jaccard index between the ROI's vertices (pycortex's membership) and the vertices
whose mid-depth sample carries the label. ROIs are named from the .ctab as in the app: characters
outside the ROI name rule (letters, digits, space, _ - . + ( )) become _.
  --template FILE     label volume on the transform's grid, or a name in <subject>/templates/
  --labels A,B        only these labels (names or indices); default: every label
  --height N          label raster height (default 1024; 2048 follows finer detail, 4× slower)
  --raw               trace the label as it is; by default holes and slits about a voxel wide
                      are closed and islands under two voxels dropped (both Jaccards printed)
  --into overlay      save the ROIs into the subject's overlays.svg (replacing ROIs of the same name)
  --into FILE.svg     save the subject's overlay with the ROIs as another file
  --restore-sidecar   re-draw the ROIs recorded in overlays.roi-studio.json on the current flatmap
  --json              print the result as JSON
Without --into nothing is written.`;

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...SUBJECT_OPTIONS,
      xfm: { type: 'string' },
      template: { type: 'string' },
      labels: { type: 'string' },
      into: { type: 'string' },
      'restore-sidecar': { type: 'boolean' },
      height: { type: 'string' },
      raw: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    strict: true,
  });
  const { db, subject } = databaseAndSubject(values);
  if (values.into !== undefined && values.into !== 'overlay' && !values.into.toLowerCase().endsWith('.svg'))
    throw new CliError(`--into must be "overlay" or a .svg file, got ${JSON.stringify(values.into)}`, 2);
  const labels = values.labels
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const app = appPaths();
  const ctx: BackendContext = {
    database: { path: db, source: 'argument' },
    appDataDir: app.data,
    cacheDir: app.cache,
    chosenFiles: new Set(),
  };

  let rois: {
    name: string;
    paths: string[];
    jaccard: number;
    labelIndex?: number;
    jaccards?: { clean: number; raw: number };
  }[];
  let edits: OverlayEdit[];
  if (values['restore-sidecar']) {
    const restored = await restoreFromSidecar(db, subject, { names: labels });
    rois = restored.rois;
    edits = restored.edits;
  } else {
    const xfm = required(values, 'xfm');
    const template = required(values, 'template');
    const file = /[/\\]|\.nii(\.gz)?$/i.test(template)
      ? resolve(template)
      : resolveTemplate(ctx, subject, template);
    const height = numberOption(values, 'height', 1024, LIMITS.traceHeight);
    const traced = await traceTemplate(db, subject, xfm, file, labels, {
      height,
      cacheDir: app.cache,
      raw: values.raw,
    });
    rois = traced.rois.map((r) => ({ ...r, name: roiNameFromLabel(r.name) }));
    edits = rois.map((r) => ({ kind: 'add', name: r.name, paths: r.paths, label: true }));
  }

  // a label too small to outline has nothing to save
  edits = edits.filter((e) => (e.kind !== 'add' && e.kind !== 'replace' ? true : e.paths.length > 0));
  let saved: string | undefined;
  if (values.into !== undefined) {
    const api = createBackend(ctx);
    // saving the subject's overlay also records the ROIs in its sidecar
    saved = await save(api, ctx, subject, edits, values.into);
  }

  if (values.json) {
    console.log(JSON.stringify({ rois, ...(saved ? { saved } : {}) }, null, 2));
    return;
  }
  const width = Math.max(4, ...rois.map((r) => r.name.length));
  for (const r of rois)
    console.log(
      `${r.name.padEnd(width)}  Jaccard ${r.jaccard.toFixed(3)}${r.jaccards ? ` (clean ${r.jaccards.clean.toFixed(3)}, raw ${r.jaccards.raw.toFixed(3)})` : ''}  ${r.paths.length === 0 ? 'no outline' : `${r.paths.length} path(s)`}`,
    );
  console.log(
    saved
      ? `saved ${edits.length} ROI(s) into ${saved}`
      : 'nothing written (use --into overlay or --into FILE.svg)',
  );
}

/** Through the overlay writer: ROIs that already exist are replaced, the others added. */
async function save(
  api: RoiStudioApi,
  ctx: BackendContext,
  subject: string,
  edits: OverlayEdit[],
  into: string,
): Promise<string> {
  const snapshot = await api.loadOverlay(subject);
  const existing = new Set(snapshot.layers.find((l) => l.name === 'rois')?.shapes.map((s) => s.name) ?? []);
  const fixed = edits.map((e) =>
    e.kind === 'add' && existing.has(e.name) ? { ...e, kind: 'replace' as const } : e,
  );
  const saveAs = into === 'overlay' ? undefined : resolve(into);
  if (saveAs) ctx.chosenFiles.add(saveAs);
  const result = await api.saveOverlay({
    subject,
    baseRevision: snapshot.revision,
    edits: fixed,
    ...(saveAs ? { saveAs } : {}),
  });
  return result.snapshot.path;
}
