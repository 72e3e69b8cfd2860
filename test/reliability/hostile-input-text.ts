import fc from "fast-check";

// Hostile and legitimate text. The rules are restated here, not imported: the test is the spec.

/** Pieces of text any name field takes: Japanese, emoji (surrogate pairs, a ZWJ sequence), RTL with its RLM mark. */
const legitPieces = [
  "山田",
  "太郎",
  "やまだ",
  "ヤマダ",
  "ﾔﾏﾀﾞ",
  "株式会社アクメ",
  "Smith",
  "O'Brien",
  "𠮷野",
  "😀",
  "👨‍👩‍👧",
  "محمد\u200f",
  "שלום",
  "Ünïcödé",
  "1-2-3",
];
export const legitLine = fc
  .array(fc.constantFrom(...legitPieces), { minLength: 1, maxLength: 4 })
  .map((pieces) => pieces.join(" "));
export const asciiWord = fc.stringMatching(/^[a-z][a-z0-9._-]{0,15}$/);

const charIn = (min: number, max: number) =>
  fc.integer({ min, max }).map((code) => String.fromCharCode(code));

/** What no text field takes: NUL and the other controls but tab and LF, DEL, C1, lone surrogates. */
export const neverAllowed = fc.oneof(
  charIn(0x00, 0x08),
  charIn(0x0b, 0x1f), // VT, FF, a lone CR, ESC…
  fc.constant("\u007f"),
  charIn(0x80, 0x9f),
  charIn(0xd800, 0xdbff), // a high surrogate with no low one after it
  charIn(0xdc00, 0xdfff), // a low surrogate with no high one before it
);
/** What no one-line field (a name, an id, a label, a query) takes on top. */
export const notInOneLine = fc.oneof(
  neverAllowed,
  fc.constantFrom("\t", "\n", "\r\n"),
  charIn(0x202a, 0x202e), // bidi embeddings and overrides
  charIn(0x2066, 0x2069), // bidi isolates
  fc.constantFrom("\u200b", "\u2060", "\ufeff"), // zero-width space, word joiner, ZWNBSP
);

/**
 * Legitimate text with one to three refused characters inside it (never at the ends, where
 * trimming could remove them; never a high surrogate just before a low one, which would be a
 * legitimate pair).
 */
export const laced = (refused: fc.Arbitrary<string>, around: fc.Arbitrary<string>) =>
  fc
    .tuple(around, fc.array(fc.tuple(refused, around), { minLength: 1, maxLength: 3 }))
    .map(([lead, rest]) => lead + rest.map(([bad, text]) => bad + text).join(""));

/** Legitimate text just over `max` characters. */
export const tooLong = (max: number) =>
  fc.integer({ min: max + 1, max: max + 40 }).map((n) => "あ".repeat(n));

export type Probe = { readonly value: string; readonly hostile: boolean };
export const legit = (values: fc.Arbitrary<string>): fc.Arbitrary<Probe> =>
  values.map((value) => ({ value, hostile: false }));
export const hostile = (values: fc.Arbitrary<string>): fc.Arbitrary<Probe> =>
  values.map((value) => ({ value, hostile: true }));

/** One-line text of at most `max` characters: legitimate, laced with refused characters, or too long. */
export const oneLine = (max: number) =>
  fc.oneof(legit(legitLine), hostile(laced(notInOneLine, legitLine)), hostile(tooLong(max)));

/** Multi-line text: LF, CRLF and tabs are fine; controls, lone surrogates and length are not. */
export const multiLine = (max: number) => {
  const lines = fc
    .array(fc.tuple(fc.constantFrom("", "\t"), legitLine), { minLength: 1, maxLength: 4 })
    .chain((parts) =>
      fc
        .constantFrom("\n", "\r\n")
        .map((lineBreak) => parts.map(([indent, text]) => indent + text).join(lineBreak)),
    );
  return fc.oneof(legit(lines), hostile(laced(neverAllowed, legitLine)), hostile(tooLong(max)));
};
