/**
 * Boundary loops of the flat mesh, traced in pycortex's order (pycortex-formats.md §4.3 steps
 * 1–3). The order matters: the mask fills the two longest loops and overlays.svg writes them,
 * longest first, as its clip path.
 */

/**
 * Edges used by exactly one triangle, in order of first appearance, as (small, large) vertex
 * pairs. Each triangle is sorted ascending (a < b < c) and contributes (a,b), (b,c), (a,c).
 */
export function boundaryEdges(triangles: Uint32Array): Uint32Array {
  const nEdges = triangles.length;
  const lo = new Uint32Array(nEdges);
  const hi = new Uint32Array(nEdges);
  let maxVertex = 0;
  for (let t = 0; t < triangles.length; t += 3) {
    let a = triangles[t];
    let b = triangles[t + 1];
    let c = triangles[t + 2];
    if (a > b) [a, b] = [b, a];
    if (b > c) [b, c] = [c, b];
    if (a > b) [a, b] = [b, a];
    lo[t] = a;
    hi[t] = b;
    lo[t + 1] = b;
    hi[t + 1] = c;
    lo[t + 2] = a;
    hi[t + 2] = c;
    if (c > maxVertex) maxVertex = c;
  }
  // bucket edges by their smaller vertex (CSR), then count duplicates within each small bucket
  const start = new Uint32Array(maxVertex + 2);
  for (let e = 0; e < nEdges; e++) start[lo[e] + 1]++;
  for (let v = 0; v <= maxVertex; v++) start[v + 1] += start[v];
  const fill = start.slice(0, maxVertex + 1);
  const bucket = new Uint32Array(nEdges);
  for (let e = 0; e < nEdges; e++) bucket[fill[lo[e]]++] = e;

  const shared = new Uint8Array(nEdges);
  for (let v = 0; v <= maxVertex; v++) {
    const end = start[v + 1];
    for (let i = start[v]; i < end; i++) {
      const ei = bucket[i];
      for (let j = i + 1; j < end; j++) {
        const ej = bucket[j];
        if (hi[ei] === hi[ej]) shared[ei] = shared[ej] = 1;
      }
    }
  }
  let count = 0;
  for (let e = 0; e < nEdges; e++) if (!shared[e]) count++;
  const out = new Uint32Array(2 * count);
  let k = 0;
  for (let e = 0; e < nEdges; e++) {
    if (shared[e]) continue;
    out[k++] = lo[e];
    out[k++] = hi[e];
  }
  return out;
}

/**
 * All boundary loops (§4.3 step 2): adjacency in boundary-edge order; each walk starts at the
 * smallest vertex that still has edges and follows the first remaining neighbour, consuming
 * edges, until it returns to its start (which is then listed twice) or dead-ends.
 */
export function traceBoundaryLoops(triangles: Uint32Array): number[][] {
  const edges = boundaryEdges(triangles);
  const conn = new Map<number, number[]>();
  const link = (a: number, b: number) => {
    const list = conn.get(a);
    if (list) list.push(b);
    else conn.set(a, [b]);
  };
  for (let i = 0; i < edges.length; i += 2) {
    link(edges[i], edges[i + 1]);
    link(edges[i + 1], edges[i]);
  }
  const order = [...conn.keys()].sort((a, b) => a - b);
  const unlink = (a: number, b: number) => {
    const list = conn.get(a)!;
    list.splice(list.indexOf(b), 1);
    if (list.length === 0) conn.delete(a);
  };

  const loops: number[][] = [];
  let next = 0;
  for (;;) {
    while (next < order.length && !conn.has(order[next])) next++;
    if (next === order.length) break;
    const loop = [order[next]];
    for (;;) {
      const here = loop[loop.length - 1];
      if (loop.length > 1 && here === loop[0]) break;
      const list = conn.get(here);
      if (!list) break; // dead end (pycortex would raise here; an open chain is kept as is)
      const step = list[0];
      unlink(step, here);
      unlink(here, step);
      loop.push(step);
    }
    loops.push(loop);
  }
  return loops;
}

/**
 * The two longest loops, longest first (§4.3 step 3). Ties resolve like numpy's argsort on a
 * short list (stable ascending, then taken from the end): the later loop wins.
 */
export function twoLongestLoops(loops: number[][]): [number[], number[]] {
  if (loops.length < 2) throw new Error(`the flat mesh has ${loops.length} boundary loop(s), need 2`);
  const idx = loops.map((_, i) => i).sort((a, b) => loops[a].length - loops[b].length || a - b);
  return [loops[idx[idx.length - 1]], loops[idx[idx.length - 2]]];
}
