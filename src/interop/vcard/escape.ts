import type { VCardVersion } from "./types.js";

// Text escapes differ by version. 3.0 and 4.0 escape \ , ; and line breaks (and Google writes
// `\:` in URLs). 2.1 has only `\;` inside compound values; a line break there is
// quoted-printable, and `\n` is two characters ("C:\new" stays as it is).

function escapedChar(next: string, version: VCardVersion): string | null {
  if (next === "\\" || next === ";" || next === ",") return next;
  if (version === "2.1") return null;
  if (next === "n" || next === "N") return "\n";
  if (next === ":") return ":";
  return null;
}

/**
 * Splits a value on `separator` where it is not escaped and unescapes each part; with no
 * separator, unescapes the whole value as one part.
 */
export function splitValue(raw: string, separator: ";" | "," | null, version: VCardVersion): string[] {
  if (!raw.includes("\\") && (separator === null || !raw.includes(separator))) return [raw];
  const parts: string[] = [];
  let part = "";
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i] as string;
    if (char === "\\" && i + 1 < raw.length) {
      const unescaped = escapedChar(raw[i + 1] as string, version);
      if (unescaped !== null) {
        part += unescaped;
        i++;
        continue;
      }
    }
    if (char === separator) {
      parts.push(part);
      part = "";
    } else {
      part += char;
    }
  }
  parts.push(part);
  return parts;
}

/** A text value unescaped. */
export const unescapeText = (raw: string, version: VCardVersion): string =>
  splitValue(raw, null, version)[0] as string;

/**
 * Escapes text for a value. `list` marks values whose commas separate items (CATEGORIES,
 * NICKNAME), where 2.1 needs `\,` too. In 2.1, line breaks stay: the writer encodes them as
 * quoted-printable.
 */
export function escapeText(text: string, version: VCardVersion, list = false): string {
  if (version === "2.1") {
    return text.replace(list ? /[\\;,]/g : /[\\;]/g, (char) => `\\${char}`);
  }
  return text.replace(/[\\;,\n]/g, (char) => (char === "\n" ? "\\n" : `\\${char}`));
}

/** Escapes a URI value: only a backslash, which readers of Google's `http\://` would take as one. */
export const escapeUri = (uri: string): string => uri.replaceAll("\\", "\\\\");
