/** Typed arrays the flatmap engine hands to its worker threads. */
export type ShareableArray = Float64Array | Float32Array | Uint32Array | Int32Array | Uint8Array;

/** `a` in shared memory (a copy unless it is there already), so every worker reads the same bytes. */
export function toShared<T extends ShareableArray>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const Ctor = a.constructor as new (b: SharedArrayBuffer) => T;
  const copy = new Ctor(new SharedArrayBuffer(a.byteLength));
  copy.set(a as never);
  return copy;
}
