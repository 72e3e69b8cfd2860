import type { Contact, CustomerProfile, OwnerFields } from "./contact.js";
import { type ContactPoints, emailKey } from "./contact-points.js";
import type { ContactChange } from "./fields.js";
import type { GroupId } from "./ids.js";

/** R21: every list on a contact holds at most this many items. */
export const maxListItems = 100;

type ListKey = {
  [K in keyof OwnerFields]: OwnerFields[K] extends readonly unknown[] ? K : never;
}[keyof OwnerFields];
type ScalarKey = Exclude<keyof OwnerFields, ListKey>;

const scalarKeys: readonly ScalarKey[] = [
  "familyName",
  "givenName",
  "familyNameReading",
  "givenNameReading",
  "department",
  "title",
  "memo",
];

// What makes two items of a list the same item: a merge adds only items the list lacks.
const sameItemBy: { readonly [K in ListKey]: (item: OwnerFields[K][number]) => string } = {
  phones: (phone) => phone.e164,
  emails: (email) => emailKey(email.address),
  addresses: (address) => address.value,
  websites: (website) => website.value,
  messengers: (messenger) => messenger.value,
  dates: (date) => `${date.label}\u0000${date.date}`,
  tags: (tag) => tag,
  customFields: (field) => `${field.label}\u0000${field.value}`,
};

const listKeys = Object.keys(sameItemBy) as ListKey[];

/** `held` with the items of `incoming` it does not hold yet, in order; `null` if none are new. */
function unionOf<T>(held: readonly T[], incoming: readonly T[], keyOf: (item: T) => string): T[] | null {
  const seen = new Set(held.map(keyOf));
  const added = incoming.filter((item) => {
    const key = keyOf(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return added.length === 0 ? null : [...held, ...added];
}

const noPoints: ContactPoints = { phones: [], emails: [] };

/** `fields` without the phones and emails in `taken`. */
function withoutPoints(fields: Partial<OwnerFields>, taken: ContactPoints): Partial<OwnerFields> {
  if (taken.phones.length + taken.emails.length === 0) return fields;
  const phones = new Set(taken.phones);
  const emails = new Set(taken.emails.map(emailKey));
  return {
    ...fields,
    ...(fields.phones === undefined
      ? {}
      : { phones: fields.phones.filter((phone) => !phones.has(phone.e164)) }),
    ...(fields.emails === undefined
      ? {}
      : { emails: fields.emails.filter((email) => !emails.has(emailKey(email.address))) }),
  };
}

/**
 * What merging `incoming` into `contact` changes (an import's `onExisting: "merge"`): nothing is
 * overwritten and nothing removed. A field without a value takes the incoming one; a list gains
 * the incoming items it does not hold — phones by E.164, emails by {@link emailKey}, dates and
 * custom fields by label and value, other items by value, groups by id — except the phones and
 * emails in `taken` (those other contacts of the book hold: a merge never makes a second contact
 * answer to them). A customer's profile (nickname, company, photo) is filled the same way; a
 * linked contact's is synced (R23), so the incoming one is left out. Apply the answer with
 * `applyChange`.
 *
 * @example
 * mergeChange(contact, { fields: { title: "部長", phones: [phone] } })
 * // { fields: { title: "部長" } } when the contact has no title and already has that phone
 */
export function mergeChange(
  contact: Contact,
  incoming: ContactChange,
  taken: ContactPoints = noPoints,
): ContactChange {
  const fields: { -readonly [K in keyof OwnerFields]?: OwnerFields[K] } = {};
  const given = withoutPoints(incoming.fields ?? {}, taken);
  for (const key of scalarKeys) {
    const value = given[key];
    if (contact.fields[key] === null && value !== undefined && value !== null) fields[key] = value;
  }
  for (const key of listKeys) {
    const value = given[key];
    if (value === undefined) continue;
    const merged = unionOf<unknown>(contact.fields[key], value, sameItemBy[key] as (item: unknown) => string);
    if (merged !== null) (fields as Record<string, unknown>)[key] = merged;
  }
  const groups = unionOf<GroupId>(contact.groups, incoming.groups ?? [], (id) => id);
  const profile: { -readonly [K in keyof CustomerProfile]?: CustomerProfile[K] } = {};
  if (contact.kind === "customer") {
    for (const [key, value] of Object.entries(incoming.profile ?? {}) as [
      keyof CustomerProfile,
      string | null,
    ][]) {
      if (contact.profile[key] === null && value !== null && value !== undefined) profile[key] = value;
    }
  }
  return {
    fields,
    ...(groups === null ? {} : { groups }),
    ...(Object.keys(profile).length === 0 ? {} : { profile }),
  };
}

/** R21: the first list of `fields` holding more than {@link maxListItems} items, else `null`. */
export function overfullList(fields: OwnerFields): ListKey | null {
  return listKeys.find((key) => fields[key].length > maxListItems) ?? null;
}
