import { decodeBytes, latin1 } from "../charset.js";
import { decodeBase64 } from "./base64.js";
import { hasType, type Params, paramOf, parseParams, type RawProperty } from "./content-line.js";
import { decodeQuotedPrintable } from "./quoted-printable.js";
import type { VCardIssue, VCardVersion } from "./types.js";

/** How a card's values are to be decoded. */
export interface DecodeContext {
  readonly version: VCardVersion;
  /**
   * The file came as text: a value in no transfer encoding is already Unicode, whatever its
   * CHARSET says; only quoted-printable and base64 values still have bytes in a charset.
   */
  readonly textInput: boolean;
  /** For values that name no CHARSET; `null` is UTF-8. */
  readonly defaultCharset: string | null;
  /** Tried when a value that names no CHARSET is not valid in the default. */
  readonly fallbackCharset: string | null;
}

/** A property with its value as text in the file's escaping, not yet unescaped or split. */
export interface Property {
  readonly group: string | null;
  readonly name: string;
  readonly params: Params;
  readonly line: number;
  readonly raw: string;
  /** The value is base64 of binary data (an inline photo), left for its reader to decode. */
  readonly base64: boolean;
}

// Properties whose base64 is binary data; any other property in base64 is text in a charset.
const binaryProperties = new Set(["PHOTO", "LOGO", "KEY", "SOUND"]);

/** A property's value decoded from its transfer encoding and charset, or why it could not be. */
export function decodeProperty(
  raw: RawProperty,
  context: DecodeContext,
): { ok: true; property: Property } | { ok: false; issue: VCardIssue } {
  const params = parseParams(raw.params, context.version);
  const encoding = (paramOf(params, "ENCODING") ?? "").toUpperCase();
  const base64 = encoding === "B" || encoding === "BASE64";
  const fail = (code: VCardIssue["code"], message: string) => ({
    ok: false as const,
    issue: { code, line: raw.line, property: raw.name, message },
  });
  const property = (text: string, binary: boolean) => ({
    ok: true as const,
    property: { group: raw.group, name: raw.name, params, line: raw.line, raw: text, base64: binary },
  });
  if (base64 && binaryProperties.has(raw.name) && !hasType(params, "X-IRMC-N")) {
    return property(latin1(raw.value), true);
  }
  let bytes = raw.value;
  let encoded = false;
  if (encoding === "QUOTED-PRINTABLE") {
    bytes = decodeQuotedPrintable(bytes).bytes;
    encoded = true;
  } else if (base64) {
    const decoded = decodeBase64(latin1(bytes));
    if (decoded === null) return fail("INVALID_ENCODING", `${raw.name} is not valid base64`);
    bytes = decoded;
    encoded = true;
  }
  const declared = paramOf(params, "CHARSET");
  const charset = context.textInput && !encoded ? "utf-8" : (declared ?? context.defaultCharset);
  const fallback = declared === null ? context.fallbackCharset : null;
  const text = decodeBytes(bytes, charset, fallback);
  if (text.ok) return property(text.text, false);
  return text.code === "UNKNOWN_CHARSET"
    ? fail("UNKNOWN_CHARSET", `${raw.name} is in ${text.charset}, a charset this platform cannot decode`)
    : fail("INVALID_BYTES", `${raw.name} has bytes that are not valid ${text.charset}`);
}
