import type { NVMesh } from '@niivue/niivue';

/**
 * Rewrite the colours of a few vertices straight in the mesh's GPU buffer, so the linked cursor
 * moves without Niivue rebuilding positions and normals of the whole mesh. Niivue packs a vertex
 * as 20 bytes (xyz float32, packed normal, RGBA) when `f32PerVertex` is 5; returns false for any
 * other layout (the caller then updates the whole mesh).
 */
export function patchVertexColours(
  gl: WebGL2RenderingContext,
  mesh: NVMesh,
  colours: Uint8Array,
  vertices: readonly number[],
): boolean {
  if (mesh.f32PerVertex !== 5 || (mesh.layers?.length ?? 0) > 0) return false;
  gl.bindBuffer(gl.ARRAY_BUFFER, mesh.vertexBuffer);
  for (const v of vertices) gl.bufferSubData(gl.ARRAY_BUFFER, 20 * v + 16, colours, 4 * v, 4);
  gl.bindBuffer(gl.ARRAY_BUFFER, null);
  return true;
}
