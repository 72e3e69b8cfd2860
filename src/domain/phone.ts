// The "min" metadata, the smallest libphonenumber ships (and the one an app using
// libphonenumber-js's default entry shares): every region's prefixes and possible lengths,
// all R8 needs to reach E.164. Number types (mobile, fixed line…) need "max", which R8 does not
// use: "has a mobile number" is the member's own mobile field, not a check of the number.
import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js/min";

/** A phone number as typed, and its E.164 form for matching (R8). */
export interface PhoneNumber {
  /** E.164, e.g. `+819012345678`. */
  readonly e164: string;
  /** Exactly what the person typed, for display. */
  readonly raw: string;
}

/** The characters of `S`, as a union. */
type CharactersOf<S extends string> = S extends `${infer C}${infer Rest}` ? C | CharactersOf<Rest> : never;
type Letter = CharactersOf<"ABCDEFGHIJKLMNOPQRSTUVWXYZ">;

// Two capital letters rather than libphonenumber's own `CountryCode`: naming that type would
// make every user's compiler read libphonenumber's declarations, which do not compile in a
// CommonJS project under `moduleResolution: node16`.
/**
 * An ISO 3166-1 alpha-2 region such as `JP`, used for numbers typed without `+`.
 * `createPartnerbook` refuses one libphonenumber does not know (VALIDATION); `normalisePhone`
 * reads such numbers in no region at all.
 */
export type Region = `${Letter}${Letter}`;

/**
 * R8: normalises a phone number to E.164, reading national numbers in `region`.
 * Returns `null` for anything that is not a possible phone number.
 *
 * @example
 * normalisePhone("090-1234-5678", "JP") // { e164: "+819012345678", raw: "090-1234-5678" }
 */
export function normalisePhone(raw: string, region: Region): PhoneNumber | null {
  // extract: false — text around a number ("call 090…") is malformed input, not a number (R11).
  const parsed = parsePhoneNumberFromString(raw.trim(), {
    defaultCountry: region as CountryCode,
    extract: false,
  });
  if (parsed === undefined || !parsed.isPossible()) return null;
  // E.164 allows at most 15 digits; libphonenumber's "possible" check can let more through.
  if (parsed.number.length > 16) return null;
  return { e164: parsed.number, raw };
}

/** True when `region` is a region libphonenumber knows. */
export { isSupportedCountry as isSupportedRegion } from "libphonenumber-js/min";
