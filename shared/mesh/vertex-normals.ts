import { triangleEdges } from './triangle-edges.js';

/**
 * Unit vertex normals as pycortex computes them: the mean of the unit normals of the faces
 * around a vertex (degenerate faces count as zero vectors), normalised again. A vertex in no
 * face gets NaN, like pycortex's 0/0.
 */
export function vertexNormals(points: ArrayLike<number>, triangles: ArrayLike<number>): Float64Array {
  const n = points.length / 3;
  const acc = new Float64Array(3 * n);
  const e = new Float64Array(9);
  for (let t = 0; t < triangles.length; t += 3) {
    const a = triangles[t];
    const b = triangles[t + 1];
    const c = triangles[t + 2];
    triangleEdges(points, a, b, c, e);
    let nx = e[6];
    let ny = e[7];
    let nz = e[8];
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
