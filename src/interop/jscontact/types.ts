import type { JsonExtra, JsonIssue } from "../json/issues.js";
import type { ContactRecord } from "../record.js";

/**
 * The prefix of partnerbook's vendor-specific JSContact properties (RFC 9553 §1.8: a domain name,
 * a colon, a name). They carry what JSContact has no property for, so that a card partnerbook
 * writes comes back whole; other readers ignore them.
 */
export const jsContactVendor = "partnerbook.dev";

/** partnerbook's vendor-specific properties, by what they carry. */
export const jsContactVendorProperties = {
  /** On a Card: the address-book group names (an array of strings). */
  groups: `${jsContactVendor}:groups`,
  /** On a Card: the custom fields, `[{ label, value }]`. */
  customFields: `${jsContactVendor}:customFields`,
  /** On a Card: R23, the profile values synced from a linked contact (`["nickname", "company"]`). */
  synced: `${jsContactVendor}:synced`,
  /** On a Card: the tags in order, written only when `keywords` cannot keep the order. */
  tags: `${jsContactVendor}:tags`,
  /** On a Phone: the number as typed, when it is not the E.164 form in `number`. */
  raw: `${jsContactVendor}:raw`,
  /** On an Address or Anniversary (which have no `label`), and on the rest when contexts do not say it. */
  label: `${jsContactVendor}:label`,
  /** An Anniversary `kind` for a date that is neither a birthday nor an anniversary. */
  otherDate: `${jsContactVendor}:other`,
} as const;

/**
 * The `ContactRecord` fields a JSContact card written by partnerbook cannot carry: none. What
 * RFC 9553 has no property for travels in {@link jsContactVendorProperties}, which a reader
 * other than partnerbook ignores: see {@link jsContactVendorCarried}.
 */
export const jsContactCannotCarry = [] as const satisfies readonly string[];

/** The record fields that travel only in partnerbook's vendor properties. */
export const jsContactVendorCarried = [
  "fields.customFields",
  "groupNames",
  "synced",
  "fields.phones[].raw",
  "fields.addresses[].label",
  "fields.dates[].label (other than the birthday and anniversary labels)",
] as const;

/** A JSContact Card (RFC 9553) as partnerbook writes it: plain JSON. */
export interface JSContactCard {
  readonly "@type": "Card";
  readonly version: "1.0" | "2.0";
  readonly uid?: string | undefined;
  readonly [property: string]: unknown;
}

/** A card that gave a record, with what could not be taken from it. */
export interface ReadJSContactCard {
  readonly ok: true;
  /** Its place in the array read (0 for a single card). */
  readonly index: number;
  readonly record: ContactRecord;
  /** The card's `uid`, or `null`. */
  readonly uid: string | null;
  readonly issues: readonly JsonIssue[];
  /** Card properties partnerbook has no field for (`created`, `relatedTo`, other vendors'…). */
  readonly extras: readonly JsonExtra[];
}

/** A value that gave no record. */
export interface FailedJSContactCard {
  readonly ok: false;
  readonly index: number;
  readonly error: JsonIssue;
}

/** What a JSContact reader gives for each card. */
export type JSContactEntry = ReadJSContactCard | FailedJSContactCard;
