import { latin1 } from "../charset.js";
import { concatBytes, type PhysicalLine } from "./lines.js";

// Unfolding joins bytes, never text: exporters fold at 75 octets and some split a UTF-8 (or
// Shift_JIS) character there, which only decodes again once both halves are back together.

const SPACE = 0x20;
const TAB = 0x09;
const COLON = 0x3a;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const SEMICOLON = 0x3b;

/** A logical (unfolded) content line, still bytes. */
export interface ContentLineBytes {
  readonly bytes: Uint8Array;
  /** The number of its first physical line. */
  readonly line: number;
  /** Longer than the cap; `bytes` holds only its start. */
  readonly cut: boolean;
}

type Mode = "plain" | "quoted-printable" | "base64";

interface Pending {
  parts: Uint8Array[];
  length: number;
  line: number;
  cut: boolean;
  mode: Mode;
  last: number;
}

/** Physical lines in, content lines out; see {@link unfolder}. */
export interface Unfolder {
  line(physical: PhysicalLine): void;
  end(): void;
  /**
   * vCard 2.1 unfolds to the white space itself (RFC 2425 and later drop it); the card reader
   * switches this on at `VERSION:2.1`.
   */
  keepFoldingSpace: boolean;
}

/**
 * The parameters of a content line (its header after the first `;`, up to the first `:`
 * outside quotes), upper-cased ASCII; empty when it has none, as most lines do.
 */
function paramsOf(bytes: Uint8Array): string {
  let quoted = false;
  let semicolon = -1;
  // A header is short; a line without a colon in its first kilobyte is not one we fold specially.
  const end = Math.min(bytes.length, 1024);
  for (let i = 0; i < end; i++) {
    const byte = bytes[i] as number;
    if (byte === QUOTE) quoted = !quoted;
    else if (byte === SEMICOLON && semicolon < 0) semicolon = i;
    else if (byte === COLON && !quoted)
      return semicolon < 0 ? "" : latin1(bytes.subarray(semicolon, i)).toUpperCase();
  }
  return "";
}

function modeOf(bytes: Uint8Array): Mode {
  const params = paramsOf(bytes);
  if (params === "") return "plain";
  if (params.includes("QUOTED-PRINTABLE")) return "quoted-printable";
  if (/;(ENCODING=)?(BASE64|B)(;|$)/.test(params)) return "base64";
  return "plain";
}

// vCard 2.1 base64 runs over lines that need not start with white space, up to an empty line;
// a line with a colon is the next property.
function continuesBase64(bytes: Uint8Array): boolean {
  for (const byte of bytes) {
    const ok =
      (byte >= 0x41 && byte <= 0x5a) ||
      (byte >= 0x61 && byte <= 0x7a) ||
      (byte >= 0x30 && byte <= 0x39) ||
      byte === 0x2b ||
      byte === 0x2f ||
      byte === EQUALS ||
      byte === SPACE ||
      byte === TAB;
    if (!ok) return false;
  }
  return bytes.length > 0;
}

const endOfCard = "END:VCARD";

function isEndOfCard(bytes: Uint8Array): boolean {
  if (bytes.length !== endOfCard.length) return false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    // Letters in either case (0xDF clears the lower-case bit); the colon as it is.
    if ((byte === COLON ? byte : byte & 0xdf) !== endOfCard.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Joins physical lines into content lines: a line starting with a space or tab continues the
 * one before (RFC 6350 §3.2); a quoted-printable line ending in `=` continues on the next line
 * verbatim, leading white space included (checked first: a soft break is not a fold); a 2.1
 * base64 value continues until an empty line. Content lines keep at most `maxBytes` bytes.
 */
export function unfolder(maxBytes: number, emit: (line: ContentLineBytes) => void): Unfolder {
  let pending: Pending | null = null;

  function append(target: Pending, bytes: Uint8Array): void {
    const room = maxBytes - target.length;
    if (bytes.length > room) target.cut = true;
    const kept = bytes.length > room ? bytes.subarray(0, room) : bytes;
    if (kept.length === 0) return;
    target.parts.push(kept);
    target.length += kept.length;
  }

  function flush(): void {
    if (pending === null) return;
    const done = pending;
    pending = null;
    emit({ bytes: concatBytes(done.parts, done.length), line: done.line, cut: done.cut });
  }

  function dropSoftBreak(target: Pending): void {
    const tail = target.parts[target.parts.length - 1];
    if (target.cut || tail === undefined || tail[tail.length - 1] !== EQUALS) return;
    target.parts[target.parts.length - 1] = tail.subarray(0, tail.length - 1);
    target.length -= 1;
  }

  function start(physical: PhysicalLine): void {
    pending = {
      parts: [],
      length: 0,
      line: physical.number,
      cut: physical.cut,
      mode: modeOf(physical.bytes),
      last: physical.last,
    };
    append(pending, physical.bytes);
  }

  const self: Unfolder = {
    keepFoldingSpace: false,
    line(physical) {
      const { bytes } = physical;
      const current = pending;
      if (current !== null) {
        const first = bytes[0];
        let continuation: Uint8Array | null = null;
        if (current.mode === "quoted-printable" && current.last === EQUALS) {
          dropSoftBreak(current);
          continuation = bytes;
        } else if (first === SPACE || first === TAB) {
          continuation = self.keepFoldingSpace ? bytes : bytes.subarray(1);
        } else if (current.mode === "base64" && continuesBase64(bytes)) {
          continuation = bytes;
        }
        if (continuation !== null) {
          append(current, continuation);
          if (physical.cut) current.cut = true;
          current.last = physical.last;
          return;
        }
        flush();
      }
      if (bytes.length === 0 && !physical.cut) return;
      start(physical);
      // A card's last line goes out at once rather than when the next line shows it was not
      // folded: a stream reader then hands a card over as soon as its bytes have arrived.
      if (isEndOfCard(bytes)) flush();
    },
    end() {
      const current = pending;
      if (current?.mode === "quoted-printable" && current.last === EQUALS) dropSoftBreak(current);
      flush();
    },
  };
  return self;
}
