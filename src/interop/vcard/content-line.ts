import { decodeBytes, latin1 } from "../charset.js";
import type { VCardVersion } from "./types.js";

const COLON = 0x3a;
const QUOTE = 0x22;

/** A content line split into its parts; the value is still bytes in its transfer encoding. */
export interface RawProperty {
  readonly group: string | null;
  /** Upper case. */
  readonly name: string;
  /** The parameters as written, `NAME=value` or a bare 2.1 value, quotes kept. */
  readonly params: readonly string[];
  readonly value: Uint8Array;
  readonly line: number;
}

/** Parameter names upper case, each with every value it was given (lists split, quotes off). */
export type Params = ReadonlyMap<string, readonly string[]>;

const bareEncodings = new Set(["QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"]);

/** Splits on `separator` outside double quotes. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if (char === separator && !quoted) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}

/** Splits a content line at its first colon outside quotes; `null` when it has none. */
export function splitContentLine(bytes: Uint8Array, line: number): RawProperty | null {
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === QUOTE) quoted = !quoted;
    else if (byte === COLON && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return null;
  const header = headerText(bytes.subarray(0, colon));
  const [head = "", ...params] = splitOutsideQuotes(header, ";");
  const dot = head.indexOf(".");
  return {
    group: dot < 0 ? null : head.slice(0, dot),
    name: (dot < 0 ? head : head.slice(dot + 1)).trim().toUpperCase(),
    params,
    value: bytes.subarray(colon + 1),
    line,
  };
}

// A header is ASCII but for quoted parameter values, which are UTF-8 in 3.0/4.0 and may be in
// the property's own CHARSET in a 2.1 file.
function headerText(bytes: Uint8Array): string {
  const ascii = latin1(bytes);
  if (!/[\u0080-\u00ff]/.test(ascii)) return ascii;
  const charset = /;CHARSET=([^;:]+)/i.exec(ascii)?.[1] ?? null;
  const decoded = decodeBytes(bytes, charset, "utf-8");
  return decoded.ok ? decoded.text : new TextDecoder().decode(bytes);
}

/** The name of the property a (possibly cut) content line starts, for reporting it. */
export function propertyNameOf(bytes: Uint8Array): string | null {
  const head = latin1(bytes.subarray(0, 80));
  const match = /^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)/.exec(head);
  return match?.[1]?.toUpperCase() ?? null;
}

// RFC 6868: ^n is a line break, ^' a double quote, ^^ a caret (vCard 4.0 parameter values).
const caretEscape = /\^(n|N|'|\^)/g;
const uncaret = (value: string) =>
  value.replace(caretEscape, (_, c: string) => (c === "n" || c === "N" ? "\n" : c === "'" ? '"' : "^"));

function unquote(value: string, version: VCardVersion): string {
  const plain =
    value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  return version === "4.0" ? uncaret(plain) : plain;
}

/**
 * The parameters of a property by name. A bare 2.1 parameter (`TEL;CELL;PREF`) is a TYPE, or
 * an ENCODING when it names one; values listed with commas (`TYPE=WORK,VOICE`) or repeated
 * (`type=WORK;type=VOICE`) are all kept.
 */
export function parseParams(raw: readonly string[], version: VCardVersion): Params {
  const params = new Map<string, string[]>();
  const add = (name: string, value: string) => {
    const values = params.get(name);
    if (values === undefined) params.set(name, [value]);
    else values.push(value);
  };
  for (const param of raw) {
    const equals = param.indexOf("=");
    if (equals < 0) {
      const bare = param.trim();
      if (bare === "") continue;
      add(bareEncodings.has(bare.toUpperCase()) ? "ENCODING" : "TYPE", bare);
      continue;
    }
    const name = param.slice(0, equals).trim().toUpperCase();
    for (const value of splitOutsideQuotes(param.slice(equals + 1), ","))
      add(name, unquote(value.trim(), version));
  }
  return params;
}

/** The first value of a parameter, or `null`. */
export const paramOf = (params: Params, name: string): string | null => params.get(name)?.[0] ?? null;

/** Whether a list parameter (TYPE) holds `value`, in any case. */
export const hasType = (params: Params, value: string): boolean =>
  (params.get("TYPE") ?? []).some((type) => type.toLowerCase() === value.toLowerCase());
