import type { Region } from "../../domain/phone.js";
import type { ContactRecord } from "../record.js";
import { shiftJisBytes } from "../shift-jis.js";
import {
  type CsvColumnCounts,
  type CsvHeaderLanguage,
  countsFitting,
  type Layout,
  layoutOf,
  listFields,
} from "./columns.js";
import { guardCell } from "./formula.js";
import type { CsvListField } from "./types.js";

/** How to write CSV; every option has a default. */
export interface CsvWriteOptions {
  /** The header row's language. Default `ja`. */
  readonly headers?: CsvHeaderLanguage | undefined;
  /**
   * Numbered columns per list. `writeCsv` and `writeCsvBytes` fit the longest list of the
   * records for a list not named here; a streaming writer cannot look ahead and uses
   * {@link csvStreamColumnDefaults}. Items beyond a count are left out and reported.
   */
  readonly columns?: Partial<CsvColumnCounts> | undefined;
  /** R8: a phone is written as typed when it reads as the same number in this region, else as E.164. Default `JP`. */
  readonly region?: Region | undefined;
}

/** How to write CSV bytes. */
export interface CsvBytesOptions extends CsvWriteOptions {
  /** `utf-8` (default, with a BOM so that Excel reads it as UTF-8) or `shift_jis` (CP932, no BOM). */
  readonly charset?: "utf-8" | "shift_jis" | undefined;
  /** Default `true` for UTF-8. */
  readonly bom?: boolean | undefined;
  /**
   * A character Shift_JIS lacks (𠮷, emoji): `"replace"` (default) writes `?` and reports it;
   * `"refuse"` writes nothing and reports every such character.
   */
  readonly unencodable?: "replace" | "refuse" | undefined;
}

/** The columns a streaming writer gives each list unless told otherwise. */
export const csvStreamColumnDefaults: CsvColumnCounts = {
  phones: 3,
  emails: 3,
  addresses: 2,
  websites: 2,
  messengers: 2,
  dates: 2,
  customFields: 3,
};

/** Something a writer could not write as it stood. */
export type CsvWriteIssue =
  /** The record (0-based, in the order given) had more items of `field` than the file has columns. */
  | { readonly code: "LEFT_OUT"; readonly record: number; readonly field: CsvListField }
  /** A character the charset lacks, in the record's row (0-based; the header is -1). */
  | { readonly code: "UNENCODABLE"; readonly record: number; readonly character: string };

/** CSV bytes, with what was left out or replaced; or, under `unencodable: "refuse"`, why none. */
export type CsvBytes =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly issues: readonly CsvWriteIssue[] }
  | { readonly ok: false; readonly issues: readonly CsvWriteIssue[] };

