import type { GroupId } from "../domain/ids.js";
import type { NewCustomerInput } from "../inputs.js";
import { type ContactRecord, newCustomerInputOf } from "./record.js";

/**
 * What every reader of partnerbook/interop gives for each record of a file: a record, or an
 * error saying where and why there is none. The issues of a record that was read (a value cut to
 * fit, a phone R8 could not match…) are kept in `issues`.
 */
export type ReaderEntry =
  | {
      readonly ok: true;
      readonly line: number;
      readonly record: ContactRecord;
      readonly issues?: readonly ReaderIssue[] | undefined;
    }
  | { readonly ok: false; readonly line: number; readonly error: ReaderIssue };

/** The part of a reader's issue an import reports. */
export interface ReaderIssue {
  readonly code: string;
  readonly message: string;
  /** The property, column or JSON path it is about, or `null` for the record as a whole. */
  readonly property?: string | null | undefined;
}

/**
 * One record for `contacts.import`: the input of `addCustomer`, or why the reader gave none.
 * Written out here (the same shape as partnerbook's `ImportRecord`) so that interop needs
 * nothing from the use-cases.
 */
export type ImportRecordOf =
  | { readonly line: number; readonly contact: NewCustomerInput }
  | {
      readonly line: number;
      readonly error: { readonly path: readonly (string | number)[]; readonly message: string };
    };

/** How reader entries become import records; every option has a default. */
export interface ImportRecordsOptions {
  /**
   * The ids of the groups a record names (`record.groupNames`), in the importing organisation.
   * Default: none — group names are not ids, and finding or creating the groups is the app's
   * choice (`groups.list` / `groups.create`).
   */
  readonly groupsOf?: ((names: readonly string[]) => readonly GroupId[]) | undefined;
  /**
   * Hears the issues of each record that was read with some, before the import takes it, and a
   * reader's notices about the file itself (a CSV column it does not map).
   */
  readonly onIssues?: ((line: number, issues: readonly ReaderIssue[]) => void) | undefined;
}

/**
 * Failures that are notices about the file rather than a record that could not be read: a CSV
 * column partnerbook does not map (its cells are kept in `extras` or custom fields). They go to
 * `onIssues`, and the import's counts stay one per record.
 */
const fileNotices: ReadonlySet<string> = new Set(["UNKNOWN_COLUMN"]);

/**
 * The records of a file — what `readVCards`, `streamVCards`, the CSV, JSContact or LINE WORKS
 * readers give — as the records `contacts.import` takes, one at a time, so a file of any size
 * streams through in the memory of one record. A record the reader could not read goes on as
 * an error with its line, for the import to report as `invalid` and carry on.
 *
 * @example
 * const summary = await book.contacts.import(me, importRecordsOf(streamVCards(file.stream())), {
 *   onExisting: "merge",
 * });
 */
export async function* importRecordsOf(
  entries: Iterable<ReaderEntry> | AsyncIterable<ReaderEntry>,
  options: ImportRecordsOptions = {},
): AsyncGenerator<ImportRecordOf, void, undefined> {
  for await (const entry of entries) {
    if (!entry.ok && fileNotices.has(entry.error.code)) {
      options.onIssues?.(entry.line, [entry.error]);
      continue;
    }
    if (!entry.ok) {
      yield {
        line: entry.line,
        error: {
          path: [entry.error.property ?? "record"],
          message: `${entry.error.code}: ${entry.error.message}`,
        },
      };
      continue;
    }
    if (entry.issues !== undefined && entry.issues.length > 0) options.onIssues?.(entry.line, entry.issues);
    const groups = options.groupsOf?.(entry.record.groupNames) ?? [];
    yield { line: entry.line, contact: newCustomerInputOf(entry.record, groups) };
  }
}
