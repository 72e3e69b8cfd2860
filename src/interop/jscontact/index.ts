export { type JSContactReadOptions, readJSContact, readJSContactCards } from "./read.js";
export {
  type FailedJSContactCard,
  type JSContactCard,
  type JSContactEntry,
  jsContactCannotCarry,
  jsContactVendor,
  jsContactVendorCarried,
  jsContactVendorProperties,
  type ReadJSContactCard,
} from "./types.js";
export { type JSContactWriteOptions, jsContactCardOf } from "./write.js";
