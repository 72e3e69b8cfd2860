import { type Contact, type CustomerProfile, emptyOwnerFields, type OwnerFields } from "../domain/contact.js";
import type { SyncedFieldName } from "../domain/fields.js";
import type { GroupId } from "../domain/ids.js";
import type { NewCustomerInput } from "../inputs.js";

/** A photo carried inside a file (vCard `PHOTO;ENCODING=b`, a `data:` URI), not at a URL. */
export interface ContactPhoto {
  /** `image/jpeg`, `image/png`…, or `null` when the file did not say. */
  readonly mediaType: string | null;
  readonly data: Uint8Array;
}

/**
 * A contact as an address-book file carries it, whatever the format: the owner's fields (R21,
 * phones with their E.164 form and the text as written), the nickname, company and photo URL,
 * the names of its groups (ids belong to one organisation, files travel between them), and —
 * for an exported linked contact — which of those three were synced from the other person's
 * profile (R23), so that a re-import knows they are not the owner's own data.
 */
export interface ContactRecord {
  readonly fields: OwnerFields;
  readonly profile: CustomerProfile;
  readonly groupNames: readonly string[];
  /** R23: the profile values that came from a linked contact's sync; empty for a customer. */
  readonly synced: readonly SyncedFieldName[];
  /** A photo carried in the file itself; a photo at a URL is `profile.photoUrl`. */
  readonly photo: ContactPhoto | null;
}

/** A record with nothing in it; the starting point of a reader. */
export const emptyContactRecord: ContactRecord = {
  fields: emptyOwnerFields,
  profile: { nickname: null, company: null, photoUrl: null },
  groupNames: [],
  synced: [],
  photo: null,
};

/**
 * The record of a contact, for writing it to a file. A linked contact's nickname, company and
 * photo are its synced values and are marked as such (R23); group ids are written as the names
 * `groupNames` gives them, and ids it does not know are left out.
 *
 * @example
 * const names = new Map((await book.groups.list(me)).map((g) => [g.id, g.name]));
 * const vcf = writeVCard(contactRecordOf(contact, names));
 */
export function contactRecordOf(
  contact: Contact,
  groupNames: ReadonlyMap<GroupId, string> = new Map(),
): ContactRecord {
  const profile: CustomerProfile = contact.kind === "linked" ? contact.synced : contact.profile;
  const synced =
    contact.kind === "linked"
      ? (["nickname", "company", "photoUrl"] as const).filter((field) => profile[field] !== null)
      : [];
  const names: string[] = [];
  for (const id of contact.groups) {
    const name = groupNames.get(id);
    if (name !== undefined) names.push(name);
  }
  return { fields: contact.fields, profile: { ...profile }, groupNames: names, synced, photo: null };
}

/**
 * The input of `contacts.addCustomer` for a record read from a file (R14). Phones go in as they
 * were written, to be normalised again by the use-case (R8): read the file with the same region
 * as partnerbook's `defaultRegion`. Group names are not ids: pass the ids of the groups you
 * found or created for `record.groupNames`. The use-case still checks R22 (a name, and a phone
 * or an email), which a file need not meet.
 *
 * @example
 * for (const entry of readVCards(bytes)) {
 *   if (entry.ok) await book.contacts.addCustomer(me, newCustomerInputOf(entry.record));
 * }
 */
export function newCustomerInputOf(record: ContactRecord, groups: readonly GroupId[] = []): NewCustomerInput {
  const f = record.fields;
  return {
    familyName: f.familyName,
    givenName: f.givenName,
    familyNameReading: f.familyNameReading,
    givenNameReading: f.givenNameReading,
    department: f.department,
    title: f.title,
    phones: f.phones.map((phone) => ({ label: phone.label, number: phone.raw })),
    emails: f.emails.map((email) => ({ label: email.label, address: email.address })),
    addresses: f.addresses.map((a) => ({ label: a.label, value: a.value })),
    websites: f.websites.map((w) => ({ label: w.label, value: w.value })),
    messengers: f.messengers.map((m) => ({ label: m.label, value: m.value })),
    dates: f.dates.map((d) => ({ label: d.label, date: d.date })),
    memo: f.memo,
    tags: [...f.tags],
    customFields: f.customFields.map((c) => ({ label: c.label, value: c.value })),
    groups: [...groups],
    nickname: record.profile.nickname,
    company: record.profile.company,
    photoUrl: record.profile.photoUrl,
  };
}

/**
 * The records of a stream of contacts — `contacts.export(me)` — for a writer, one at a time, so
 * a book of any size is written in the memory of one page.
 *
 * @example
 * const names = new Map((await book.groups.list(me)).map((g) => [g.id, g.name]));
 * const file = writeVCardStream(contactRecordsOf(book.contacts.export(me), names));
 */
export async function* contactRecordsOf(
  contacts: Iterable<Contact> | AsyncIterable<Contact>,
  groupNames: ReadonlyMap<GroupId, string> = new Map(),
): AsyncGenerator<ContactRecord, void, undefined> {
  for await (const contact of contacts) yield contactRecordOf(contact, groupNames);
}
