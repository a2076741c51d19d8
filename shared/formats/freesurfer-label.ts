/**
 * FreeSurfer ASCII `.label` files (one per hemisphere): a comment line, the row count, then one
 * row per vertex `vertex x y z value` with hemisphere-local vertex indices and surface
 * coordinates in millimetres. pycortex's `get_label` skips the two header lines and reads the
 * five columns (pycortex-formats.md §8).
 */

export class LabelFileError extends Error {}

export interface LabelFile {
  vertices: Uint32Array;
  /** N×3 coordinates, row order as `vertices` */
  coords: Float32Array;
  values: Float32Array;
}

/** Encode the rows for hemisphere-local `vertices`, taking coordinates from `points` (N×3). */
export function encodeLabel(vertices: ArrayLike<number>, points: Float32Array, comment: string): string {
  const lines = [`#!ascii label ${comment.replace(/[\r\n]+/g, ' ')}`, String(vertices.length)];
  for (let i = 0; i < vertices.length; i++) {
    const v = vertices[i];
    if (3 * v + 2 >= points.length)
      throw new LabelFileError(`vertex ${v} is outside the surface (${points.length / 3} vertices)`);
    const x = points[3 * v].toFixed(3);
    const y = points[3 * v + 1].toFixed(3);
    const z = points[3 * v + 2].toFixed(3);
    lines.push(`${v}  ${x}  ${y}  ${z} 0.0000000000`);
  }
  return lines.join('\n') + '\n';
}

export function parseLabel(text: string): LabelFile {
  const lines = text.split(/\r?\n/);
  const count = Number(lines[1]);
  if (!Number.isInteger(count) || count < 0)
    throw new LabelFileError(`line 2 must be the row count, found ${JSON.stringify(lines[1])}`);
  const vertices = new Uint32Array(count);
  const coords = new Float32Array(3 * count);
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const cols = (lines[i + 2] ?? '').trim().split(/\s+/).map(Number);
    if (cols.length !== 5 || cols.some((c) => !Number.isFinite(c)))
      throw new LabelFileError(
        `line ${i + 3}: expected "vertex x y z value", found ${JSON.stringify(lines[i + 2] ?? '')}`,
      );
    vertices[i] = cols[0];
    coords.set(cols.slice(1, 4), 3 * i);
    values[i] = cols[4];
  }
  return { vertices, coords, values };
}
