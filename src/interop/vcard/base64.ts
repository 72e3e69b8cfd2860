// Base64 for inline photos, on bytes (atob/btoa work on "binary strings" and throw on the
// white space folded values are full of).

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const values = new Int8Array(128).fill(-1);
for (let i = 0; i < alphabet.length; i++) values[alphabet.charCodeAt(i)] = i;
// base64url, which some exporters use in data: URIs.
values[0x2d] = 62;
values[0x5f] = 63;

/** The number of bytes base64 text stands for, white space and padding not counted. */
export function base64Length(text: string): number {
  let symbols = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128 && (values[code] as number) >= 0) symbols++;
  }
  return Math.floor((symbols * 3) / 4);
}

/** Decodes base64, skipping white space; `null` if anything else is not base64. */
export function decodeBase64(text: string): Uint8Array | null {
  const bytes = new Uint8Array(base64Length(text));
  let length = 0;
  let buffer = 0;
  let bits = 0;
  let padded = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) continue;
    if (code === 0x3d) {
      padded = true;
      continue;
    }
    const value = code < 128 ? (values[code] as number) : -1;
    if (value < 0 || padded) return null;
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[length++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes.subarray(0, length);
}

/** Encodes bytes as base64, with padding. */
export function encodeBase64(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    text += alphabet[(triple >> 18) & 63];
    text += alphabet[(triple >> 12) & 63];
    text += b === undefined ? "=" : alphabet[(triple >> 6) & 63];
    text += c === undefined ? "=" : alphabet[triple & 63];
  }
  return text;
}
