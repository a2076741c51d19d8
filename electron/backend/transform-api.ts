import type {
  AddTransformRequest,
  RoiStudioApi,
  TransformInput,
  TransformRegistration,
} from '../../shared/api.js';
import { addTransform } from '../store/import/add-transform.js';
import { allowedPath } from '../store/write/path-guard.js';
import type { BackendContext } from './context.js';

export type TransformApi = Pick<RoiStudioApi, 'addTransform' | 'chooseTransformInput'>;

const FILTERS: Record<Exclude<TransformInput, 'subjects-dir'>, { name: string; extensions: string[] }[]> = {
  reference: [
    { name: 'Reference volume (NIfTI)', extensions: ['nii', 'gz'] },
    { name: 'All files', extensions: ['*'] },
  ],
  registration: [
    { name: 'Registrations (register.dat, .lta, FSL .mat)', extensions: ['dat', 'lta', 'mat'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

/** The request with every path it names confined (made absolute, or refused). */
export function confinedAddTransform(
  r: AddTransformRequest,
  confine: (path: string) => string,
): AddTransformRequest {
  const g = r.registration;
  const registration: TransformRegistration =
    g.kind === 'header'
      ? g
      : g.kind === 'fsl'
        ? { ...g, file: confine(g.file) }
        : { ...g, file: confine(g.file), subjectsDir: confine(g.subjectsDir) };
  return { ...r, reference: confine(r.reference), registration };
}

/** Adding transforms: every path confined to the database or to what the user chose. */
export function transformApi(ctx: BackendContext): TransformApi {
  return {
    async addTransform(request) {
      const r = confinedAddTransform(request, (p) => allowedPath(ctx, p));
      const added = await addTransform({ ...r, db: ctx.database.path });
      return { name: added.name, shape: added.shape, affine: added.affine };
    },

    async chooseTransformInput(kind) {
      if (!ctx.dialogs) return null;
      return kind === 'subjects-dir'
        ? ctx.dialogs.chooseFolder('Choose the FreeSurfer subjects folder (SUBJECTS_DIR)')
        : ctx.dialogs.chooseFile(FILTERS[kind]);
    },
  };
}
