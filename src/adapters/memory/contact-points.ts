import type { Contact } from "../../domain/contact.js";
import { type ContactPoints, emailKey } from "../../domain/contact-points.js";
import type { ContactId, MemberId } from "../../domain/ids.js";
import { SetIndex } from "./set-index.js";

/**
 * The keys of a contact's phones and emails. An E.164 number starts with `+` and an address
 * holds `@`, so the two need no prefix to stay apart; and both are the contact's own strings
 * (`emailKey` hands back an address with nothing to fold as it is): a key costs the index an
 * entry, not a copy of the text.
 */
function* keysOf(points: {
  readonly phones: readonly { e164: string }[];
  readonly emails: readonly { address: string }[];
}) {
  for (const phone of points.phones) yield phone.e164;
  for (const email of points.emails) yield emailKey(email.address);
}

/**
 * Each owner's contacts (trashed too) by phone and email, so an import finds the contacts a
 * record names in the time its own points take, not the book's size. An owner's index is built
 * from `contactsOf` the first time a lookup asks for their book, and kept up to date from then
 * on: a book nobody imports into costs nothing (two entries a contact would be 4% of its heap).
 */
export class ContactPointIndex {
  readonly #byOwner = new Map<MemberId, SetIndex<string, ContactId>>();
  readonly #contactsOf: (ownerId: MemberId) => Iterable<Contact>;

  constructor(contactsOf: (ownerId: MemberId) => Iterable<Contact>) {
    this.#contactsOf = contactsOf;
  }

  /** Moves a contact from `prev` to `next` (either may be undefined); unchanged points stay put. */
  move(prev: Contact | undefined, next: Contact | undefined): void {
    // Most writes (a memo, a sync, a share) keep the owner and both lists as they are.
    if (
      prev !== undefined &&
      next !== undefined &&
      prev.ownerId === next.ownerId &&
      prev.fields.phones === next.fields.phones &&
      prev.fields.emails === next.fields.emails
    ) {
      return;
    }
    // An owner whose index was never built has nothing to keep up to date.
    const from = prev === undefined ? undefined : this.#byOwner.get(prev.ownerId);
    if (prev !== undefined && from !== undefined) {
      for (const key of keysOf(prev.fields)) from.delete(key, prev.id);
    }
    const to = next === undefined ? undefined : this.#byOwner.get(next.ownerId);
    if (next !== undefined && to !== undefined) {
      for (const key of keysOf(next.fields)) to.add(key, next.id);
    }
  }

  /** The ids of `ownerId`'s contacts with any of `points`, in id order. */
  find(ownerId: MemberId, points: ContactPoints): ContactId[] {
    const index = this.#indexOf(ownerId);
    const ids = new Set<ContactId>();
    const keys = [...points.phones, ...points.emails.map(emailKey)];
    for (const key of keys) for (const id of index.get(key)) ids.add(id);
    return [...ids].sort();
  }

  #indexOf(ownerId: MemberId): SetIndex<string, ContactId> {
    let index = this.#byOwner.get(ownerId);
    if (index === undefined) {
      index = new SetIndex();
      for (const contact of this.#contactsOf(ownerId)) {
        for (const key of keysOf(contact.fields)) index.add(key, contact.id);
      }
      this.#byOwner.set(ownerId, index);
    }
    return index;
  }
}
