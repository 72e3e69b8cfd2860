import type { Region } from "../../domain/phone.js";
import type { ContactRecord } from "../record.js";
import { shiftJisBytes } from "../shift-jis.js";
import { foldLine } from "./fold.js";
import { encodeQuotedPrintable } from "./quoted-printable.js";
import { type OutProperty, propertiesOf } from "./to-properties.js";
import { type DateLabels, defaultDateLabels, type VCardVersion } from "./types.js";

/** How to write a vCard; every option has a default. */
export interface VCardWriteOptions {
  /** Default `3.0`, what iOS, Android and Google Contacts import best. */
  readonly version?: VCardVersion;
  /**
   * R8: a phone is written as typed when it reads as the same E.164 number in this region
   * (else as its E.164 form). Default `JP`; use the region the file will be read in.
   */
  readonly region?: Region;
  /** The date labels written as BDAY and ANNIVERSARY. Default `誕生日` and `記念日`. */
  readonly dateLabels?: DateLabels;
}

const maxOctets = 75;

function headerOf(property: OutProperty): string {
  const group = property.group === null ? "" : `${property.group}.`;
  return `${group}${property.name}${property.params.map((param) => `;${param}`).join("")}`;
}

function cardLines(
  record: ContactRecord,
  options: VCardWriteOptions,
): { version: VCardVersion; properties: OutProperty[] } {
  const version = options.version ?? "3.0";
  const properties = propertiesOf(record, {
    version,
    region: options.region ?? "JP",
    dateLabels: options.dateLabels ?? defaultDateLabels,
  });
  return { version, properties };
}

/**
 * One card as vCard 3.0 or 4.0 text: CRLF line ends, lines folded at 75 octets without
 * splitting a character, text escaped. 3.0 carries readings as X-PHONETIC-*; 4.0 as an RFC 9554
 * phonetic N with SORT-AS (and X-PHONETIC-* for readers that know only those). Concatenate
 * cards for a file of many.
 *
 * @example
 * const vcf = records.map((record) => writeVCard(record, { version: "4.0" })).join("");
 */
export function writeVCard(
  record: ContactRecord,
  options: VCardWriteOptions & { version?: "3.0" | "4.0" } = {},
): string {
  const { version, properties } = cardLines(record, options);
  // 2.1 is bytes in Shift_JIS, not text; a caller without types could still ask for it here.
  if (version === "2.1") throw new RangeError("vCard 2.1 is written as bytes: use writeVCardBytes");
  const lines = [
    "BEGIN:VCARD",
    `VERSION:${version}`,
    "PRODID:-//partnerbook//partnerbook//EN",
    ...properties.map((property) => foldLine(`${headerOf(property)}:${property.value}`, maxOctets)),
    "END:VCARD",
  ];
  return `${lines.join("\r\n")}\r\n`;
}

/**
 * One card as the bytes of a file. 3.0 and 4.0 are UTF-8; 2.1 is Shift_JIS for the Japanese
 * phones that still want it: values beyond ASCII as `CHARSET=SHIFT_JIS` (UTF-8 for a value with
 * a character Shift_JIS lacks, so nothing is lost), quoted-printable where a value has line
 * breaks or would not fit a line, readings also as `SOUND;X-IRMC-N`.
 *
 * @example
 * const bytes = writeVCardBytes(record, { version: "2.1" });
 */
export function writeVCardBytes(record: ContactRecord, options: VCardWriteOptions = {}): Uint8Array {
  const { version = "3.0" } = options;
  if (version !== "2.1") return new TextEncoder().encode(writeVCard(record, { ...options, version }));
  const { properties } = cardLines(record, options);
  const chunks: Uint8Array[] = [ascii("BEGIN:VCARD\r\nVERSION:2.1\r\n")];
  for (const property of properties) chunks.push(...legacyLine(property));
  chunks.push(ascii("END:VCARD\r\n"));
  const joined = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (char) => char.charCodeAt(0));

/** The bytes of each code point of `value` in Shift_JIS, or in UTF-8 if any has no Shift_JIS. */
function unitsOf(value: string): { units: Uint8Array[]; charset: "SHIFT_JIS" | "UTF-8" } {
  const units: Uint8Array[] = [];
  for (const char of value) {
    const bytes = shiftJisBytes(char.codePointAt(0) as number);
    if (bytes === null) {
      const encoder = new TextEncoder();
      return { units: Array.from(value, (c) => encoder.encode(c)), charset: "UTF-8" };
    }
    units.push(bytes);
  }
  return { units, charset: "SHIFT_JIS" };
}

/** A 2.1 content line (or, for base64, lines up to the empty line that ends them). */
function legacyLine(property: OutProperty): Uint8Array[] {
  const header = headerOf(property);
  if (property.base64 === true) {
    // 2.1 base64 runs on indented lines and ends at an empty one.
    const lines = property.value.match(/.{1,72}/g) ?? [];
    return [ascii(`${header}:\r\n${lines.map((line) => `  ${line}\r\n`).join("")}\r\n`)];
  }
  const { value } = property;
  const plain = /^[\x20-\x7e]*$/.test(value);
  if (plain && header.length + 1 + value.length <= maxOctets) return [ascii(`${header}:${value}\r\n`)];
  const { units, charset } = unitsOf(value.replaceAll("\n", "\r\n"));
  const withCharset = plain ? header : `${header};CHARSET=${charset}`;
  const length = units.reduce((sum, unit) => sum + unit.length, 0);
  if (!/\p{Cc}/u.test(value) && withCharset.length + 1 + length <= maxOctets) {
    return [ascii(`${withCharset}:`), ...units, ascii("\r\n")];
  }
  const encoded = `${withCharset};ENCODING=QUOTED-PRINTABLE`;
  return [ascii(`${encoded}:${encodeQuotedPrintable(units, encoded.length + 1, maxOctets)}\r\n`)];
}
