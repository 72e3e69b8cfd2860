import type { Region } from "../../domain/phone.js";
import { byteOrderReader } from "../byte-order.js";
import { type ByteSource, byteSlices, readAll, readAllOf, textSlices } from "../byte-source.js";
import { type DateLabels, defaultDateLabels } from "../vcard/types.js";
import { CellDecoder } from "./cells.js";
import { columnOf, headerKey, keyed } from "./headers.js";
import { type RawRow, rowSplitter } from "./rows.js";
import { type HeaderColumn, rowToRecord } from "./to-record.js";
import type { CsvColumn, CsvEntry, CsvIssue } from "./types.js";

/** How to read a CSV file; every option has a default. */
export interface CsvReadOptions {
  /** R8: the region national phone numbers are read in. Default `JP`; use partnerbook's `defaultRegion`. */
  readonly region?: Region | undefined;
  /**
   * The file's charset: `"auto"` (default: a BOM decides, else valid UTF-8 is UTF-8 and anything
   * else Shift_JIS), or a WHATWG label (`utf-8`, `shift_jis`, `windows-1252`…).
   */
  readonly charset?: string | undefined;
  /** `,` (default), `;` or a tab. */
  readonly delimiter?: "," | ";" | "\t" | undefined;
  /** The largest row read (its bytes, plus 8 per cell); a larger one is a failed entry. Default 1 MiB. */
  readonly maxRowBytes?: number | undefined;
  /**
   * Your own headers, matched before partnerbook's, as partnerbook matches its own (width, case,
   * spaces and punctuation aside): `{ "顧客名": "fullName", "内線": { list: "phones", label: "内線" } }`.
   */
  readonly headers?: Readonly<Record<string, CsvColumn>> | undefined;
  /** Cells of unknown columns: in each entry's `extras` (default), or as custom fields labelled by the header. */
  readonly unknownColumns?: "extras" | "customFields" | undefined;
  /** The labels a `Birthday` and an `Anniversary` column give their dates. Default `誕生日` and `記念日`. */
  readonly dateLabels?: DateLabels | undefined;
}

/** The defaults of {@link CsvReadOptions}. */
export const csvReadDefaults = {
  region: "JP",
  charset: "auto",
  delimiter: ",",
  maxRowBytes: 1 << 20,
  headers: {},
  unknownColumns: "extras",
  dateLabels: defaultDateLabels,
} as const satisfies Required<{ [K in keyof CsvReadOptions]: NonNullable<CsvReadOptions[K]> }>;

/** A push reader: give it chunks of a file as they come, take the rows that are complete. */
export interface CsvReader {
  /** Reads a chunk; returns the entries of the rows it completed. */
  push(chunk: Uint8Array): CsvEntry[];
  /** Ends the file; returns the last entries, and an error for a row left open. */
  end(): CsvEntry[];
}

function settled(options: CsvReadOptions) {
  const o: { -readonly [K in keyof typeof csvReadDefaults]: NonNullable<CsvReadOptions[K]> } = {
    ...csvReadDefaults,
  };
  for (const [key, value] of Object.entries(options))
    if (value !== undefined) Object.assign(o, { [key]: value });
  return o;
}

const failed = (
  line: number,
  code: CsvIssue["code"],
  message: string,
  column: string | null = null,
): CsvEntry => ({
  ok: false,
  line,
  error: { code, line, column, message },
});

/** The columns of a header row; Outlook's `Title` is a name prefix when `Job Title` is there too. */
function headerColumns(
  cells: readonly string[],
  custom: Map<string, CsvColumn>,
  labels: DateLabels,
): HeaderColumn[] {
  const keys = new Set(cells.map(headerKey));
  return cells.map((cell) => {
    const header = cell.trim();
    const key = headerKey(header);
    if (key === "title" && keys.has("jobtitle") && !custom.has(key)) return { header, column: "ignore" };
    return { header, column: header === "" ? "ignore" : columnOf(header, custom, labels) };
  });
}

