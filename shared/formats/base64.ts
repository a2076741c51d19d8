/** Base64 → bytes, skipping whitespace (GIFTI payloads are wrapped). Throws on any other stray character. */

const LOOKUP = new Int16Array(256).fill(-1);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;
const WHITESPACE = new Set([9, 10, 13, 32]);

export function decodeBase64(text: string, start = 0, end = text.length): Uint8Array {
  const out = new Uint8Array(Math.ceil(((end - start) * 3) / 4));
  let acc = 0;
  let bits = 0;
  let n = 0;
  let padding = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 61 /* = */) {
      padding++;
      continue;
    }
    const v = c < 256 ? LOOKUP[c] : -1;
    if (v < 0) {
      if (WHITESPACE.has(c)) continue;
      throw new Error(`invalid base64 character ${JSON.stringify(text[i])} at offset ${i - start}`);
    }
    if (padding > 0) throw new Error('invalid base64: data after padding');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  if (bits >= 6) throw new Error('invalid base64: truncated final quantum');
  return out.subarray(0, n);
}

const ENC = ALPHABET;

/** Bytes → base64 (no line breaks). */
export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk = 3 * 4096;
  for (let start = 0; start < bytes.length; start += chunk) {
    let s = '';
    const end = Math.min(bytes.length, start + chunk);
    let i = start;
    for (; i + 2 < end; i += 3) {
      const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      s += ENC[v >> 18] + ENC[(v >> 12) & 63] + ENC[(v >> 6) & 63] + ENC[v & 63];
    }
    if (i < end) {
      const rest = end - i;
      const v = (bytes[i] << 16) | (rest > 1 ? bytes[i + 1] << 8 : 0);
      s += ENC[v >> 18] + ENC[(v >> 12) & 63] + (rest > 1 ? ENC[(v >> 6) & 63] : '=') + '=';
    }
    parts.push(s);
  }
  return parts.join('');
}
