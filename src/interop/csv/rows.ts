// Rows are cut from bytes, before any decoding: the characters that shape a CSV (quote,
// delimiter, CR, LF) are ASCII, and neither a UTF-8 nor a Shift_JIS character has such a byte
// inside it (Shift_JIS trail bytes start at 0x40), so a character split across chunks, or a
// quoted cell with line breaks spanning chunks, is whole again by the time its row is decoded.

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** One row as its cells' bytes; the bytes are the splitter's own and valid only during `emit`. */
export interface RawRow {
  readonly cells: readonly Uint8Array[];
  /** The 1-based line where the row starts. */
  readonly line: number;
  /** Over the cap: `cells` is empty. */
  readonly tooLarge: boolean;
  /** A quoted cell was still open at the end of the file. */
  readonly truncated: boolean;
  /** A quote inside an unquoted cell, or text after a closing quote. */
  readonly strayQuote: boolean;
  /** An empty line: one empty, unquoted cell. */
  readonly blank: boolean;
}

/** Bytes in, rows out; see {@link rowSplitter}. */
export interface RowSplitter {
  push(chunk: Uint8Array): void;
  end(): void;
}

enum State {
  CellStart = 0,
  Unquoted = 1,
  Quoted = 2,
  /** A quote inside a quoted cell: its end, or the first of a doubled quote. */
  QuoteInQuoted = 3,
  /** After a quoted cell's closing quote. */
  AfterQuoted = 4,
}

// What a cell costs a row beyond its bytes, so that a row of a million empty cells is as
// bounded as one long cell.
const cellOverhead = 8;

/**
 * Splits chunks of a CSV file into rows (RFC 4180): cells quoted or not, doubled quotes, line
 * breaks inside quoted cells, rows ended by CRLF, LF or a lone CR, across chunk boundaries. A row
 * over `maxBytes` is let go at once and reported when it ends (its quotes still followed, so the
 * next row starts where it really starts).
 */
export function rowSplitter(delimiter: number, maxBytes: number, emit: (row: RawRow) => void): RowSplitter {
  let buffer = new Uint8Array(1024);
  let length = 0;
  let ends: number[] = [];
  let cost = 0;
  let tooLarge = false;
  let stray = false;
  let quotedCell = false;
  let state = State.CellStart;
  let line = 1;
  let rowLine = 1;
  let skipLF = false;
  let prevCR = false;

  function put(byte: number): void {
    if (tooLarge) return;
    cost += 1;
    if (cost > maxBytes) {
      tooLarge = true;
      buffer = new Uint8Array(1024);
      length = 0;
      ends = [];
      return;
    }
    if (length === buffer.length) {
      const grown = new Uint8Array(Math.min(buffer.length * 2, maxBytes));
      grown.set(buffer);
      buffer = grown;
    }
    buffer[length++] = byte;
  }

  function endCell(): void {
    if (tooLarge) return;
    cost += cellOverhead;
    if (cost > maxBytes) {
      tooLarge = true;
      length = 0;
      ends = [];
      return;
    }
    ends.push(length);
  }

  function endRow(truncated: boolean): void {
    endCell();
    const cells: Uint8Array[] = [];
    let from = 0;
    for (const to of ends) {
      cells.push(buffer.subarray(from, to));
      from = to;
    }
    const blank = !tooLarge && cells.length === 1 && length === 0 && !quotedCell;
    emit({ cells: tooLarge ? [] : cells, line: rowLine, tooLarge, truncated, strayQuote: stray, blank });
    length = 0;
    ends = [];
    cost = 0;
    tooLarge = false;
    stray = false;
    quotedCell = false;
    state = State.CellStart;
  }

  return {
    push(chunk) {
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i] as number;
        if (skipLF) {
          skipLF = false;
          if (byte === LF) continue;
        }
        if (state === State.Quoted) {
          if (byte === QUOTE) state = State.QuoteInQuoted;
          else {
            if (byte === CR || (byte === LF && !prevCR)) line += 1;
            prevCR = byte === CR;
            put(byte);
          }
          continue;
        }
        if (state === State.QuoteInQuoted) {
          if (byte === QUOTE) {
            put(QUOTE);
            state = State.Quoted;
            continue;
          }
          state = State.AfterQuoted;
        }
        prevCR = false;
        if (byte === delimiter) {
          endCell();
          state = State.CellStart;
        } else if (byte === CR || byte === LF) {
          endRow(false);
          line += 1;
          rowLine = line;
          skipLF = byte === CR;
        } else if (byte === QUOTE && state === State.CellStart) {
          state = State.Quoted;
          quotedCell = true;
        } else {
          if (byte === QUOTE || state === State.AfterQuoted) stray = true;
          if (state === State.CellStart) state = State.Unquoted;
          put(byte);
        }
      }
    },
    end() {
      if (state === State.Quoted) endRow(true);
      else if (state !== State.CellStart || ends.length > 0 || quotedCell) endRow(false);
    },
  };
}
