import { parseArgs } from 'node:util';
import type { SubjectSummary } from '../../shared/api.js';
import { appPaths } from '../store/files/app-paths.js';
import { discoverDatabase } from '../store/database/database.js';
import { listSubjects } from '../store/database/subjects.js';

/** Printed by `roi-studio subjects --help` (electron/cli.ts). */
export const help = `usage: roi-studio subjects [--db DIR] [--json]

List what ROI Studio sees in a pycortex database: subjects, surfaces, transforms with their
reference shapes, templates, and whether overlays.svg exists (or a legacy rois.svg).
  --db DIR   the database (default: ROI_STUDIO_DB, pycortex's configured filestore, else the demo)
  --json     print it as JSON`;

/**
 * `subjects [--db DIR] [--json]`: what ROI Studio sees in a pycortex database — subjects,
 * surfaces, transforms with reference shapes, templates, and whether overlays.svg exists.
 * Without --db the database is found as the app finds it (ROI_STUDIO_DB, pycortex's config, demo).
 */
export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { db: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  const env = process.env;
  const db = await discoverDatabase({ db: values.db, env, appDataDir: appPaths(env).data });
  const subjects = await listSubjects(db.path);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ database: db.path, source: db.source, subjects }, null, 2)}\n`);
    return;
  }
  const lines = [`database ${db.path} (${db.source}): ${subjects.length} subject(s)`];
  for (const s of subjects) lines.push('', ...describe(s));
  process.stdout.write(`${lines.join('\n')}\n`);
}

function describe(s: SubjectSummary): string[] {
  const shape = (d: number[]) => d.join('×');
  const out = [
    `${s.name}${s.hasOverlay ? '' : s.hasLegacyRois ? '  (legacy rois.svg, no overlays.svg yet)' : '  (no overlays.svg yet)'}`,
  ];
  if (s.problem) out.push(`  PROBLEM: ${s.problem}`);
  out.push(`  surfaces:   ${s.surfaces.join(', ') || '(none)'}`);
  out.push(`  transforms: ${s.transforms.map((t) => `${t.name} ${shape(t.shape)}`).join(', ') || '(none)'}`);
  out.push(
    `  templates:  ${
      s.templates
        .map((t) => `${t.name} (${t.kind}${t.labels ? `, ${t.labels.length} labels` : ''})`)
        .join(', ') || '(none)'
    }`,
  );
  out.push(`  overlay:    ${s.hasOverlay ? 'overlays.svg' : s.hasLegacyRois ? 'rois.svg (legacy)' : 'none'}`);
  if (s.warning) out.push(...s.warning.split('\n').map((w) => `  warning: ${w}`));
  return out;
}
