// Writing vCard 2.1 for older Japanese devices needs Shift_JIS bytes, and platforms decode
// Shift_JIS but do not encode it. The table is the platform's decoder run backwards: every code
// decoded once, on first use, so what this writes is exactly what TextDecoder("shift_jis")
// reads back on the same platform.

let table: Map<number, number> | null = null;

function isLead(byte: number): boolean {
  return (byte >= 0x81 && byte <= 0x9f) || (byte >= 0xe0 && byte <= 0xfc);
}

function buildTable(): Map<number, number> {
  const codes: number[] = [];
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    // Rows ED and EE repeat the IBM extensions of rows FA–FC; the WHATWG encoder (and Windows)
    // write those, so these rows are left out to make the same choice.
    if (!isLead(lead) || lead === 0xed || lead === 0xee) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) if (trail !== 0x7f) codes.push((lead << 8) | trail);
  }
  // One decode for the lot: a line break after each pair keeps them apart, and a pair that is
  // not a character decodes to U+FFFD (plus its trail byte when that is ASCII).
  const bytes = new Uint8Array(codes.length * 3);
  codes.forEach((code, i) => {
    bytes[i * 3] = code >> 8;
    bytes[i * 3 + 1] = code & 0xff;
    bytes[i * 3 + 2] = 0x0a;
  });
  const decoder = new TextDecoder("shift_jis");
  const decoded = decoder.decode(bytes).split("\n");
  const map = new Map<number, number>();
  // Single bytes one by one: ASCII is not quite itself everywhere (ICU, under Node, swaps the
  // controls 0x1A, 0x1C and 0x7F), and half-width katakana are 0xA1–0xDF.
  for (let byte = 0; byte <= 0xdf; byte++) {
    if (byte >= 0x80 && byte < 0xa1) continue;
    const point = decoder.decode(Uint8Array.of(byte)).codePointAt(0);
    if (point !== undefined && point !== 0xfffd && !map.has(point)) map.set(point, byte);
  }
  codes.forEach((code, i) => {
    const char = decoded[i] ?? "";
    const point = char.codePointAt(0);
    if (point === undefined || point === 0xfffd || String.fromCodePoint(point) !== char) return;
    if (!map.has(point)) map.set(point, code);
  });
  return map;
}

/**
 * The Shift_JIS (CP932) bytes of one code point, or `null` when it has none (emoji, most
 * characters outside JIS X 0208 and the Windows extensions).
 */
export function shiftJisBytes(point: number): Uint8Array | null {
  table ??= buildTable();
  const code = table.get(point);
  if (code === undefined) return null;
  return code > 0xff ? Uint8Array.of(code >> 8, code & 0xff) : Uint8Array.of(code);
}
