import type { Surface } from '../subject.js';

/**
 * FreeSurfer's binary per-hemisphere files (freesurfer-import.md §1.1–§1.3), all big-endian:
 * triangle surfaces (`?h.white`, `pial`, …), patches (`?h.<name>.patch.3d`) and "new" curv
 * files (`?h.curv`, `sulc`, `thickness`). Each reader checks every count against the bytes it
 * has, so a truncated or inconsistent file fails with one message instead of garbage.
 */

export class FreeSurferFileError extends Error {}

const TRIANGLE_MAGIC = [0xff, 0xff, 0xfe];
const CURV_MAGIC = [0xff, 0xff, 0xff];
const NEWLINE = 0x0a;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function hasMagic(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((m, i) => bytes[i] === m);
}

function need(bytes: Uint8Array, end: number, what: string): void {
  if (bytes.length < end)
    throw new FreeSurferFileError(`file truncated: ${what} need ${end} bytes, the file has ${bytes.length}`);
}

/** A triangle surface in surface RAS (tkr) millimetres; anything after the faces is ignored, as pycortex does. */
export function readFreeSurferSurface(bytes: Uint8Array): Surface {
  if (!hasMagic(bytes, TRIANGLE_MAGIC)) {
    const quad = hasMagic(bytes, [0xff, 0xff, 0xff]) || hasMagic(bytes, [0xff, 0xff, 0xfd]);
    throw new FreeSurferFileError(
      quad
        ? 'not a triangle surface (quadrangle or curv file magic; only triangle files are supported)'
        : 'not a FreeSurfer triangle surface (magic bytes FF FF FE missing)',
    );
  }
  // the comment line, then FreeSurfer's blank line (pycortex skips exactly these two lines)
  let o = bytes.indexOf(NEWLINE, 3);
  if (o < 0) throw new FreeSurferFileError('file truncated: the comment line has no end');
  o += 1;
  if (bytes[o] === NEWLINE) o += 1;
  need(bytes, o + 8, 'the vertex and face counts');
  const v = view(bytes);
  const nv = v.getInt32(o, false);
  const nf = v.getInt32(o + 4, false);
  if (nv < 1 || nf < 0) throw new FreeSurferFileError(`bad header: ${nv} vertices, ${nf} faces`);
  o += 8;
  need(bytes, o + 12 * nv + 12 * nf, `${nv} vertices and ${nf} faces`);
  const points = new Float32Array(3 * nv);
  for (let i = 0; i < points.length; i++, o += 4) {
    const x = v.getFloat32(o, false);
    if (!Number.isFinite(x))
      throw new FreeSurferFileError(`vertex ${Math.floor(i / 3)} has a non-finite coordinate`);
    points[i] = x;
  }
  const triangles = new Uint32Array(3 * nf);
  for (let i = 0; i < triangles.length; i++, o += 4) {
    const k = v.getInt32(o, false);
    if (k < 0 || k >= nv)
      throw new FreeSurferFileError(
        `face ${Math.floor(i / 3)} refers to vertex ${k}, but there are ${nv} vertices`,
      );
    triangles[i] = k;
  }
  return { points, triangles };
}

export interface FreeSurferPatch {
  /** vertex number in the full hemisphere mesh, one per record */
  vertices: Int32Array;
  /** 1 for a border vertex (stored negative), 0 for an interior one */
  border: Uint8Array;
  /** x, y, z per record */
  coords: Float32Array;
}

const PATCH_RECORD = 16;

