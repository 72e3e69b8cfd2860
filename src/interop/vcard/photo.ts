import type { ContactPhoto } from "../record.js";
import { base64Length, decodeBase64 } from "./base64.js";
import { type Params, paramOf } from "./content-line.js";
import { unescapeText } from "./escape.js";
import { fieldLimits } from "./limits.js";
import type { Property } from "./property.js";
import type { VCardIssueCode, VCardVersion } from "./types.js";

/** A PHOTO read: a URL, bytes carried inline, or why neither. */
export type PhotoValue =
  | { readonly kind: "url"; readonly url: string }
  | { readonly kind: "inline"; readonly photo: ContactPhoto }
  | { readonly kind: "refused"; readonly code: VCardIssueCode; readonly message: string };

/** `TYPE=JPEG` (2.1, 3.0) or `MEDIATYPE=image/jpeg` (4.0) as a media type. */
function mediaTypeOf(params: Params): string | null {
  const type = paramOf(params, "MEDIATYPE") ?? paramOf(params, "TYPE");
  if (type === null || type.trim() === "") return null;
  const lower = type.trim().toLowerCase();
  return lower.includes("/") ? lower : `image/${lower}`;
}

function inline(base64: string, mediaType: string | null, maxBytes: number): PhotoValue {
  const size = base64Length(base64);
  if (size > maxBytes) {
    return {
      kind: "refused",
      code: "PHOTO_TOO_LARGE",
      message: `the photo is ${size} bytes, over ${maxBytes}`,
    };
  }
  const data = decodeBase64(base64);
  if (data === null)
    return { kind: "refused", code: "INVALID_PHOTO", message: "the photo is not valid base64" };
  return { kind: "inline", photo: { mediaType, data } };
}

// data:[<media type>][;base64],<data> (RFC 2397), as vCard 4.0 carries inline photos.
const dataUri = /^data:([^,;]*)((?:;[^,;]*)*),(.*)$/is;

/** The bytes of a percent-encoded data: URI payload (`%XX` a byte, anything else its UTF-8). */
function percentDecoded(payload: string): Uint8Array {
  const text = new TextEncoder().encode(payload);
  const bytes = new Uint8Array(text.length);
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const escaped =
      text[i] === 0x25
        ? /^[0-9a-f]{2}$/i.exec(String.fromCharCode(text[i + 1] ?? 0, text[i + 2] ?? 0))
        : null;
    if (escaped !== null) {
      bytes[length++] = Number.parseInt(escaped[0], 16);
      i += 2;
    } else {
      bytes[length++] = text[i] as number;
    }
  }
  return bytes.subarray(0, length);
}

// Not URL.canParse: browsers before 2023 lack it, and a reader must not throw.
function isUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** Reads a PHOTO property; inline photos over `maxBytes` are refused before they are decoded. */
export function readPhoto(property: Property, version: VCardVersion, maxBytes: number): PhotoValue {
  if (property.base64) return inline(property.raw, mediaTypeOf(property.params), maxBytes);
  return photoOfUri(unescapeText(property.raw, version).trim(), maxBytes);
}

/** A photo given as a URI (a `data:` URI, or an http(s) URL), as JSON formats also carry it. */
export function photoOfUri(value: string, maxBytes: number): PhotoValue {
  const data = dataUri.exec(value);
  if (data !== null) {
    const [, mediaType = "", flags = "", payload = ""] = data;
    if (/;base64/i.test(flags))
      return inline(payload, mediaType === "" ? null : mediaType.toLowerCase(), maxBytes);
    const bytes = percentDecoded(payload);
    if (bytes.length > maxBytes) {
      return {
        kind: "refused",
        code: "PHOTO_TOO_LARGE",
        message: `the photo is ${bytes.length} bytes, over ${maxBytes}`,
      };
    }
    return {
      kind: "inline",
      photo: { mediaType: mediaType === "" ? null : mediaType.toLowerCase(), data: bytes },
    };
  }
  if (/^https?:\/\//i.test(value) && value.length <= fieldLimits.photoUrl && isUrl(value)) {
    return { kind: "url", url: value };
  }
  return {
    kind: "refused",
    code: "INVALID_PHOTO",
    message: "the photo is neither inline nor at an http(s) URL",
  };
}
