import { isStorableText } from "./text.js";

// A page cursor only says where the next page starts: every list still applies the viewer's
// visibility to what it returns, so a forged cursor shows nothing its holder could not page
// to. The checksum is therefore no secret (FNV-1a, not an HMAC): it catches a cursor that was
// cut, garbled or edited, or that belongs to another list, before any part of it reaches a
// store. What keeps the store safe from a crafted one is that every decoded part must still be
// storable text, as any other input.

const version = 1;
/** The version byte, then the 4-byte checksum, then the UTF-8 JSON array of the parts. */
const headerLength = 5;

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** FNV-1a, 32 bits, over the list's name, a zero byte and the payload. */
function checksum(list: string, payload: Uint8Array): number {
  let hash = 0x811c9dc5;
  const add = (byte: number) => {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  };
  for (const byte of utf8.encode(list)) add(byte);
  add(0);
  for (const byte of payload) add(byte);
  return hash;
}

// btoa/atob rather than Buffer: the domain runs in browsers too.
function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** The bytes of a base64url string in the one spelling {@link toBase64Url} gives, else `null`. */
function fromBase64Url(encoded: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(encoded)) return null;
  let binary: string;
  try {
    binary = atob(encoded.replaceAll("-", "+").replaceAll("_", "/"));
  } catch {
    return null;
  }
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  // atob ignores the unused low bits of the last character: two spellings of one cursor would
  // both pass, and "a changed cursor is refused" would not hold.
  return toBase64Url(bytes) === encoded ? bytes : null;
}

/**
 * An opaque, URL-safe cursor for a position in `list` (`"book"`, `"trash"`…) made of `parts`.
 *
 * @example
 * const cursor = sealCursor("trash", ["2026-05-01T00:00:00.000Z", "con_1"]);
 * openCursor("trash", cursor, 2) // ["2026-05-01T00:00:00.000Z", "con_1"]
 */
export function sealCursor(list: string, parts: readonly string[]): string {
  const payload = utf8.encode(JSON.stringify(parts));
  const bytes = new Uint8Array(headerLength + payload.length);
  bytes[0] = version;
  new DataView(bytes.buffer).setUint32(1, checksum(list, payload));
  bytes.set(payload, headerLength);
  return toBase64Url(bytes);
}

/**
 * The `arity` parts of a cursor {@link sealCursor} made for `list`; `null` for anything else —
 * a changed or cut cursor, another list's, another version's, or one whose parts are not
 * storable text. Never throws. The caller checks what each part must be (an id, an instant…).
 */
export function openCursor(list: string, cursor: string, arity: number): string[] | null {
  const bytes = fromBase64Url(cursor);
  if (bytes === null || bytes.length < headerLength || bytes[0] !== version) return null;
  const payload = bytes.subarray(headerLength);
  if (new DataView(bytes.buffer).getUint32(1) !== checksum(list, payload)) return null;
  let parts: unknown;
  try {
    parts = JSON.parse(strictUtf8.decode(payload));
  } catch {
    return null;
  }
  if (!Array.isArray(parts) || parts.length !== arity) return null;
  return parts.every((part): part is string => typeof part === "string" && isStorableText(part))
    ? parts
    : null;
}
