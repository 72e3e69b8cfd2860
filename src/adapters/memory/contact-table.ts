import { ownSearchText, searchTextOf, shownText, sortKeyOf } from "../../domain/address-book.js";
import type { Contact, LinkedContact } from "../../domain/contact.js";
import type { ContactId, GroupId, MemberId, OrganisationId } from "../../domain/ids.js";
import { conflict } from "./conflicts.js";
import { forEachRunOf, runKind } from "./contact-index.js";
import { ContactPointIndex } from "./contact-points.js";
import { PairMap } from "./pair-map.js";
import { SetIndex } from "./set-index.js";
import { SortedIndex, SortedKeys } from "./sorted-keys.js";

/**
 * A stored contact with what a book listing needs beside it, read straight from the sorted
 * runs: its key in them (sort key, NUL, id) and its folded search text. Whatever else the store
 * derives from a contact (which runs it is in) it derives again when un-indexing it: the stored
 * contact is the same, so the result is too, and a million contacts do not each carry a copy.
 * A change that moves the contact nowhere (a sync, most edits) changes the entry in place.
 */
export interface ContactEntry {
  contact: Contact;
  readonly key: string;
  /**
   * `searchTextOf(contact)`, for a linked contact in its two parts, so that a sync replaces only
   * `shown` (a customer's is all in `own`, and `shown` is empty).
   */
  own: string;
  shown: string;
}

/** The sort key part of an entry's key. */
export const sortKeyIn = (key: string) => key.slice(0, key.lastIndexOf("\u0000"));

// The one kind of run in the trash index: an owner's trashed contacts, by purgeAt.
export const trashKind = "trash";
// ISO instants of the years partnerbook deals in sort as text in time order.
export const trashKey = (purgeAt: Date, id: string) => `${purgeAt.toISOString()}\u0000${id}`;

/**
 * The memory store's contacts, as entries, and every index over them: the book runs, the trash,
 * the pairs of owner and external user, the contacts by target, group, sharer and contact point.
 */
export class ContactTable {
  readonly byId = new Map<ContactId, ContactEntry>();
  readonly byPair = new PairMap<MemberId, MemberId, ContactId>();
  // Entries, not ids: a sync goes from the member straight to the contacts it rewrites.
  readonly byTarget = new SetIndex<MemberId, ContactEntry>();
  readonly byTargetOrganisation = new SetIndex<OrganisationId, ContactEntry>();
  readonly byGroup = new SetIndex<GroupId, ContactId>();
  readonly bySharedMember = new SetIndex<MemberId, ContactId>();
  readonly byPoint = new ContactPointIndex((owner) => this.idsOf(owner).map((id) => this.get(id) as Contact));
  // Counts entries a sync changed in place, for the runs' joined texts.
  #entryChanges = 0;
  readonly book = new SortedIndex<ContactEntry>({
    text: (entry) => (entry.shown === "" ? entry.own : `${entry.own}\u0001${entry.shown}`),
    // A sync always puts a new record in the entry.
    stamp: (entry) => entry.contact,
    generation: () => this.#entryChanges,
  });
  readonly trashByOwner = new SortedIndex<ContactId>();
  readonly due = new SortedKeys<ContactId>();
  readonly #activeByOrganisation = new Map<OrganisationId, number>();
  // A sync gives all its contacts the same nickname and company: fold them once.
  #lastShown: { nickname: string | null; company: string | null; text: string } | null = null;

  get(id: ContactId): Contact | undefined {
    return this.byId.get(id)?.contact;
  }

  countActive(organisationId: OrganisationId): number {
    return this.#activeByOrganisation.get(organisationId) ?? 0;
  }

  /**
   * Every contact `owner` has: the live ones from the run of their book that holds them all,
   * the trashed ones from their trash (no third index of the same contacts).
   */
  idsOf(owner: MemberId): ContactId[] {
    const ids: ContactId[] = [];
    const live = this.book.get(runKind.customers.owner, owner);
    for (const cursor = live?.cursor(null); cursor?.key !== undefined; cursor.next()) {
      ids.push(cursor.value.contact.id);
    }
    const trashed = this.trashByOwner.get(trashKind, owner);
    for (const cursor = trashed?.cursor(null); cursor?.key !== undefined; cursor.next())
      ids.push(cursor.value);
    return ids;
  }

  /** R15: one contact per owner and external user, whichever record claims the pair. */
  checkPairFree(contact: Contact): void {
    if (contact.kind !== "linked") return;
    const holder = this.byPair.get(contact.ownerId, contact.targetMemberId);
    if (holder !== undefined && holder !== contact.id) {
      throw conflict(`${contact.ownerId} already has a contact for ${contact.targetMemberId}`);
    }
  }

  /** Moves a contact from `prev` to `next` (either may be undefined) with its indexes. */
  readonly apply = (prev: Contact | undefined, next: Contact | undefined): void => {
    this.byPoint.move(prev, next);
    const entry = prev === undefined || next === undefined ? undefined : this.byId.get(prev.id);
    if (entry !== undefined && this.#samePlaces(prev as Contact, next as Contact, entry)) {
      this.#updateEntry(entry, prev as Contact, next as Contact);
      return;
    }
    if (prev !== undefined) this.#unindex(prev);
    if (next !== undefined) this.#index(next);
  };