/** A patch in the current format (first int32 −1); old-format patches are refused rather than misread. */
export function readFreeSurferPatch(bytes: Uint8Array): FreeSurferPatch {
  need(bytes, 8, 'the patch header');
  const v = view(bytes);
  const version = v.getInt32(0, false);
  if (version !== -1)
    throw new FreeSurferFileError(
      `not a current-format patch (first number ${version}, expected -1; re-save it with a recent FreeSurfer)`,
    );
  const n = v.getInt32(4, false);
  if (n < 1) throw new FreeSurferFileError(`bad header: ${n} patch vertices`);
  need(bytes, 8 + PATCH_RECORD * n, `${n} patch records`);
  if (bytes.length !== 8 + PATCH_RECORD * n)
    throw new FreeSurferFileError(
      `${bytes.length - 8 - PATCH_RECORD * n} bytes after the ${n} patch records the header announces`,
    );
  const vertices = new Int32Array(n);
  const border = new Uint8Array(n);
  const coords = new Float32Array(3 * n);
  for (let r = 0, o = 8; r < n; r++, o += PATCH_RECORD) {
    const k = v.getInt32(o, false);
    if (k === 0) throw new FreeSurferFileError(`record ${r} has vertex number 0 (numbers start at ±1)`);
    vertices[r] = k > 0 ? k - 1 : -k - 1;
    border[r] = k < 0 ? 1 : 0;
    for (let c = 0; c < 3; c++) {
      const x = v.getFloat32(o + 4 + 4 * c, false);
      if (!Number.isFinite(x)) throw new FreeSurferFileError(`record ${r} has a non-finite coordinate`);
      coords[3 * r + c] = x;
    }
  }
  return { vertices, border, coords };
}

const CURV_HEADER = 15;

/** One value per vertex from a "new" curv file (magic FF FF FF, counts, 1 value per vertex). */
export function readFreeSurferCurv(bytes: Uint8Array): Float32Array {
  if (!hasMagic(bytes, CURV_MAGIC))
    throw new FreeSurferFileError('not a new-format curv file (magic bytes FF FF FF missing)');
  need(bytes, CURV_HEADER, 'the curv header');
  const v = view(bytes);
  const nv = v.getInt32(3, false);
  const perVertex = v.getInt32(11, false);
  if (nv < 1) throw new FreeSurferFileError(`bad header: ${nv} vertices`);
  if (perVertex !== 1) throw new FreeSurferFileError(`${perVertex} values per vertex; only 1 is supported`);
  need(bytes, CURV_HEADER + 4 * nv, `${nv} values`);
  const out = new Float32Array(nv);
  for (let i = 0; i < nv; i++) out[i] = v.getFloat32(CURV_HEADER + 4 * i, false);
  return out;
}

/** A triangle surface as FreeSurfer writes it (comment, blank line, counts, data); for tests and benches. */
export function encodeFreeSurferSurface(surface: Surface, comment = 'created by roi-studio'): Uint8Array {
  const head = new TextEncoder().encode(`${comment}\n\n`);
  const nv = surface.points.length / 3;
  const nf = surface.triangles.length / 3;
  const out = new Uint8Array(3 + head.length + 8 + 12 * nv + 12 * nf);
  out.set(TRIANGLE_MAGIC, 0);
  out.set(head, 3);
  const v = view(out);
  let o = 3 + head.length;
  v.setInt32(o, nv, false);
  v.setInt32(o + 4, nf, false);
  o += 8;
  for (const x of surface.points) v.setFloat32((o += 4) - 4, x, false);
  for (const k of surface.triangles) v.setInt32((o += 4) - 4, k, false);
  return out;
}

/** A current-format patch; `vertices` are full-mesh numbers, `border` marks border records. */
export function encodeFreeSurferPatch(patch: FreeSurferPatch): Uint8Array {
  const n = patch.vertices.length;
  const out = new Uint8Array(8 + PATCH_RECORD * n);
  const v = view(out);
  v.setInt32(0, -1, false);
  v.setInt32(4, n, false);
  for (let r = 0, o = 8; r < n; r++, o += PATCH_RECORD) {
    v.setInt32(o, patch.border[r] ? -patch.vertices[r] - 1 : patch.vertices[r] + 1, false);
    for (let c = 0; c < 3; c++) v.setFloat32(o + 4 + 4 * c, patch.coords[3 * r + c], false);
  }
  return out;
}

/** A new-format curv file. */
export function encodeFreeSurferCurv(values: ArrayLike<number>, faces = 0): Uint8Array {
  const out = new Uint8Array(CURV_HEADER + 4 * values.length);
  out.set(CURV_MAGIC, 0);
  const v = view(out);
  v.setInt32(3, values.length, false);
  v.setInt32(7, faces, false);
  v.setInt32(11, 1, false);
  for (let i = 0; i < values.length; i++) v.setFloat32(CURV_HEADER + 4 * i, values[i], false);
  return out;
}
