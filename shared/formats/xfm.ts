/**
 * pycortex `transforms/<name>/matrices.xfm` (pycortex-formats.md §3.1): a JSON object whose
 * `coord` maps surface millimetres to reference voxel coordinates and `magnet` maps them to
 * the reference's world millimetres, each a 4×4 list of row lists. Unknown keys are ignored.
 */

export class XfmError extends Error {}

export type Matrix4 = number[][];

export interface Xfm {
  coord?: Matrix4;
  magnet?: Matrix4;
}

export function parseXfm(text: string): Xfm {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new XfmError(`not valid JSON (${(e as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new XfmError('must be a JSON object with "coord" and/or "magnet"');
  const obj = json as Record<string, unknown>;
  const out: Xfm = {};
  if (obj.coord !== undefined) out.coord = matrix4(obj.coord, 'coord');
  if (obj.magnet !== undefined) out.magnet = matrix4(obj.magnet, 'magnet');
  if (!out.coord && !out.magnet) throw new XfmError('has neither "coord" nor "magnet"');
  return out;
}

function matrix4(v: unknown, key: string): Matrix4 {
  if (!Array.isArray(v) || v.length !== 4 || !v.every((r) => Array.isArray(r) && r.length === 4))
    throw new XfmError(`"${key}" must be a 4×4 list of row lists`);
  const m = (v as unknown[][]).map((row, r) =>
    row.map((x, c) => {
      if (typeof x !== 'number' || !Number.isFinite(x))
        throw new XfmError(`"${key}"[${r}][${c}] is ${JSON.stringify(x)}, not a finite number`);
      return x;
    }),
  );
  const last = m[3];
  if (last[0] !== 0 || last[1] !== 0 || last[2] !== 0 || last[3] !== 1)
    throw new XfmError(`"${key}" last row must be [0, 0, 0, 1], found [${last.join(', ')}]`);
  return m;
}

/** Product of two 4×4 matrices. */
export function multiply4(a: Matrix4, b: Matrix4): Matrix4 {
  return a.map((row) => [0, 1, 2, 3].map((c) => row.reduce((s, v, k) => s + v * b[k][c], 0)));
}

/** Inverse of an affine 4×4 (last row [0,0,0,1]); throws when singular. */
export function invertAffine(m: Matrix4): Matrix4 {
  const [[a, b, c], [d, e, f], [g, h, i]] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12) throw new XfmError('matrix is singular');
  const inv = [
    [A / det, -(b * i - c * h) / det, (b * f - c * e) / det],
    [B / det, (a * i - c * g) / det, -(a * f - c * d) / det],
    [C / det, -(a * h - b * g) / det, (a * e - b * d) / det],
  ];
  const t = [m[0][3], m[1][3], m[2][3]];
  return [...inv.map((row) => [...row, -(row[0] * t[0] + row[1] * t[1] + row[2] * t[2])]), [0, 0, 0, 1]];
}

/** `coord` of a transform: as stored, else A⁻¹·magnet (A = the reference's affine). */
export function coordMatrix(xfm: Xfm, referenceAffine: Matrix4): Matrix4 {
  if (xfm.coord) return xfm.coord;
  return multiply4(invertAffine(referenceAffine), xfm.magnet as Matrix4);
}
