// An encoder for test fixtures that owes nothing to TextDecoder or to partnerbook's own writer:
// a hand table of the Shift_JIS (CP932) codes of the characters the fixtures use, taken from
// the code charts, so a fixture's bytes are what a Japanese phone would have written.

const codes: Readonly<Record<string, number>> = {
  安: 0x88c0,
  藤: 0x93a1,
  ロ: 0x838d,
  イ: 0x8343,
  ド: 0x8368,
  山: 0x8e52,
  田: 0x9363,
  花: 0x89d4,
  子: 0x8e71,
  株: 0x8a94,
  式: 0x8eae,
  会: 0x89ef,
  社: 0x8ed0,
  ア: 0x8341,
  ン: 0x8393,
  開: 0x8a4a,
  発: 0x94ad,
  部: 0x9594,
  ソ: 0x835c,
  フ: 0x8374,
  ト: 0x8367,
  東: 0x938c,
  京: 0x8b9e,
  都: 0x9373,
  渋: 0x8f61,
  谷: 0x924a,
  区: 0x8be6,
  桜: 0x8df7,
  丘: 0x8b75,
  町: 0x92ac,
  表: 0x955c,
  参: 0x8e51,
  道: 0x93b9,
  メ: 0x8381,
  モ: 0x8382,
  "２": 0x8251,
  行: 0x8d73,
  目: 0x96da,
  号: 0x8d86,
  室: 0x8eba,
  ビ: 0x8372,
  ル: 0x838b,
  "㈱": 0x878a,
  "①": 0x8740,
  "\u3000": 0x8140,
  // For the Excel CSV fixture (../fixtures/excel-ja-sjis.ts).
  姓: 0x90a9,
  名: 0x96bc,
  "（": 0x8169,
  "）": 0x816a,
  リ: 0x838a,
  ガ: 0x834b,
  ナ: 0x8369,
  め: 0x82df,
  い: 0x82a2,
  署: 0x8f90,
  役: 0x96f0,
  職: 0x9045,
  携: 0x8c67,
  帯: 0x91d1,
  電: 0x9364,
  話: 0x9862,
  ー: 0x815b,
  レ: 0x838c,
  ス: 0x8358,
  住: 0x8f5a,
  所: 0x8f8a,
  誕: 0x9261,
  生: 0x90b6,
  日: 0x93fa,
  グ: 0x834f,
  プ: 0x8376,
  ハ: 0x836e,
  コ: 0x8352,
  長: 0x92b7,
  取: 0x8ee6,
  引: 0x88f8,
  先: 0x90e6,
  ヤ: 0x8384,
  マ: 0x837d,
  ダ: 0x835f,
  // Half-width katakana: one byte each.
  ｱ: 0xb1,
  ﾝ: 0xdd,
  ﾄ: 0xc4,
  ﾞ: 0xde,
  ｳ: 0xb3,
  ﾛ: 0xdb,
  ｲ: 0xb2,
  ﾔ: 0xd4,
  ﾏ: 0xcf,
  ﾀ: 0xc0,
  ﾊ: 0xca,
  ﾅ: 0xc5,
  ｺ: 0xba,
};

/** The Shift_JIS bytes of `text`: ASCII as itself, the rest from the table (a test error if missing). */
export function sjis(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const char of text) {
    const point = char.codePointAt(0) as number;
    if (point < 0x80) {
      bytes.push(point);
      continue;
    }
    const code = codes[char];
    if (code === undefined) throw new Error(`no Shift_JIS code for ${char} in the test table`);
    if (code > 0xff) bytes.push(code >> 8);
    bytes.push(code & 0xff);
  }
  return Uint8Array.from(bytes);
}

/**
 * Quoted-printable the way Android's exporter writes it: bytes of 0x80 and above, `=` and
 * controls as =XX, the rest (a Shift_JIS trail byte in the ASCII range included) as itself;
 * a soft break after every `width` encoded characters, wherever that falls.
 */
export function quotedPrintable(bytes: Uint8Array, width = 60): string[] {
  let encoded = "";
  const breaks: number[] = [];
  for (const byte of bytes) {
    encoded +=
      byte >= 0x80 || byte === 0x3d || byte < 0x20
        ? `=${byte.toString(16).toUpperCase().padStart(2, "0")}`
        : String.fromCharCode(byte);
    if (encoded.length - (breaks.at(-1) ?? 0) >= width) breaks.push(encoded.length);
  }
  const lines: string[] = [];
  let from = 0;
  for (const at of breaks) {
    if (at === encoded.length) break;
    lines.push(`${encoded.slice(from, at)}=`);
    from = at;
  }
  lines.push(encoded.slice(from));
  return lines;
}

/** Lines of ASCII text and bytes as one file, each line ended by `eol`. */
export function fileOf(
  lines: readonly (string | Uint8Array | readonly (string | Uint8Array)[])[],
  eol = "\r\n",
) {
  const parts: number[] = [];
  const push = (part: string | Uint8Array) => {
    if (typeof part !== "string") parts.push(...part);
    else {
      for (const char of part) {
        if (char.charCodeAt(0) > 0x7f) throw new Error(`fixture text must be ASCII: ${char}`);
        parts.push(char.charCodeAt(0));
      }
    }
  };
  for (const line of lines) {
    if (Array.isArray(line)) for (const part of line as readonly (string | Uint8Array)[]) push(part);
    else push(line as string | Uint8Array);
    push(eol);
  }
  return Uint8Array.from(parts);
}
