import type { OwnerFields } from "./contact.js";

/**
 * The phones and emails by which a record names a person: an import takes a record for a
 * contact already in the book when they share one. Phones are E.164 (R8), emails folded with
 * {@link emailKey}.
 */
export interface ContactPoints {
  readonly phones: readonly string[];
  readonly emails: readonly string[];
}

/**
 * An email as it is matched: ASCII letters lower-cased, nothing else touched. The addresses
 * partnerbook accepts are ASCII, so this is `toLowerCase()` for all of them; and a SQL store can
 * fold exactly the same way (`translate`), whatever its database's locale says `lower()` means.
 *
 * @example
 * emailKey("Yamada@Example.JP") // "yamada@example.jp"
 */
export function emailKey(address: string): string {
  // The address itself when it has nothing to fold: an index keyed by it holds no copy.
  return /[A-Z]/.test(address) ? address.replace(/[A-Z]+/g, (letters) => letters.toLowerCase()) : address;
}

/** The contact points of a contact's (or a record's) phones and emails, each once, in order. */
export function contactPointsOf(fields: Pick<OwnerFields, "phones" | "emails">): ContactPoints {
  return {
    phones: [...new Set(fields.phones.map((phone) => phone.e164))],
    emails: [...new Set(fields.emails.map((email) => emailKey(email.address)))],
  };
}

/**
 * Contact points as single strings, `tel:+81…` and `mail:…`: what a store indexes them by. The
 * emails given are folded again, so points from anywhere compare alike.
 */
export function contactPointKeys(points: ContactPoints): string[] {
  return [
    ...new Set([
      ...points.phones.map((e164) => `tel:${e164}`),
      ...points.emails.map((address) => `mail:${emailKey(address)}`),
    ]),
  ];
}
