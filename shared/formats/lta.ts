import { matrixRows, numbersOf, RegistrationFileError } from './matrix-text.js';
import type { VolumeGeometry } from './volume-geometry.js';
import type { Matrix4 } from './xfm.js';

/**
 * FreeSurfer linear transform arrays (`.lta`, freesurfer-import.md §1.6), as bbregister,
 * mri_coreg and lta_convert write them: `type`, `nxforms`, `mean`, `sigma`, `1 4 4`, four
 * matrix rows, then the source and destination `volume info` blocks and `subject NAME`.
 * Only single linear transforms of type 0 (voxel → voxel) and 1 (RAS → RAS) are read.
 */
export interface Lta {
  type: 'vox2vox' | 'ras2ras';
  /** source → destination, in voxels (vox2vox) or scanner RAS mm (ras2ras) */
  matrix: Matrix4;
  src?: VolumeGeometry;
  dst?: VolumeGeometry;
  subject?: string;
}

const TYPES: Record<number, Lta['type']> = { 0: 'vox2vox', 1: 'ras2ras' };
const TYPE_NAMES: Record<number, string> = {
  2: 'LINEAR_PHYSVOX_TO_PHYSVOX',
  14: 'REGISTER_DAT',
  21: 'LINEAR_COR_TO_COR',
};

export function parseLta(text: string): Lta {
  const lines = text.split(/\r?\n/);
  let n = 0;
  /** the next line that is not blank or a comment, with its 1-based number */
  const next = (): { line: string; at: number } | null => {
    while (n < lines.length) {
      const line = lines[n++].replace(/#.*$/, '').trim();
      if (line !== '') return { line, at: n };
    }
    return null;
  };
  const keyValue = (key: string) => {
    const got = next();
    const m = got && new RegExp(`^${key}\\s*=\\s*(.*)$`).exec(got.line);
    if (!got) throw new RegistrationFileError(`truncated: no "${key} =" line (not an LTA file?)`);
    if (!m)
      throw new RegistrationFileError(
        `line ${got.at}: expected "${key} = …", found ${JSON.stringify(got.line)}`,
      );
    return { value: m[1].trim(), at: got.at };
  };

  const type = keyValue('type');
  const code = Number(type.value);
  if (!(code in TYPES))
    throw new RegistrationFileError(
      `line ${type.at}: transform type ${type.value}${TYPE_NAMES[code] ? ` (${TYPE_NAMES[code]})` : ''} is not supported; ` +
        'convert it to RAS→RAS (type 1) with lta_convert --outlta',
    );
  const count = keyValue('nxforms');
  if (count.value !== '1')
    throw new RegistrationFileError(
      `line ${count.at}: nxforms = ${count.value}; only single transforms are supported`,
    );
  keyValue('mean');
  keyValue('sigma');
  const shape = next();
  if (!shape) throw new RegistrationFileError('truncated: no "1 4 4" line before the matrix');
  if (shape.line.split(/\s+/).join(' ') !== '1 4 4')
    throw new RegistrationFileError(
      `line ${shape.at}: expected "1 4 4", found ${JSON.stringify(shape.line)}`,
    );
  const matrix = matrixRows(lines.slice(shape.at, shape.at + 4), shape.at + 1);
  n = shape.at + 4;

  const out: Lta = { type: TYPES[code], matrix };
  for (let got = next(); got; got = next()) {
    const block = /^(src|dst) volume info$/.exec(got.line);
    if (block) out[block[1] as 'src' | 'dst'] = volumeInfo(lines, n, (at) => (n = at));
    else if (/^subject\s/.test(got.line)) out.subject = got.line.replace(/^subject\s+/, '');
  }
  return out;
}

const GEOMETRY_KEYS = ['valid', 'filename', 'volume', 'voxelsize', 'xras', 'yras', 'zras', 'cras'];

/** A `volume info` block from line index `start`; `moveTo` receives the index after it. */
function volumeInfo(
  lines: readonly string[],
  start: number,
  moveTo: (index: number) => void,
): VolumeGeometry | undefined {
  const fields = new Map<string, { value: string; at: number }>();
  let i = start;
  for (; i < lines.length; i++) {
    const m = /^\s*(\w+)\s*=\s*(.*?)\s*$/.exec(lines[i]);
    if (!m || !GEOMETRY_KEYS.includes(m[1])) break;
    fields.set(m[1], { value: m[1] === 'filename' ? m[2] : m[2].replace(/#.*$/, '').trim(), at: i + 1 });
  }
  moveTo(i);
  const where = `the volume info block at line ${start}`;
  if (fields.get('valid')?.value !== '1') return undefined;
  const numbers = (key: string, positive = false) => {
    const f = fields.get(key);
    if (!f) throw new RegistrationFileError(`truncated: ${where} has no "${key}" line`);
    const v = numbersOf(f.value);
    if (!v || v.length !== 3 || (positive && v.some((x) => !(x > 0))))
      throw new RegistrationFileError(
        `line ${f.at}: "${key}" must be 3 ${positive ? 'positive ' : ''}numbers, found ${JSON.stringify(f.value)}`,
      );
    return v as [number, number, number];
  };
  const dims = numbers('volume', true);
  if (!dims.every(Number.isInteger))
    throw new RegistrationFileError(`line ${fields.get('volume')?.at}: "volume" must be 3 whole numbers`);
  return {
    dims,
    voxelSize: numbers('voxelsize', true),
    directions: [numbers('xras'), numbers('yras'), numbers('zras')],
    center: numbers('cras'),
  };
}
