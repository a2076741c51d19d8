/**
 * For each valid flat vertex, its neighbours in the full (fiducial/wm) mesh that are cut from the
 * flatmap — get_roi_verts adds these to every ROI that contains the valid vertex (§6.6 step 6).
 * CSR: the neighbours of vertex v are `indices[indptr[v] .. indptr[v+1])`, sorted, unique.
 */
export interface CutRing {
  indptr: Uint32Array;
  indices: Uint32Array;
}

/** Report an edge between a valid and a cut vertex as (valid, cut). */
function visitEdge(visit: (from: number, to: number) => void, valid: Uint8Array, a: number, b: number): void {
  if (valid[a]) visit(a, b);
  else visit(b, a);
}

/** `fullTriangles`: merged wm/fiducial triangles (right offset by nL); `valid`: 1 = in a flat triangle. */
export function buildCutRing(fullTriangles: Uint32Array, valid: Uint8Array): CutRing {
  const n = valid.length;
  const counts = new Uint32Array(n + 1);
  const each = (visit: (from: number, to: number) => void) => {
    for (let t = 0; t + 2 < fullTriangles.length; t += 3) {
      const a = fullTriangles[t];
      const b = fullTriangles[t + 1];
      const c = fullTriangles[t + 2];
      if (a >= n || b >= n || c >= n) throw new Error(`triangle ${t / 3} names a vertex beyond ${n}`);
      // only valid → cut edges matter
      if (valid[a] !== valid[b]) visitEdge(visit, valid, a, b);
      if (valid[b] !== valid[c]) visitEdge(visit, valid, b, c);
      if (valid[c] !== valid[a]) visitEdge(visit, valid, c, a);
    }
  };
  each((from) => counts[from + 1]++);
  for (let v = 0; v < n; v++) counts[v + 1] += counts[v];
  const fill = counts.slice(0, n);
  const raw = new Uint32Array(counts[n]);
  each((from, to) => (raw[fill[from]++] = to));

  // sort and de-duplicate each row
  const indptr = new Uint32Array(n + 1);
  const out: number[] = [];
  for (let v = 0; v < n; v++) {
    const row = raw.subarray(counts[v], counts[v + 1]);
    if (row.length > 1) row.sort();
    for (let k = 0; k < row.length; k++) if (k === 0 || row[k] !== row[k - 1]) out.push(row[k]);
    indptr[v + 1] = out.length;
  }
  return { indptr, indices: Uint32Array.from(out) };
}
