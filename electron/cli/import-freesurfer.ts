import { parseArgs } from 'node:util';
import { ApiError } from '../../shared/api.js';
import {
  DEFAULT_IMPORT_OPTIONS,
  type FreeSurferImportOptions,
} from '../../shared/freesurfer/import-subject.js';
import type { LabelSelection } from '../../shared/freesurfer/label-templates.js';
import { replacedSubjectLines } from '../../shared/freesurfer/replaced-subject.js';
import { importFreeSurfer } from '../store/import/freesurfer-import.js';
import { CliError, required } from './cli-error.js';

/** Printed by `roi-studio import-freesurfer --help` (electron/cli.ts). */
export const help =
  'usage: roi-studio import-freesurfer --subjects-dir DIR --subject S --db DB [--as NAME] [--wm smoothwm|white] [--patch full] [--flat-orientation pycortex|as-is] [--no-clean] [--labels all|none|A,B] [--replace]';

function choice<T extends string>(
  values: Record<string, unknown>,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const v = values[name];
  if (v === undefined) return fallback;
  if (!allowed.includes(v as T))
    throw new CliError(`--${name} must be ${allowed.join(' or ')}, got ${JSON.stringify(v)}`, 2);
  return v as T;
}

function labelSelection(raw: unknown): LabelSelection {
  if (raw === undefined) return 'default';
  if (raw === 'all' || raw === 'none') return raw;
  const names = String(raw)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (!names.length) throw new CliError('--labels must be all, none or a comma-separated list of names', 2);
  return names;
}

/**
 * `import-freesurfer`: a pycortex subject from a FreeSurfer subject folder (what pycortex's
 * import_subj + import_flat write), built beside the database and renamed into place when complete.
 */
export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'subjects-dir': { type: 'string' },
      subject: { type: 'string' },
      db: { type: 'string' },
      as: { type: 'string' },
      wm: { type: 'string' },
      patch: { type: 'string' },
      'flat-orientation': { type: 'string' },
      'no-clean': { type: 'boolean' },
      labels: { type: 'string' },
      replace: { type: 'boolean' },
    },
    strict: true,
  });
  const patch = values.patch ?? DEFAULT_IMPORT_OPTIONS.patch;
  if (!/^[\w.+-]+$/.test(patch))
    throw new CliError(`--patch must be a patch name such as "full", got ${JSON.stringify(patch)}`, 2);
  const options: FreeSurferImportOptions = {
    wm: choice(values, 'wm', ['smoothwm', 'white'] as const, DEFAULT_IMPORT_OPTIONS.wm),
    patch,
    flatOrientation: choice(
      values,
      'flat-orientation',
      ['pycortex', 'as-is'] as const,
      DEFAULT_IMPORT_OPTIONS.flatOrientation,
    ),
    clean: !values['no-clean'],
    labels: labelSelection(values.labels),
  };
  const started = Date.now();
  try {
    const result = await importFreeSurfer({
      subjectsDir: required(values, 'subjects-dir'),
      subject: required(values, 'subject'),
      db: required(values, 'db'),
      name: values.as,
      replace: values.replace,
      options,
      // stages on a terminal only, so a script's stderr holds nothing but the one error line
      progress: process.stderr.isTTY ? (stage) => process.stderr.write(`importing: ${stage}\n`) : undefined,
    });
    const { lh, rh } = result.vertices;
    console.log(
      `Imported ${result.subject} into ${result.path} (${lh} + ${rh} vertices, ${result.files.length} files, ` +
        `templates: ${result.templates.join(', ') || 'none'}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    for (const line of replacedSubjectLines(result)) console.log(line);
  } catch (e) {
    if (e instanceof ApiError) throw new CliError(e.message);
    throw e;
  }
}