  /** R23: puts a synced contact in its entry, in place; undone by putting the old one back. */
  readonly setSynced = (entry: ContactEntry, contact: LinkedContact): void => {
    entry.contact = contact;
    entry.shown = this.#shownText(contact.synced);
    this.#entryChanges++;
  };

  /**
   * Whether `next` sits where `prev` (indexed as `entry`) does in every index — the same runs
   * (owner, sharing, groups, trash), the same pair and target, the same place in the order.
   * Then only its entry changes, in place: a sync (R23), or an edit of a memo, a phone, a title.
   */
  #samePlaces(prev: Contact, next: Contact, entry: ContactEntry): boolean {
    if (
      prev.id !== next.id ||
      prev.kind !== next.kind ||
      prev.ownerId !== next.ownerId ||
      prev.organisationId !== next.organisationId ||
      prev.trash !== next.trash ||
      prev.groups !== next.groups ||
      prev.sharing !== next.sharing
    ) {
      return false;
    }
    if (
      prev.kind === "linked" &&
      next.kind === "linked" &&
      (prev.targetMemberId !== next.targetMemberId || prev.targetOrganisationId !== next.targetOrganisationId)
    ) {
      return false;
    }
    // The order follows the owner's fields and, for a customer, its profile (sortKeyOf).
    const orderInputsKept =
      prev.fields === next.fields &&
      (prev.kind !== "customer" || next.kind !== "customer" || prev.profile === next.profile);
    return orderInputsKept || sortKeyOf(next) === sortKeyIn(entry.key);
  }

  #updateEntry(entry: ContactEntry, prev: Contact, next: Contact): void {
    // In place: the sorted runs hold this entry and keep it where it is.
    if (next.kind === "linked") {
      if (next.fields !== prev.fields) entry.own = ownSearchText(next.fields);
      entry.shown = this.#shownText(next.synced);
    } else {
      entry.own = searchTextOf(next);
    }
    entry.contact = next;
    // One contact: its runs can be told (a sync of thousands counts instead, see setSynced).
    if (next.trash === null) forEachRunOf(next, (kind, id) => this.book.touch(kind, id, entry.key));
  }

  #shownText(shown: { readonly nickname: string | null; readonly company: string | null }): string {
    const last = this.#lastShown;
    if (last !== null && last.nickname === shown.nickname && last.company === shown.company) return last.text;
    const text = shownText(shown);
    this.#lastShown = { nickname: shown.nickname, company: shown.company, text };
    return text;
  }

  #unindex(contact: Contact): void {
    const entry = this.byId.get(contact.id) as ContactEntry;
    if (contact.kind === "linked") {
      this.byPair.delete(contact.ownerId, contact.targetMemberId);
      this.byTarget.delete(contact.targetMemberId, entry);
      this.byTargetOrganisation.delete(contact.targetOrganisationId, entry);
    }
    for (const group of contactGroups(contact)) this.byGroup.delete(group, contact.id);
    for (const member of sharedMembers(contact)) this.bySharedMember.delete(member, contact.id);
    if (contact.trash === null) {
      forEachRunOf(contact, (kind, id) => this.book.delete(kind, id, entry.key));
      this.#countActive(contact.organisationId, -1);
    } else {
      const key = trashKey(contact.trash.purgeAt, contact.id);
      this.trashByOwner.delete(trashKind, contact.ownerId, key);
      this.due.delete(key);
    }
    this.byId.delete(contact.id);
  }

  #index(contact: Contact): void {
    for (const group of contactGroups(contact)) this.byGroup.add(group, contact.id);
    for (const member of sharedMembers(contact)) this.bySharedMember.add(member, contact.id);
    const entry: ContactEntry = {
      contact,
      key: `${sortKeyOf(contact)}\u0000${contact.id}`,
      // A customer's text never changes but by an edit (which indexes it afresh): one string.
      own: contact.kind === "linked" ? ownSearchText(contact.fields) : searchTextOf(contact),
      shown: contact.kind === "linked" ? this.#shownText(contact.synced) : "",
    };
    if (contact.kind === "linked") {
      this.byPair.set(contact.ownerId, contact.targetMemberId, contact.id);
      this.byTarget.add(contact.targetMemberId, entry);
      this.byTargetOrganisation.add(contact.targetOrganisationId, entry);
    }
    // R31: a trashed contact is in no book listing, only in its owner's trash.
    if (contact.trash === null) {
      forEachRunOf(contact, (kind, id) => this.book.add(kind, id, entry.key, entry));
      this.#countActive(contact.organisationId, +1);
    } else {
      const key = trashKey(contact.trash.purgeAt, contact.id);
      this.trashByOwner.add(trashKind, contact.ownerId, key, contact.id);
      this.due.add(key, contact.id);
    }
    this.byId.set(contact.id, entry);
  }

  #countActive(organisationId: OrganisationId, delta: number): void {
    this.#activeByOrganisation.set(
      organisationId,
      (this.#activeByOrganisation.get(organisationId) ?? 0) + delta,
    );
  }
}

function contactGroups(contact: Contact): Set<GroupId> {
  const groups = new Set(contact.groups);
  if (contact.sharing.visibility === "members") for (const group of contact.sharing.groups) groups.add(group);
  return groups;
}

function sharedMembers(contact: Contact): readonly MemberId[] {
  return contact.sharing.visibility === "members" ? contact.sharing.members : [];
}
