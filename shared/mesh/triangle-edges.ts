/**
 * The two edge vectors of triangle (a, b, c) from corner a, u = b − a and v = c − a, and their
 * cross product u × v, of interleaved xyz points: written to `out` as
 * [ux, uy, uz, vx, vy, vz, cx, cy, cz]. Areas, normals and cotangents all start here.
 */
export function triangleEdges(
  p: ArrayLike<number>,
  a: number,
  b: number,
  c: number,
  out: Float64Array,
): void {
  const ux = p[3 * b] - p[3 * a];
  const uy = p[3 * b + 1] - p[3 * a + 1];
  const uz = p[3 * b + 2] - p[3 * a + 2];
  const vx = p[3 * c] - p[3 * a];
  const vy = p[3 * c + 1] - p[3 * a + 1];
  const vz = p[3 * c + 2] - p[3 * a + 2];
  out[0] = ux;
  out[1] = uy;
  out[2] = uz;
  out[3] = vx;
  out[4] = vy;
  out[5] = vz;
  out[6] = uy * vz - uz * vy;
  out[7] = uz * vx - ux * vz;
  out[8] = ux * vy - uy * vx;
}
