import { decodeBase64 } from '../../shared/formats/base64.js';

const CLEAN = /^[A-Za-z0-9+/\s]*(={0,2})\s*$/;

/**
 * Node's native base64 decoder for GIFTI payloads (an order of magnitude faster than the
 * portable one). Node skips characters it does not know, so anything that is not plain
 * base64 goes to the portable decoder, which names the bad character.
 */
export function nodeBase64(text: string, start: number, end: number): Uint8Array {
  const s = text.slice(start, end);
  if (!CLEAN.test(s)) return decodeBase64(text, start, end);
  const b = Buffer.from(s, 'base64');
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
