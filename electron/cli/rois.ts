import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { overlayPath, roiVerticesOf } from '../backend/overlay-api.js';
import { describeOverlay, pycortexLoadFailures } from '../../shared/formats/overlay-snapshot.js';
import { readOverlayForReading } from '../store/database/legacy-rois.js';
import { databaseAndSubject, SUBJECT_OPTIONS } from './subject-options.js';
import { CliError } from './cli-error.js';

/** Printed by `roi-studio rois --help` (electron/cli.ts). */
export const help = `usage: roi-studio rois --db DIR --subject S [--overlay FILE] [--json]

The vertices of every ROI exactly as pycortex's get_roi_verts computes them.
  --overlay FILE   read this overlay (or legacy rois.svg) instead of the subject's overlays.svg
  --json           print { "NAME": { "lh": [...], "rh": [...] } } (hemisphere-local, sorted);
                   otherwise a count per ROI and any pycortex compatibility warnings`;

/**
 * `rois --db DIR --subject S [--overlay FILE] [--json]`: the vertices of every ROI exactly as
 * pycortex's get_roi_verts computes them; `--json` prints `{ "NAME": { "lh": [...], "rh": [...] } }`
 * (hemisphere-local, sorted), otherwise a count per ROI and any pycortex compatibility issues.
 */
export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...SUBJECT_OPTIONS,
      overlay: { type: 'string' },
      json: { type: 'boolean' },
    },
    strict: true,
  });
  const { db, subject } = databaseAndSubject(values);
  const read = await readOverlayForReading(db, subject, values.overlay && resolve(values.overlay));
  if (!read)
    throw new CliError(
      `${values.overlay ? resolve(values.overlay) : overlayPath(db, subject)}: no overlay file (nor a legacy rois.svg)`,
    );
  const { file, doc } = read;
  const rois = await roiVerticesOf(db, subject, file, doc);
  const described = describeOverlay(doc);
  const fatal = pycortexLoadFailures(doc);
  for (const m of fatal) process.stderr.write(`warning: pycortex cannot load ${file}: ${m}\n`);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(rois)}\n`);
    return;
  }
  const issues = new Map<string, string[]>();
  for (const layer of described.layers)
    if (layer.name === 'rois')
      for (const s of layer.shapes)
        issues.set(
          s.name,
          s.issues.map((i) => i.code),
        );
  const names = Object.keys(rois);
  const width = Math.max(4, ...names.map((n) => n.length));
  console.log(`${'ROI'.padEnd(width)}  ${'lh'.padStart(7)}  ${'rh'.padStart(7)}  issues`);
  for (const n of names)
    console.log(
      `${n.padEnd(width)}  ${String(rois[n].lh.length).padStart(7)}  ${String(rois[n].rh.length).padStart(7)}  ${(issues.get(n) ?? []).join(',')}`,
    );
  if (names.length === 0) console.log(`(no ROIs in ${file})`);
}
