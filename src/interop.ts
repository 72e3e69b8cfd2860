export {
  type ContactPhoto,
  type ContactRecord,
  contactRecordOf,
  contactRecordsOf,
  emptyContactRecord,
  newCustomerInputOf,
} from "./interop/record.js";
export * from "./interop/vcard/index.js";
export {
  type ImportRecordOf,
  type ImportRecordsOptions,
  importRecordsOf,
  type ReaderEntry,
  type ReaderIssue,
} from "./interop/import-records.js";