const needsQuotes = /[",\r\n]/;

/** One line of cells, quoted where RFC 4180 needs it, guarded against formulas, ended by CRLF. */
function lineOf(cells: readonly string[]): string {
  return `${cells
    .map((value) => {
      const cell = guardCell(value);
      return needsQuotes.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
    })
    .join(",")}\r\n`;
}

function layoutFor(records: readonly ContactRecord[] | null, options: CsvWriteOptions): Layout {
  const counts = records === null ? { ...csvStreamColumnDefaults } : { ...countsFitting(records) };
  for (const field of listFields) {
    const count = options.columns?.[field];
    if (count !== undefined) counts[field] = Math.max(0, Math.floor(count));
  }
  return layoutOf(options.headers ?? "ja", counts, options.region ?? "JP");
}

/** The rows of a file: the header, then one row per record, cells as written (guarded, unquoted). */
export function csvRowsOf(records: readonly ContactRecord[], options: CsvWriteOptions = {}): string[][] {
  const layout = layoutFor(records, options);
  return [[...layout.headers], ...records.map((record) => layout.cells(record).cells.map(guardCell))];
}

/**
 * A CSV file of the records, as text: a header row, then one row per record, CRLF line ends,
 * lists in numbered columns enough for the longest. Cells a spreadsheet would take for a formula
 * start with `'`, which `readCsv` takes off again.
 *
 * @example
 * const csv = writeCsv(records, { headers: "en" });
 */
export function writeCsv(records: readonly ContactRecord[], options: CsvWriteOptions = {}): string {
  return textOf(records, options).text;
}

function textOf(records: readonly ContactRecord[], options: CsvWriteOptions) {
  const layout = layoutFor(records, options);
  const issues: CsvWriteIssue[] = [];
  let text = lineOf(layout.headers);
  records.forEach((record, index) => {
    const { cells, leftOut } = layout.cells(record);
    for (const field of leftOut) issues.push({ code: "LEFT_OUT", record: index, field });
    text += lineOf(cells);
  });
  return { text, issues };
}

/**
 * A CSV file of the records as bytes: UTF-8 with a BOM (what Excel needs to read UTF-8), or
 * Shift_JIS for older Japanese Excel and business systems.
 *
 * @example
 * const result = writeCsvBytes(records, { charset: "shift_jis" });
 * if (result.ok) save(result.bytes);
 */
export function writeCsvBytes(records: readonly ContactRecord[], options: CsvBytesOptions = {}): CsvBytes {
  const { text, issues } = textOf(records, options);
  const encoded = encodeText(text, options, 0);
  if (options.unencodable === "refuse" && encoded.unencodable.length > 0) {
    return { ok: false, issues: [...issues, ...encoded.unencodable] };
  }
  return { ok: true, bytes: encoded.bytes, issues: [...issues, ...encoded.unencodable] };
}

interface Encoded {
  bytes: Uint8Array;
  unencodable: CsvWriteIssue[];
}

const utf8 = new TextEncoder();

/** Text in the charset; `firstRow` numbers the rows of `text` for reports (-1 for the header). */
function encodeText(text: string, options: CsvBytesOptions, firstRow: number, withBom = true): Encoded {
  if (options.charset !== "shift_jis") {
    const body = utf8.encode(text);
    if (!withBom || options.bom === false) return { bytes: body, unencodable: [] };
    const bytes = new Uint8Array(body.length + 3);
    bytes.set([0xef, 0xbb, 0xbf]);
    bytes.set(body, 3);
    return { bytes, unencodable: [] };
  }
  const out: number[] = [];
  const unencodable: CsvWriteIssue[] = [];
  // Rows are counted by line ends outside quotes; the header is row -1 when the text starts with it.
  let row = firstRow - 1;
  let quoted = false;
  for (const char of text) {
    const point = char.codePointAt(0) as number;
    if (char === '"') quoted = !quoted;
    if (point < 0x80) {
      if (char === "\n" && !quoted) row += 1;
      out.push(point);
      continue;
    }
    const bytes = shiftJisBytes(point);
    if (bytes === null) {
      unencodable.push({ code: "UNENCODABLE", record: row, character: char });
      out.push(0x3f);
    } else out.push(...bytes);
  }
  return { bytes: Uint8Array.from(out), unencodable };
}

/** A writer of one row at a time, for exports too large to hold; see {@link createCsvWriter}. */
export interface CsvWriter {
  /** The header row's line. */
  header(): string;
  /** The record's line. */
  row(record: ContactRecord): string;
  /** What was left out so far (records numbered in the order `row` saw them). */
  readonly issues: readonly CsvWriteIssue[];
}

/**
 * A writer whose columns are fixed up front ({@link csvStreamColumnDefaults}, or `columns`), so
 * that a file of any size is written one line at a time.
 *
 * @example
 * const writer = createCsvWriter({ headers: "en", columns: { phones: 5 } });
 * out.write(writer.header());
 * for await (const record of records) out.write(writer.row(record));
 */
export function createCsvWriter(options: CsvWriteOptions = {}): CsvWriter {
  const layout = layoutFor(null, options);
  const issues: CsvWriteIssue[] = [];
  let count = 0;
  return {
    header: () => lineOf(layout.headers),
    row(record) {
      const { cells, leftOut } = layout.cells(record);
      for (const field of leftOut) issues.push({ code: "LEFT_OUT", record: count, field });
      count += 1;
      return lineOf(cells);
    },
    issues,
  };
}

/**
 * The bytes of a CSV file, a header chunk and then one chunk per record, from records as they
 * come (an array, a generator over `contacts.export`): a hundred thousand contacts are
 * written in the memory of one. Shift_JIS replaces characters it lacks with `?`; `onIssue`
 * hears of those and of items left out.
 *
 * @example
 * for await (const chunk of writeCsvStream(records, { charset: "shift_jis" })) out.write(chunk);
 */
export async function* writeCsvStream(
  records: Iterable<ContactRecord> | AsyncIterable<ContactRecord>,
  options: Omit<CsvBytesOptions, "unencodable"> & {
    readonly onIssue?: ((issue: CsvWriteIssue) => void) | undefined;
  } = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  const writer = createCsvWriter(options);
  const report = (issues: readonly CsvWriteIssue[]) => {
    for (const issue of issues) options.onIssue?.(issue);
  };
  const header = encodeText(writer.header(), options, 0);
  report(header.unencodable);
  yield header.bytes;
  let index = 0;
  let reported = 0;
  for await (const record of records) {
    const line = encodeText(writer.row(record), options, index + 1, false);
    report(writer.issues.slice(reported));
    reported = writer.issues.length;
    report(line.unencodable);
    index += 1;
    yield line.bytes;
  }
}
