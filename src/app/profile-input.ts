import { maskPhone } from "../domain/masking.js";
import { normalisePhone, type PhoneNumber, type Region } from "../domain/phone.js";
import { invalid } from "./validate.js";

/** R8: parses a typed phone number in `region`, or fails with VALIDATION at `path`. */
export function requirePhone(raw: string, region: Region, path: (string | number)[]): PhoneNumber {
  const phone = normalisePhone(raw, region);
  if (phone === null) throw invalid(path, `not a phone number: ${maskPhone(raw)}`);
  return phone;
}

/** Optional inputs: `undefined` keeps the current value, `null` clears it. */
export function keepOr<T>(input: T | null | undefined, current: T | null): T | null {
  return input === undefined ? current : input;
}
