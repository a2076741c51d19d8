/**
 * Node's native base64 decoder for GIFTI payloads (an order of magnitude faster than the
 * portable one). Like Python's decoder (nibabel, so pycortex) it skips characters outside the
 * alphabet; the GIFTI parser checks the decoded size and, when the data is broken, names the
 * bad character with the strict portable decoder.
 */
export function nodeBase64(text: string, start: number, end: number): Uint8Array {
  const b = Buffer.from(text.slice(start, end), 'base64');
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
