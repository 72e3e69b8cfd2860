import type { ContactRecord } from "../record.js";

/**
 * Why a row, a cell or a column could not be read as it stood:
 * - row errors (the row gives no record): `TRUNCATED` (a quoted cell still open at the end of
 *   the file), `ROW_TOO_LARGE`, `INVALID_BYTES` (not valid in the file's charset),
 *   `UNKNOWN_CHARSET`;
 * - header entries (the header line gives no record): `UNKNOWN_COLUMN`, once per column
 *   partnerbook does not map, and `NO_KNOWN_COLUMNS` when it maps none (the rows are then not read);
 * - cell issues (the row gives a record without that value): `INVALID_PHONE`, `INVALID_EMAIL`,
 *   `INVALID_DATE`, `INVALID_TEXT`, `TOO_MANY`, `TOO_LONG` (R21: cut to fit), `EXTRA_CELLS`
 *   (a row with more cells than the header has columns) and `STRAY_QUOTE` (a quote inside an
 *   unquoted cell, or text after a closing quote, kept as it was).
 */
export type CsvIssueCode =
  | "TRUNCATED"
  | "ROW_TOO_LARGE"
  | "INVALID_BYTES"
  | "UNKNOWN_CHARSET"
  | "UNKNOWN_COLUMN"
  | "NO_KNOWN_COLUMNS"
  | "INVALID_PHONE"
  | "INVALID_EMAIL"
  | "INVALID_DATE"
  | "INVALID_TEXT"
  | "TOO_MANY"
  | "TOO_LONG"
  | "EXTRA_CELLS"
  | "STRAY_QUOTE";

/** One thing a reader could not take as it stood, and where. */
export interface CsvIssue {
  readonly code: CsvIssueCode;
  /** The 1-based line of the file where the row starts. */
  readonly line: number;
  /** The column's header as written, or `null` for the row as a whole. */
  readonly column: string | null;
  readonly message: string;
}

/** A cell of a column partnerbook does not map, kept as it was read. */
export interface CsvExtra {
  readonly column: string;
  readonly value: string;
}

/** A row that gave a record, with what could not be taken from it. */
export interface ReadRow {
  readonly ok: true;
  /** The line where the row starts. */
  readonly line: number;
  readonly record: ContactRecord;
  readonly issues: readonly CsvIssue[];
  /** Non-empty cells of unknown columns (unless `unknownColumns` is `"customFields"`). */
  readonly extras: readonly CsvExtra[];
}

/** A row (or the header line) that gave no record. */
export interface FailedRow {
  readonly ok: false;
  readonly line: number;
  readonly error: CsvIssue;
}

/** What a reader gives for each row of a file, in file order. */
export type CsvEntry = ReadRow | FailedRow;

/** The fields one cell fills. */
export type CsvTextField =
  | "familyName"
  | "givenName"
  /** Appended to the given name: partnerbook has no middle name. */
  | "middleName"
  /** The whole name: the family name when no family or given name column says anything. */
  | "fullName"
  | "familyNameReading"
  | "givenNameReading"
  | "middleNameReading"
  /** One reading for the whole name, split at its first space as vCard's SORT-STRING is. */
  | "fullNameReading"
  | "nickname"
  | "company"
  | "department"
  | "title"
  | "memo"
  | "photoUrl";

/** partnerbook's labelled lists. */
export type CsvListField =
  | "phones"
  | "emails"
  | "addresses"
  | "websites"
  | "messengers"
  | "dates"
  | "customFields";

/** The parts of a structured address, joined as vCard's ADR is when no formatted address is given. */
export type CsvAddressPart = "pobox" | "extended" | "street" | "city" | "region" | "postalCode" | "country";

/**
 * What a column holds:
 * - a field name (`"familyName"`…);
 * - `{ items: "groupNames" | "tags", separator? }`: names in one cell, split at `:::` (Google)
 *   or at `separator`;
 * - `{ list, slot?, part?, label? }`: one item of a list, the columns of one item sharing a
 *   `slot` (`"1"` for `Phone 1 - Label` and `Phone 1 - Value`); `part` is `"value"` (default),
 *   `"label"`, or an address part; `label` is the item's label when no label column gives one;
 * - `"ignore"`: a known column with nothing partnerbook keeps (name prefix, `File As`…).
 */
export type CsvColumn =
  | CsvTextField
  | "ignore"
  | { readonly items: "groupNames" | "tags"; readonly separator?: string | undefined }
  | {
      readonly list: CsvListField;
      readonly slot?: string | undefined;
      readonly part?: "value" | "label" | CsvAddressPart | undefined;
      readonly label?: string | undefined;
    };
