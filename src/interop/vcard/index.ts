export {
  type ByteSource,
  createVCardReader,
  iterateVCards,
  readVCards,
  streamVCards,
  type VCardReader,
  type VCardReadOptions,
  vcardReadDefaults,
} from "./read.js";
export {
  type DateLabels,
  defaultDateLabels,
  type FailedCard,
  type ReadCard,
  type VCardEntry,
  type VCardIssue,
  type VCardIssueCode,
  type VCardProperty,
  type VCardVersion,
} from "./types.js";
export { type VCardWriteOptions, writeVCard, writeVCardBytes } from "./write.js";
export { writeVCardStream } from "./write-stream.js";
