export {
  type LineWorksTypedList,
  lineWorksLabelSynonyms,
  lineWorksLabelTypes,
} from "./labels.js";
export {
  type LineWorksContactsPage,
  type LineWorksReadOptions,
  readLineWorksContact,
  readLineWorksContacts,
} from "./read.js";
export {
  type FailedLineWorksContact,
  type LineWorksContactBody,
  type LineWorksContactName,
  type LineWorksEntry,
  type LineWorksLinkedExternalUser,
  type LineWorksOrganization,
  type LineWorksPermission,
  type LineWorksTyped,
  lineWorksCannotCarry,
  lineWorksLimits,
  type ReadLineWorksContact,
} from "./types.js";
export { type LineWorksContactWrite, type LineWorksWriteOptions, lineWorksContactOf } from "./write.js";
