/**
 * A geodesic sphere: the icosahedron with every triangle split in four, `level` times.
 * Unit vertices, triangles counter-clockwise seen from outside. 10·4^level + 2 vertices.
 */
export interface UnitSphere {
  points: Float64Array;
  triangles: Uint32Array;
}

export function icosphere(level: number): UnitSphere {
  const g = (1 + Math.sqrt(5)) / 2;
  const pts: number[] = [];
  const base = [
    [-1, g, 0],
    [1, g, 0],
    [-1, -g, 0],
    [1, -g, 0],
    [0, -1, g],
    [0, 1, g],
    [0, -1, -g],
    [0, 1, -g],
    [g, 0, -1],
    [g, 0, 1],
    [-g, 0, -1],
    [-g, 0, 1],
  ];
  const push = (x: number, y: number, z: number) => {
    const n = Math.hypot(x, y, z);
    pts.push(x / n, y / n, z / n);
    return pts.length / 3 - 1;
  };
  for (const [x, y, z] of base) push(x, y, z);
  let faces = [
    0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11, 1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8, 3, 9, 4,
    3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9, 4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1,
  ];
  for (let l = 0; l < level; l++) {
    const mid = new Map<number, number>();
    const midpoint = (a: number, b: number) => {
      const key = a < b ? a * 1e7 + b : b * 1e7 + a;
      let m = mid.get(key);
      if (m === undefined) {
        m = push(pts[3 * a] + pts[3 * b], pts[3 * a + 1] + pts[3 * b + 1], pts[3 * a + 2] + pts[3 * b + 2]);
        mid.set(key, m);
      }
      return m;
    };
    const next: number[] = [];
    for (let t = 0; t < faces.length; t += 3) {
      const [a, b, c] = [faces[t], faces[t + 1], faces[t + 2]];
      const ab = midpoint(a, b);
      const bc = midpoint(b, c);
      const ca = midpoint(c, a);
      next.push(a, ab, ca, b, bc, ab, c, ca, bc, ab, bc, ca);
    }
    faces = next;
  }
  return { points: Float64Array.from(pts), triangles: Uint32Array.from(faces) };
}

/** The sphere turned by `angle` radians about its z axis (the lateral pole): same mesh, other vertex positions. */
export function rotateAboutZ(sphere: UnitSphere, angle: number): UnitSphere {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const points = new Float64Array(sphere.points.length);
  for (let i = 0; i < points.length; i += 3) {
    const x = sphere.points[i];
    const y = sphere.points[i + 1];
    points[i] = c * x - s * y;
    points[i + 1] = s * x + c * y;
    points[i + 2] = sphere.points[i + 2];
  }
  return { points, triangles: sphere.triangles };
}

/**
 * Every `every`-th triangle split in three at its (re-normalised) centroid, new vertices
 * appended: still a closed, consistently oriented mesh, with a different vertex count.
 */
export function splitEveryNth(sphere: UnitSphere, every: number): UnitSphere {
  const pts = Array.from(sphere.points);
  const tris: number[] = [];
  const t = sphere.triangles;
  for (let i = 0; i < t.length; i += 3) {
    const [a, b, c] = [t[i], t[i + 1], t[i + 2]];
    if ((i / 3) % every !== 0) {
      tris.push(a, b, c);
      continue;
    }
    const m = pts.length / 3;
    const x = pts[3 * a] + pts[3 * b] + pts[3 * c];
    const y = pts[3 * a + 1] + pts[3 * b + 1] + pts[3 * c + 1];
    const z = pts[3 * a + 2] + pts[3 * b + 2] + pts[3 * c + 2];
    const n = Math.hypot(x, y, z);
    pts.push(x / n, y / n, z / n);
    tris.push(a, b, m, b, c, m, c, a, m);
  }
  return { points: Float64Array.from(pts), triangles: Uint32Array.from(tris) };
}
