import type { GroupId } from "../domain/ids.js";
import type { NewCustomerInput } from "../inputs.js";
import { type ContactRecord, newCustomerInputOf } from "./record.js";

/**
 * What every reader of partnerbook/interop gives for each record of a file: a record, or an
 * error saying where and why there is none. Readers of text (vCard, CSV) say where by `line`;
 * readers of JSON (JSContact, LINE WORKS) by `index` in the array read. The issues of a record
 * that was read (a value cut to fit, a phone R8 could not match…) are kept in `issues`.
 */
export type ReaderEntry = ReaderPlace &
  (
    | {
        readonly ok: true;
        readonly record: ContactRecord;
        readonly issues?: readonly ReaderIssue[] | undefined;
      }
    | { readonly ok: false; readonly error: ReaderIssue }
  );

/** Where a reader found a record: a line of a text file, or a place in a JSON array. */
export interface ReaderPlace {
  readonly line?: number | undefined;
  readonly index?: number | undefined;
}

/** The part of a reader's issue an import reports. */
export interface ReaderIssue {
  readonly code: string;
  readonly message: string;
  /** The property or column it is about (text readers), or `null` for the record as a whole. */
  readonly property?: string | null | undefined;
  /** The JSON Pointer it is about (JSON readers); `""` for the whole. */
  readonly path?: string | undefined;
}

/** Issues a reader reported about a record, or about the file, and where. */
export interface ReaderNotice {
  readonly line: number | null;
  readonly index: number | null;
  readonly issues: readonly ReaderIssue[];
}

/**
 * One record for `contacts.import`: the input of `addCustomer`, or why the reader gave none.
 * Written out here (the same shape as partnerbook's `ImportRecord`) so that interop needs
 * nothing from the use-cases.
 */
export type ImportRecordOf =
  | { readonly line: number | null; readonly contact: NewCustomerInput }
  | {
      readonly line: number | null;
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
  readonly onIssues?: ((notice: ReaderNotice) => void) | undefined;
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
    const line = entry.line ?? null;
    const index = entry.index ?? null;
    if (!entry.ok && fileNotices.has(entry.error.code)) {
      options.onIssues?.({ line, index, issues: [entry.error] });
      continue;
    }
    if (!entry.ok) {
      const about = entry.error.property ?? (entry.error.path || null);
      yield {
        line,
        error: { path: [about ?? "record"], message: `${entry.error.code}: ${entry.error.message}` },
      };
      continue;
    }
    if (entry.issues !== undefined && entry.issues.length > 0) {
      options.onIssues?.({ line, index, issues: entry.issues });
    }
    const groups = options.groupsOf?.(entry.record.groupNames) ?? [];
    yield { line, contact: newCustomerInputOf(entry.record, groups) };
  }
}
