/**
 * vCard 2.1, 3.0 and 4.0 in and out, through a plain {@link ContactRecord}.
 *
 * @module partnerbook/interop
 */
export * from "./interop/csv/index.js";
export {
  type ImportRecordOf,
  type ImportRecordsOptions,
  importRecordsOf,
  type ReaderEntry,
  type ReaderIssue,
  type ReaderNotice,
  type ReaderPlace,
} from "./interop/import-records.js";
export * from "./interop/jscontact/index.js";
export type { JsonExtra, JsonIssue, JsonIssueCode } from "./interop/json/issues.js";
export * from "./interop/lineworks/index.js";
export {
  type ContactPhoto,
  type ContactRecord,
  contactRecordOf,
  contactRecordsOf,
  emptyContactRecord,
  newCustomerInputOf,
} from "./interop/record.js";
export * from "./interop/vcard/index.js";
