import { charsetLabel, decodeBytes } from "../charset.js";

// A CSV names no charset. Excel on Japanese Windows saves Shift_JIS (CP932), everything newer
// UTF-8, with or without a BOM. A BOM decides; else the first row that is not plain ASCII (in
// practice the header, or the first Japanese name) decides once for the whole file: valid UTF-8
// is UTF-8, anything else Shift_JIS. A later row not valid in that charset is reported, never
// second-guessed.

/** Why a row's bytes are not text. */
export interface Undecodable {
  readonly code: "INVALID_BYTES" | "UNKNOWN_CHARSET";
  readonly charset: string;
}

const isAscii = (bytes: Uint8Array): boolean => {
  for (const byte of bytes) if (byte > 0x7f) return false;
  return true;
};

/** Decodes rows of one file, settling its charset on the first row that needs one. */
export class CellDecoder {
  #charset: string | null;

  /** `charset`: a WHATWG label, or `"auto"`. */
  constructor(charset: string) {
    this.#charset = charset === "auto" ? null : charsetLabel(charset);
  }

  /** The charset settled on; `null` while every row has been ASCII. */
  get charset(): string | null {
    return this.#charset;
  }

  decode(cells: readonly Uint8Array[]): string[] | Undecodable {
    if (this.#charset === null) {
      if (cells.every(isAscii)) return cells.map((cell) => decodeBytes(cell, "utf-8", null)).map(textOf);
      this.#charset = this.#tryAll(cells, "utf-8") === null ? "utf-8" : "shift_jis";
    }
    const charset = this.#charset;
    const texts: string[] = [];
    for (const cell of cells) {
      const decoded = decodeBytes(cell, charset, null);
      if (!decoded.ok) return { code: decoded.code, charset: decoded.charset };
      texts.push(decoded.text);
    }
    return texts;
  }

  #tryAll(cells: readonly Uint8Array[], charset: string): Undecodable | null {
    for (const cell of cells) {
      const decoded = decodeBytes(cell, charset, null);
      if (!decoded.ok) return { code: decoded.code, charset };
    }
    return null;
  }
}

const textOf = (decoded: ReturnType<typeof decodeBytes>): string => (decoded.ok ? decoded.text : "");
