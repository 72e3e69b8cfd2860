export * from "./interop/csv/index.js";
export {
  type ContactPhoto,
  type ContactRecord,
  contactRecordOf,
  emptyContactRecord,
  newCustomerInputOf,
} from "./interop/record.js";
export * from "./interop/vcard/index.js";
