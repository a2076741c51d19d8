/**
 * Unit vertex normals as pycortex computes them: the mean of the unit normals of the faces
 * around a vertex (degenerate faces count as zero vectors), normalised again. A vertex in no
 * face gets NaN, like pycortex's 0/0.
 */
export function vertexNormals(points: ArrayLike<number>, triangles: ArrayLike<number>): Float64Array {
  const n = points.length / 3;
  const acc = new Float64Array(3 * n);
  for (let t = 0; t < triangles.length; t += 3) {
    const a = triangles[t];
    const b = triangles[t + 1];
    const c = triangles[t + 2];
    const ux = points[3 * b] - points[3 * a];
    const uy = points[3 * b + 1] - points[3 * a + 1];
    const uz = points[3 * b + 2] - points[3 * a + 2];
    const vx = points[3 * c] - points[3 * a];
    const vy = points[3 * c + 1] - points[3 * a + 1];
    const vz = points[3 * c + 2] - points[3 * a + 2];
    let nx = uy * vz - uz * vy;
    let ny = uz * vx - ux * vz;
    let nz = ux * vy - uy * vx;
    const len = Math.sqrt(nx * nx + ny * ny + nz * nz);
    if (len > 0) {
      nx /= len;
      ny /= len;
      nz /= len;
    } else {
      nx = ny = nz = 0;
    }
    for (const v of [a, b, c]) {
      acc[3 * v] += nx;
      acc[3 * v + 1] += ny;
      acc[3 * v + 2] += nz;
    }
  }
  for (let i = 0; i < n; i++) {
    const len = Math.hypot(acc[3 * i], acc[3 * i + 1], acc[3 * i + 2]);
    acc[3 * i] /= len;
    acc[3 * i + 1] /= len;
    acc[3 * i + 2] /= len;
  }
  return acc;
}
