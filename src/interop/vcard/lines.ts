// Splitting bytes into lines happens before any decoding: a file's charset can change from one
// property to the next (CHARSET=SHIFT_JIS beside plain UTF-8), and a line break is the same byte
// in all of them.

const LF = 0x0a;
const CR = 0x0d;

/** One physical line of a file: its bytes without the line break, and its 1-based number. */
export interface PhysicalLine {
  readonly bytes: Uint8Array;
  readonly number: number;
  /** The line was longer than the cap; `bytes` holds only its start. */
  readonly cut: boolean;
  /** The line's real last byte (also when cut), or -1 for an empty line. */
  readonly last: number;
}

/** Joins byte arrays into one (the first itself when it is alone). */
export function concatBytes(parts: readonly Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1 && parts[0]?.length === length) return parts[0];
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

/** Bytes in, physical lines out; see {@link lineSplitter}. */
export interface LineSplitter {
  push(chunk: Uint8Array): void;
  end(): void;
}

/**
 * Splits chunks of bytes into physical lines at CRLF, LF or a lone CR, across chunk
 * boundaries. A line keeps at most `maxBytes` bytes (the rest is counted, not kept), so one
 * endless line cannot take the memory.
 */
export function lineSplitter(maxBytes: number, emit: (line: PhysicalLine) => void): LineSplitter {
  let parts: Uint8Array[] = [];
  let length = 0;
  let cut = false;
  let last = -1;
  let number = 0;
  let afterCR = false;

  function keep(bytes: Uint8Array, copy: boolean): void {
    if (bytes.length === 0) return;
    last = bytes[bytes.length - 1] as number;
    const room = maxBytes - length;
    if (bytes.length > room) cut = true;
    const kept = bytes.length > room ? bytes.subarray(0, room) : bytes;
    if (kept.length === 0) return;
    // The tail of a chunk outlives the call: the caller may reuse its buffer.
    parts.push(copy ? kept.slice() : kept);
    length += kept.length;
  }

  function finish(): void {
    number += 1;
    emit({ bytes: concatBytes(parts, length), number, cut, last });
    parts = [];
    length = 0;
    cut = false;
    last = -1;
  }

  return {
    push(given) {
      if (given.length === 0) return;
      // A Node Buffer is a Uint8Array whose subarray is several times slower; a plain view of
      // the same bytes costs nothing and keeps every line below a plain Uint8Array.
      const chunk =
        given.constructor === Uint8Array
          ? given
          : new Uint8Array(given.buffer, given.byteOffset, given.length);
      let start = 0;
      if (afterCR) {
        afterCR = false;
        if (chunk[0] === LF) start = 1;
      }
      for (let i = start; i < chunk.length; i++) {
        const byte = chunk[i];
        if (byte !== LF && byte !== CR) continue;
        keep(chunk.subarray(start, i), false);
        finish();
        if (byte === CR) {
          if (i + 1 === chunk.length) afterCR = true;
          else if (chunk[i + 1] === LF) i++;
        }
        start = i + 1;
      }
      keep(chunk.subarray(start), true);
    },
    end() {
      if (length > 0 || cut) finish();
    },
  };
}