/** The reader's pipeline: bytes → rows → header, then one entry per row. */
function pipeline(options: CsvReadOptions, forcedCharset: string | null) {
  const o = settled(options);
  const custom = keyed(o.headers);
  const decoder = new CellDecoder(forcedCharset ?? o.charset);
  const settings = { region: o.region, unknownColumns: o.unknownColumns };
  let columns: HeaderColumn[] | null = null;
  let usable = true;
  let out: CsvEntry[] = [];

  function row(raw: RawRow): void {
    if (raw.blank) return;
    if (raw.tooLarge) {
      out.push(failed(raw.line, "ROW_TOO_LARGE", `the row is larger than ${o.maxRowBytes} bytes`));
      return;
    }
    if (raw.truncated) {
      out.push(
        failed(
          raw.line,
          "TRUNCATED",
          `the quoted cell of the row at line ${raw.line} is not closed before the end of the file`,
        ),
      );
      return;
    }
    const cells = decoder.decode(raw.cells);
    if (!Array.isArray(cells)) {
      const message =
        cells.code === "UNKNOWN_CHARSET"
          ? `${cells.charset} is not a charset this platform can decode`
          : `the row is not valid ${cells.charset}`;
      out.push(failed(raw.line, cells.code, message));
      return;
    }
    if (columns === null) {
      columns = headerColumns(cells, custom, o.dateLabels);
      header(raw.line, columns);
      return;
    }
    if (!usable || cells.every((cell) => cell === "")) return;
    const entry = rowToRecord(cells, columns, raw.line, settings);
    if (raw.strayQuote) {
      const issue: CsvIssue = {
        code: "STRAY_QUOTE",
        line: raw.line,
        column: null,
        message: "a quote inside an unquoted cell, or after a closing quote, was kept as text",
      };
      out.push({ ...entry, issues: [issue, ...entry.issues] });
    } else out.push(entry);
  }

  function header(line: number, found: readonly HeaderColumn[]): void {
    if (found.every(({ column }) => column === null || column === "ignore")) {
      usable = false;
      out.push(
        failed(
          line,
          "NO_KNOWN_COLUMNS",
          "no column of the header is one partnerbook knows; the rows are not read",
        ),
      );
      return;
    }
    const kept = o.unknownColumns === "customFields" ? "kept as custom fields" : "kept in extras";
    const seen = new Set<string>();
    for (const { header: name, column } of found) {
      if (column !== null || seen.has(name)) continue;
      seen.add(name);
      out.push(
        failed(
          line,
          "UNKNOWN_COLUMN",
          `the column ${name} is not one partnerbook knows; its cells are ${kept}`,
          name,
        ),
      );
    }
  }

  const rows = rowSplitter(o.delimiter.charCodeAt(0), o.maxRowBytes, row);
  const take = () => {
    const taken = out;
    out = [];
    return taken;
  };
  return {
    push(chunk: Uint8Array) {
      rows.push(chunk);
      return take();
    },
    end() {
      rows.end();
      return take();
    },
  };
}

/**
 * A push reader over the bytes of a CSV file, as they arrive. A UTF-8 byte order mark makes the
 * file UTF-8; a UTF-16 one (Excel's "Unicode text") turns it into text first.
 *
 * @example
 * const reader = createCsvReader();
 * for await (const chunk of request.body) for (const entry of reader.push(chunk)) handle(entry);
 * for (const entry of reader.end()) handle(entry);
 */
export function createCsvReader(options: CsvReadOptions = {}): CsvReader {
  return byteOrderReader((mark) => pipeline(options, mark === null ? null : "utf-8"));
}

/**
 * Reads rows one at a time from a whole file (bytes or text) or from chunks of bytes, holding
 * one row at a time. The first row that is not empty is the header. Never throws on bad input:
 * every problem is an entry or an issue, with its line.
 *
 * @example
 * for (const entry of iterateCsv(bytes)) {
 *   if (entry.ok) console.log(entry.record.fields.familyName);
 *   else console.log(`line ${entry.line}: ${entry.error.message}`);
 * }
 */
export function* iterateCsv(
  input: Uint8Array | string | Iterable<Uint8Array>,
  options: CsvReadOptions = {},
): Generator<CsvEntry, void, undefined> {
  if (typeof input === "string") yield* readAll(pipeline(options, "utf-8"), textSlices(input));
  else yield* readAll(createCsvReader(options), byteSlices(input));
}

/**
 * Reads every row of a CSV file: the header's entries (unknown columns), then one entry per row
 * with something in it, in file order.
 *
 * @example
 * const records = readCsv(await file.bytes()).flatMap((entry) => (entry.ok ? [entry.record] : []));
 */
export function readCsv(input: Uint8Array | string, options: CsvReadOptions = {}): CsvEntry[] {
  return [...iterateCsv(input, options)];
}

/**
 * Reads rows from a stream of bytes (a Node stream, `fetch(...).body`, `file.stream()`) as they
 * arrive, in the memory of one row.
 *
 * @example
 * for await (const entry of streamCsv(createReadStream("contacts.csv"))) {
 *   if (entry.ok) await book.contacts.addCustomer(me, newCustomerInputOf(entry.record));
 * }
 */
export async function* streamCsv(
  source: ByteSource,
  options: CsvReadOptions = {},
): AsyncGenerator<CsvEntry, void, undefined> {
  yield* readAllOf(createCsvReader(options), source);
}
