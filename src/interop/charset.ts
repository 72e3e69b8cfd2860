// Decoding goes through the platform's TextDecoder, in Node and browsers alike: its `shift_jis`
// is the WHATWG one, i.e. Windows' CP932 with the NEC and IBM extensions (㈱, ①, ⅰ) that Japanese
// phones and Outlook write, and it knows `iso-2022-jp`, `euc-jp` and the single-byte sets.

/** The WHATWG label for a charset a vCard names; names TextDecoder does not know pass through. */
export function charsetLabel(name: string): string {
  const lower = name.trim().toLowerCase();
  switch (lower) {
    case "sjis":
    case "shift-jis":
    case "x-sjis":
    case "cp932":
    case "ms932":
    case "windows-31j":
    case "ms_kanji":
      return "shift_jis";
    case "jis":
      return "iso-2022-jp";
    case "utf8":
      return "utf-8";
    default:
      return lower;
  }
}

type Decoder = InstanceType<typeof TextDecoder>;
const decoders = new Map<string, Decoder | null>();

/** A strict decoder for a charset, or `null` when the platform does not know it. */
function decoderFor(label: string): Decoder | null {
  let decoder = decoders.get(label);
  if (decoder === undefined) {
    try {
      decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
    } catch {
      decoder = null;
    }
    decoders.set(label, decoder);
  }
  return decoder;
}

/** Bytes as text, or why not. */
export type Decoded =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly code: "INVALID_BYTES" | "UNKNOWN_CHARSET"; readonly charset: string };

/** Text of bytes below 0x80 (or any bytes, one character each), without a decoder. */
export function latin1(bytes: Uint8Array): string {
  // fromCharCode.apply takes the typed array as it is (a spread would iterate it), in slices:
  // one call with too many arguments overflows the stack.
  if (bytes.length <= 8192) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  let text = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    text += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]);
  }
  return text;
}

const isPlainAscii = (bytes: Uint8Array): boolean => {
  for (const byte of bytes) if (byte > 0x7f || byte === 0x1b) return false;
  return true;
};

/**
 * Decodes bytes in `charset` (UTF-8 when `null`), or, if they are not valid there, in
 * `fallback`: Japanese 2.1 files often leave CHARSET out and write Shift_JIS. Callers pass no
 * fallback for a charset the file declared, which is never second-guessed.
 */
export function decodeBytes(bytes: Uint8Array, charset: string | null, fallback: string | null): Decoded {
  const label = charsetLabel(charset ?? "utf-8");
  // Most values are ASCII, the same text in every charset a vCard uses, so they skip the
  // decoder; not so UTF-16, nor ISO-2022-JP once an escape (ESC, 0x1B) switches it to JIS X 0208.
  if (!label.startsWith("utf-16") && isPlainAscii(bytes)) return { ok: true, text: latin1(bytes) };
  const decoder = decoderFor(label);
  if (decoder === null) return { ok: false, code: "UNKNOWN_CHARSET", charset: label };
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    if (fallback !== null) {
      const second = decoderFor(charsetLabel(fallback));
      try {
        if (second !== null) return { ok: true, text: second.decode(bytes) };
      } catch {
        // Neither: the bytes are broken, reported against the charset the file implied.
      }
    }
    return { ok: false, code: "INVALID_BYTES", charset: label };
  }
}
