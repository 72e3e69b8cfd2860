/**
 * Why a JSON contact (a JSContact card, a LINE WORKS contact), or one value of it, could not be
 * taken as it stood:
 * - entry errors (no record): `NOT_JSON`, `TOO_LARGE` (the text is over `maxChars`),
 *   `NOT_A_CARD` / `NOT_A_CONTACT` (not an object of the expected type), `INVALID_VALUE` when the
 *   whole value broke a check;
 * - value issues (the record is read without that value): `INVALID_VALUE` (wrong JSON type or
 *   shape), `INVALID_PHONE`, `INVALID_EMAIL`, `INVALID_DATE`, `INVALID_TEXT`, `INVALID_PHOTO`,
 *   `PHOTO_TOO_LARGE`, `UNKNOWN_VERSION`, `NOT_MAPPED` (a tag or custom field with no id or
 *   property name to go by), `NOT_CARRIED` (a writer had no place for a value);
 *   and `TOO_MANY` / `TOO_LONG` when a list or a text went past a limit and was cut to fit.
 */
export type JsonIssueCode =
  | "NOT_JSON"
  | "TOO_LARGE"
  | "NOT_A_CARD"
  | "NOT_A_CONTACT"
  | "INVALID_VALUE"
  | "INVALID_PHONE"
  | "INVALID_EMAIL"
  | "INVALID_DATE"
  | "INVALID_TEXT"
  | "INVALID_PHOTO"
  | "PHOTO_TOO_LARGE"
  | "UNKNOWN_VERSION"
  | "NOT_MAPPED"
  | "NOT_CARRIED"
  | "TOO_MANY"
  | "TOO_LONG";

/** One thing a JSON reader or writer could not take as it stood, and where. */
export interface JsonIssue {
  readonly code: JsonIssueCode;
  /** A JSON Pointer (RFC 6901) into the object read or written: `/phones/p1/number`; `""` for the whole. */
  readonly path: string;
  readonly message: string;
}

/** A value partnerbook has no field for, kept as it was read. */
export interface JsonExtra {
  /** The JSON Pointer of the property: `/created`. */
  readonly path: string;
  readonly value: unknown;
}

/** The JSON Pointer of `parts` under `base` (`~` and `/` escaped as RFC 6901 says). */
export function pointer(base: string, ...parts: readonly (string | number)[]): string {
  return base + parts.map((part) => `/${String(part).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}
