export type { CsvColumnCounts, CsvHeaderLanguage } from "./columns.js";
export { type CsvNotCarried, csvNotCarried } from "./not-carried.js";
export {
  type CsvReader,
  type CsvReadOptions,
  createCsvReader,
  csvReadDefaults,
  iterateCsv,
  readCsv,
  streamCsv,
} from "./read.js";
export type {
  CsvAddressPart,
  CsvColumn,
  CsvEntry,
  CsvExtra,
  CsvIssue,
  CsvIssueCode,
  CsvListField,
  CsvTextField,
  FailedRow,
  ReadRow,
} from "./types.js";
export {
  type CsvBytes,
  type CsvBytesOptions,
  type CsvWriteIssue,
  type CsvWriteOptions,
  type CsvWriter,
  createCsvWriter,
  csvRowsOf,
  csvStreamColumnDefaults,
  writeCsv,
  writeCsvBytes,
  writeCsvStream,
} from "./write.js";
