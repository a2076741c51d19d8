/** Neighbours of every vertex along triangle edges: row v is `indices[indptr[v] .. indptr[v+1])`. */
export interface VertexAdjacency {
  indptr: Uint32Array;
  indices: Uint32Array;
}

/** CSR adjacency of n vertices (duplicates kept: harmless for walks and neighbour tests). */
export function vertexAdjacency(triangles: Uint32Array, n: number): VertexAdjacency {
  const indptr = new Uint32Array(n + 1);
  for (let t = 0; t < triangles.length; t++) indptr[triangles[t] + 1] += 2;
  for (let v = 0; v < n; v++) indptr[v + 1] += indptr[v];
  const fill = indptr.slice(0, n);
  const indices = new Uint32Array(indptr[n]);
  for (let t = 0; t + 2 < triangles.length; t += 3) {
    const a = triangles[t];
    const b = triangles[t + 1];
    const c = triangles[t + 2];
    indices[fill[a]++] = b;
    indices[fill[a]++] = c;
    indices[fill[b]++] = a;
    indices[fill[b]++] = c;
    indices[fill[c]++] = a;
    indices[fill[c]++] = b;
  }
  return { indptr, indices };
}
