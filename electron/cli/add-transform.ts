import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { TransformRegistration } from '../../shared/api.js';
import { addTransform } from '../store/import/add-transform.js';
import { CliError, required } from './cli-error.js';
import { databaseAndSubject, SUBJECT_OPTIONS } from './subject-options.js';

/** Printed by `roi-studio add-transform --help` (electron/cli.ts). */
export const help = `usage: roi-studio add-transform --db DIR --subject S --name X --reference FUNC.nii.gz
         (--header | --register FILE.dat|FILE.lta [--subjects-dir DIR] [--fs-subject NAME] | --fsl FILE.mat)
         [--replace]

Write transforms/X/{matrices.xfm,reference.nii.gz} for subject S, as pycortex would save them
('coord' transforms), so flatmaps of volumes on the reference's grid can be drawn:
  --header            the reference is already in the anatomy's scanner space: coord = affine⁻¹
  --register FILE     a FreeSurfer register.dat or .lta (bbregister, tkregister), like
                      Transform.from_freesurfer; reads DIR/NAME/mri/orig.mgz
  --subjects-dir DIR  FreeSurfer subjects folder (default: $SUBJECTS_DIR)
  --fs-subject NAME   FreeSurfer subject of the registration (default: S)
  --fsl FILE          an FSL FLIRT matrix from the reference to S's anatomicals/raw.nii.gz,
                      like Transform.from_fsl
  --replace           replace an existing transform X (the old one goes to transforms-backups/)`;

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...SUBJECT_OPTIONS,
      name: { type: 'string' },
      reference: { type: 'string' },
      header: { type: 'boolean' },
      register: { type: 'string' },
      'subjects-dir': { type: 'string' },
      'fs-subject': { type: 'string' },
      fsl: { type: 'string' },
      replace: { type: 'boolean' },
    },
    strict: true,
  });
  const { db, subject } = databaseAndSubject(values);
  const name = required(values, 'name');
  const reference = resolve(required(values, 'reference'));
  const registration = registrationOf(values);
  const t = await addTransform({ db, subject, name, reference, registration, replace: values.replace });
  console.log(`added transform "${name}" to ${subject}: ${t.dir} (reference ${t.shape.join('×')})`);
  if (t.backup) console.log(`the transform it replaced is in ${t.backup}`);
  console.log('coord (surface mm → reference voxel):');
  for (const row of t.coord) console.log(`  ${row.map((v) => v.toFixed(6).padStart(12)).join(' ')}`);
}

function registrationOf(values: {
  header?: boolean;
  register?: string;
  fsl?: string;
  'subjects-dir'?: string;
  'fs-subject'?: string;
}): TransformRegistration {
  const given = [values.header && '--header', values.register && '--register', values.fsl && '--fsl'].filter(
    Boolean,
  );
  if (given.length !== 1)
    throw new CliError(
      given.length === 0
        ? 'say how the reference is aligned: --header, --register FILE or --fsl FILE'
        : `give only one of ${given.join(', ')}`,
      2,
    );
  if (values.header) return { kind: 'header' };
  if (values.fsl) return { kind: 'fsl', file: resolve(values.fsl) };
  const subjectsDir = values['subjects-dir'] ?? process.env.SUBJECTS_DIR;
  if (!subjectsDir) throw new CliError('--register needs --subjects-dir DIR (or $SUBJECTS_DIR)', 2);
  return {
    kind: 'freesurfer',
    file: resolve(values.register!),
    subjectsDir: resolve(subjectsDir),
    ...(values['fs-subject'] ? { fsSubject: values['fs-subject'] } : {}),
  };
}
