// Quoted-printable (RFC 2045 §6.7) as vCard 2.1 uses it: for values with line breaks or bytes
// beyond ASCII, each such byte as =XX, lines kept short by soft breaks (`=` at the end of a line).
// Soft breaks are joined by the unfolder, on bytes, before this decodes what is left.

const EQUALS = 0x3d;

function hexValue(byte: number | undefined): number {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x37;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57;
  return -1;
}

/**
 * The bytes a quoted-printable value stands for. An `=` not followed by two hex digits is kept
 * as it is (`clean: false`): exporters that forget to encode `=` are common enough.
 */
export function decodeQuotedPrintable(value: Uint8Array): { bytes: Uint8Array; clean: boolean } {
  const bytes = new Uint8Array(value.length);
  let length = 0;
  let clean = true;
  for (let i = 0; i < value.length; i++) {
    const byte = value[i] as number;
    if (byte === EQUALS) {
      const high = hexValue(value[i + 1]);
      const low = hexValue(value[i + 2]);
      if (high >= 0 && low >= 0) {
        bytes[length++] = high * 16 + low;
        i += 2;
        continue;
      }
      // A last `=` is a soft break the unfolder had no next line to join.
      if (i === value.length - 1) break;
      clean = false;
    }
    bytes[length++] = byte;
  }
  return { bytes: bytes.subarray(0, length), clean };
}

const hex = (byte: number) => `=${byte.toString(16).toUpperCase().padStart(2, "0")}`;

function tokenOf(unit: Uint8Array, last: boolean): string {
  const byte = unit[0] as number;
  if (unit.length === 1 && byte !== EQUALS && ((byte > 0x20 && byte < 0x7f) || (byte === 0x20 && !last))) {
    return String.fromCharCode(byte);
  }
  return Array.from(unit, hex).join("");
}

/**
 * Encodes a value as quoted-printable, one unit (the bytes of one character) at a time so that
 * a character is never split by a soft break, in lines of at most `maxLine` octets; the first
 * line starts after `used` octets of header. Lines are joined with `=` CRLF.
 */
export function encodeQuotedPrintable(units: readonly Uint8Array[], used: number, maxLine = 75): string {
  const lines: string[] = [];
  let line = "";
  let width = used;
  units.forEach((unit, index) => {
    const token = tokenOf(unit, index === units.length - 1);
    // One octet stays free on every line for the soft break's `=`.
    if (width + token.length > maxLine - 1 && width > 0) {
      lines.push(`${line}=`);
      line = "";
      width = 0;
    }
    line += token;
    width += token.length;
  });
  lines.push(line);
  return lines.join("\r\n");
}
