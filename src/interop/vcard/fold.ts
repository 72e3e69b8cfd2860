// RFC 6350 §3.2: content lines SHOULD be folded at 75 octets, and a multi-octet character MUST
// stay whole. Counting characters instead (as some writers do) gives 200-octet lines of Japanese.

/** The UTF-8 length of one code point. */
const octetsOf = (point: number): number => (point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4);

/**
 * Folds a content line into lines of at most `max` octets of UTF-8, the leading space of each
 * continuation counted, breaking only between code points.
 */
export function foldLine(line: string, max = 75): string {
  let folded = "";
  let width = 0;
  let from = 0;
  for (let i = 0; i < line.length; ) {
    const point = line.codePointAt(i) as number;
    const units = point > 0xffff ? 2 : 1;
    const octets = octetsOf(point);
    if (width + octets > max) {
      folded += `${line.slice(from, i)}\r\n `;
      from = i;
      width = 1;
    }
    width += octets;
    i += units;
  }
  return folded + line.slice(from);
}
