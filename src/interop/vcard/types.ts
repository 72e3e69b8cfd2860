import type { ContactRecord } from "../record.js";

/** The vCard versions partnerbook reads and writes. */
export type VCardVersion = "2.1" | "3.0" | "4.0";

/**
 * Why a card, or one property of it, could not be read as it stood:
 * - card errors (the card gives no record): `TRUNCATED` (no `END:VCARD`), `CARD_TOO_LARGE`,
 *   `NOT_A_VCARD` (lines outside any `BEGIN:VCARD … END:VCARD`);
 * - property issues (the card gives a record without that value): `LINE_TOO_LONG`,
 *   `MALFORMED_LINE`, `INVALID_BYTES`, `UNKNOWN_CHARSET`, `INVALID_ENCODING`, `INVALID_PHONE`,
 *   `INVALID_EMAIL`, `INVALID_DATE`, `INVALID_TEXT`, `INVALID_PHOTO`, `PHOTO_TOO_LARGE`,
 *   `UNKNOWN_VERSION`; and `TOO_MANY` / `TOO_LONG` when a list or a text went past partnerbook's
 *   limits (R21) and was cut to fit.
 */
export type VCardIssueCode =
  | "TRUNCATED"
  | "CARD_TOO_LARGE"
  | "NOT_A_VCARD"
  | "LINE_TOO_LONG"
  | "MALFORMED_LINE"
  | "INVALID_BYTES"
  | "UNKNOWN_CHARSET"
  | "INVALID_ENCODING"
  | "INVALID_PHONE"
  | "INVALID_EMAIL"
  | "INVALID_DATE"
  | "INVALID_TEXT"
  | "INVALID_PHOTO"
  | "PHOTO_TOO_LARGE"
  | "UNKNOWN_VERSION"
  | "TOO_MANY"
  | "TOO_LONG";

/** One thing a reader could not take as it stood, and where. */
export interface VCardIssue {
  readonly code: VCardIssueCode;
  /** The 1-based line of the file where the property (or, for card errors, the card) starts. */
  readonly line: number;
  /** The property it is about (`TEL`, `N`…), or `null` for the card as a whole. */
  readonly property: string | null;
  readonly message: string;
}

/** A property partnerbook does not map, kept as it was read. */
export interface VCardProperty {
  /** The group before the name (`item1` in `item1.X-FOO`), or `null`. */
  readonly group: string | null;
  /** Upper case: `X-FOO`. */
  readonly name: string;
  /** Parameter names upper case, values as written (lists split, quotes removed). */
  readonly params: Readonly<Record<string, readonly string[]>>;
  /** The value, decoded from its charset and transfer encoding, not unescaped. */
  readonly value: string;
  readonly line: number;
}

/** A card that gave a record, with what could not be taken from it. */
export interface ReadCard {
  readonly ok: true;
  /** The line of its `BEGIN:VCARD`. */
  readonly line: number;
  readonly version: VCardVersion;
  readonly record: ContactRecord;
  readonly issues: readonly VCardIssue[];
  /** Properties partnerbook has no field for, in file order. */
  readonly extras: readonly VCardProperty[];
}

/** A card (or a run of lines) that gave no record. */
export interface FailedCard {
  readonly ok: false;
  readonly line: number;
  readonly error: VCardIssue;
}

/** What a reader gives for each card of a file, in file order. */
export type VCardEntry = ReadCard | FailedCard;

/** The labels a reader gives the dates vCard names (`BDAY`, `ANNIVERSARY`) and a writer writes as such. */
export interface DateLabels {
  readonly birthday: string;
  readonly anniversary: string;
}

/** `誕生日` and `記念日`, the words of the LINE WORKS address book. */
export const defaultDateLabels: DateLabels = { birthday: "誕生日", anniversary: "記念日" };
