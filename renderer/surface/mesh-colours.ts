import type { NVMesh } from '@niivue/niivue';

/**
 * Rewrite vertex colours straight in a Niivue mesh's GPU buffer, so a recolour costs a copy and
 * one upload instead of Niivue recomputing normals and repacking the whole mesh. Niivue packs a
 * vertex as 20 bytes (xyz float32, packed normal, RGBA) when `f32PerVertex` is 5; for any other
 * layout, or a mesh with Niivue layers, the writes report false and the caller updates the mesh.
 */
export class MeshColourWriter {
  /** the vertex buffer as on the GPU, one uint32 per 4 bytes; read back after each geometry update */
  private packed: Uint32Array | null = null;

  constructor(
    private readonly gl: WebGL2RenderingContext,
    private readonly mesh: NVMesh,
  ) {}

  /** Niivue rebuilt the buffer (new positions or triangles): the copy must be read again. */
  geometryChanged(): void {
    this.packed = null;
  }

  private usable(): boolean {
    return this.mesh.f32PerVertex === 5 && (this.mesh.layers?.length ?? 0) === 0;
  }

  /** Every vertex's colour (RGBA bytes, 4 per vertex). */
  writeAll(colours: Uint8Array): boolean {
    if (!this.usable()) return false;
    const gl = this.gl;
    const rgba = asWords(colours);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.mesh.vertexBuffer);
    if (!this.packed || this.packed.length !== 5 * rgba.length) {
      this.packed = new Uint32Array(5 * rgba.length);
      gl.getBufferSubData(gl.ARRAY_BUFFER, 0, this.packed);
    }
    const packed = this.packed;
    for (let v = 0; v < rgba.length; v++) packed[5 * v + 4] = rgba[v];
    gl.bufferSubData(gl.ARRAY_BUFFER, 0, packed);
    gl.bindBuffer(gl.ARRAY_BUFFER, null);
    return true;
  }

  /** The colours of a few vertices (the linked cursor), each written on its own. */
  writeSome(colours: Uint8Array, vertices: readonly number[]): boolean {
    if (!this.usable()) return false;
    const gl = this.gl;
    const rgba = asWords(colours);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.mesh.vertexBuffer);
    for (const v of vertices) {
      gl.bufferSubData(gl.ARRAY_BUFFER, 20 * v + 16, colours, 4 * v, 4);
      if (this.packed) this.packed[5 * v + 4] = rgba[v];
    }
    gl.bindBuffer(gl.ARRAY_BUFFER, null);
    return true;
  }
}

/** RGBA bytes seen as one word per vertex (byte order kept, whatever the platform's). */
function asWords(colours: Uint8Array): Uint32Array {
  return new Uint32Array(colours.buffer, colours.byteOffset, colours.length / 4);
}
