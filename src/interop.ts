/**
 * vCard 2.1, 3.0 and 4.0 in and out, through a plain {@link ContactRecord}.
 *
 * @module partnerbook/interop
 */
export {
  type ContactPhoto,
  type ContactRecord,
  contactRecordOf,
  emptyContactRecord,
  newCustomerInputOf,
} from "./interop/record.js";
export * from "./interop/vcard/index.js";
