// The characters partnerbook takes in text, checked once at the edge (src/schemas.ts) so that
// every store keeps the same strings and refuses the same ones: what PostgreSQL cannot store
// (NUL, lone surrogates) would otherwise be kept by the memory store and thrown back raw by
// PostgreSQL, and what a screen or a log shows differently from what it is (controls, bidi
// overrides) would let one contact pass for another.

// Lone UTF-16 surrogates are not Unicode text: PostgreSQL refuses them and UTF-8 encoders
// silently turn them into U+FFFD, so a value would change on its way into a store.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// C0 controls, DEL and C1 controls (Unicode's Cc: U+0000–U+001F, U+007F–U+009F). NUL breaks
// PostgreSQL text; the others mean nothing in a name and do harm where text is printed: ESC
// starts terminal sequences, CR overwrites a log line, NEL (U+0085) is a line break that
// String.prototype.trim does not remove.
const control = /\p{Cc}/u;

// The same, less tab (U+0009) and LF (U+000A): multi-line text keeps its line breaks and
// indentation. CRLF arrives as LF (normaliseLineBreaks); a lone CR is still refused.
const controlExceptLineBreaksAndTab = /(?![\t\n])\p{Cc}/u;

// What reorders or hides text without showing itself: bidi embeddings and overrides
// (U+202A–U+202E) and isolates (U+2066–U+2069) make "\u202Egnp.exe" display as "exe.png";
// zero-width space (U+200B), word joiner and invisible operators (U+2060–U+2064), the
// deprecated format controls (U+206A–U+206F) and zero-width no-break space (U+FEFF) make two
// names that look alike differ. Kept: the marks LRM, RLM and ALM (U+200E, U+200F, U+061C),
// which mixed-direction names need and which reorder nothing, and ZWJ/ZWNJ (U+200C, U+200D),
// which emoji sequences and Persian or Indic spelling need.
const invisibleFormatting = /[\u200B\u202A-\u202E\u2060-\u206F\uFEFF]/;

/**
 * What a text field takes:
 * - `"line"`: names, IDs, tokens, labels, tags, emails, URLs, phone numbers, queries — one
 *   line, no control character at all, no bidi override or invisible formatting;
 * - `"multiline"`: free text that spans lines by nature — a contact's memo, a postal address,
 *   a custom field's value — where LF (and CRLF, stored as LF) and tab are allowed, and bidi
 *   formatting is too, since right-to-left prose pasted from elsewhere carries it and these
 *   fields are not what identifies a contact.
 */
export type TextRule = "line" | "multiline";

/**
 * Why `value` is not text of the given rule, as a message for a VALIDATION issue; `null` when
 * it is. Line breaks are expected as LF: pass multi-line input through
 * `normaliseLineBreaks` first.
 *
 * @example
 * textProblem("山田\u202E太郎", "line") // "must not contain bidi overrides, isolates or invisible formatting characters"
 * textProblem("1行目\n2行目", "multiline") // null
 */
export function textProblem(value: string, rule: TextRule): string | null {
  if (loneSurrogate.test(value)) return "must be well-formed Unicode (no lone surrogates)";
  if (rule === "line" && control.test(value)) {
    return "must not contain control characters or line breaks";
  }
  if (rule === "multiline" && controlExceptLineBreaksAndTab.test(value)) {
    return "must not contain control characters other than line breaks and tabs";
  }
  if (rule === "line" && invisibleFormatting.test(value)) {
    return "must not contain bidi overrides, isolates or invisible formatting characters";
  }
  return null;
}

/** CRLF as LF, the one line break multi-line fields store. */
export const normaliseLineBreaks = (value: string): string => value.replaceAll("\r\n", "\n");

/**
 * Whether every store keeps `value` as it is and prints it on one line: well-formed, no control
 * character. Weaker than the `"line"` rule on purpose: it is what a value read back from a
 * store (a sort key inside a page cursor) must be, including one stored before the formatting
 * rules existed.
 */
export const isStorableText = (value: string): boolean => !loneSurrogate.test(value) && !control.test(value);

/** The longest id partnerbook takes or hands out. */
export const maxIdLength = 100;

/**
 * Whether `value` is an id exactly as the API hands ids out: 1–100 characters of `"line"`
 * text, no surrounding whitespace. Input ids are trimmed before this holds.
 */
export function isId(value: string): boolean {
  return (
    value.length >= 1 &&
    value.length <= maxIdLength &&
    value.trim() === value &&
    textProblem(value, "line") === null
  );
}
