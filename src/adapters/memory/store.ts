import {
  type BookPosition,
  ownSearchText,
  searchTextOf,
  shownText,
  sortKeyOf,
} from "../../domain/address-book.js";
import type { Contact, LinkedContact, SyncedFields } from "../../domain/contact.js";
import type { Group } from "../../domain/group.js";
import type { ContactId, GroupId, InvitationId, MemberId, OrganisationId } from "../../domain/ids.js";
import type { Invitation } from "../../domain/invitation.js";
import type { Party } from "../../domain/linking.js";
import { type Member, normaliseWorksId } from "../../domain/member.js";
import type { Organisation } from "../../domain/organisation.js";
import { findableByPhone } from "../../domain/search.js";
import { canSee } from "../../domain/sharing.js";
import { PartnerbookError } from "../../errors.js";
import { eventSubject, type NewEvent, type PartnerbookEvent } from "../../events.js";
import type {
  BookPage,
  BookQuery,
  OutboxItem,
  QrCode,
  Store,
  StoreTransaction,
  TrashPosition,
} from "../../ports/store.js";
import { forEachRunOf, runKind, runsFor, walkMerged } from "./contact-index.js";
import { ContactPointIndex } from "./contact-points.js";
import { frozenCopy } from "./deep-freeze.js";
import { SetIndex } from "./set-index.js";
import { SortedIndex, SortedKeys } from "./sorted-keys.js";
import { frozenContact, syncedParts, withSynced } from "./stored-contact.js";

type Versioned = { readonly id: string; readonly version: number };

// The one kind of run in the trash index: an owner's trashed contacts, by purgeAt.
const trashKind = "trash";
const pairKey = (ownerId: MemberId, targetId: MemberId) => `${ownerId}\u0000${targetId}`;
// ISO instants of the years partnerbook deals in sort as text in time order.
const trashKey = (purgeAt: Date, id: string) => `${purgeAt.toISOString()}\u0000${id}`;

function conflict(message: string): PartnerbookError {
  return new PartnerbookError("CONFLICT", message);
}

function checkVersion(stored: Versioned | undefined, id: string, expected: number): asserts stored {
  if (stored === undefined) throw new PartnerbookError("NOT_FOUND", `no record ${id}`);
  if (stored.version !== expected) {
    throw conflict(`${id} is at version ${stored.version}, not ${expected}`);
  }
}

/** A Map keyed by two values; no key strings made by joining them, one per contact. */
class PairMap<A, B, V> {
  readonly #maps = new Map<A, Map<B, V>>();
  get(a: A, b: B): V | undefined {
    return this.#maps.get(a)?.get(b);
  }
  set(a: A, b: B, value: V): void {
    const inner = this.#maps.get(a);
    if (inner === undefined) this.#maps.set(a, new Map([[b, value]]));
    else inner.set(b, value);
  }
  delete(a: A, b: B): void {
    const inner = this.#maps.get(a);
    if (inner === undefined) return;
    inner.delete(b);
    if (inner.size === 0) this.#maps.delete(a);
  }
}

/**
 * A stored contact with what a book listing needs beside it, read straight from the sorted
 * runs: its key in them (sort key, NUL, id) and its folded search text. Whatever else the store
 * derives from a contact (which runs it is in) it derives again when un-indexing it: the stored
 * contact is the same, so the result is too, and a million contacts do not each carry a copy.
 * A change that moves the contact nowhere (a sync, most edits) changes the entry in place.
 */
interface ContactEntry {
  contact: Contact;
  readonly key: string;
  /**
   * `searchTextOf(contact)`, for a linked contact in its two parts, so that a sync replaces only
   * `shown` (a customer's is all in `own`, and `shown` is empty).
   */
  own: string;
  shown: string;
}

const sortKeyIn = (key: string) => key.slice(0, key.lastIndexOf("\u0000"));

/** Everything the memory store holds, as plain data: compare two to prove nothing changed. */
export interface MemoryStoreSnapshot {
  readonly organisations: readonly Organisation[];
  readonly members: readonly Member[];
  readonly groups: readonly Group[];
  readonly contacts: readonly Contact[];
  readonly invitations: readonly Invitation[];
  /** R20: each member's current QR code: its generation and its token's hash, never the token. */
  readonly qrCodes: readonly ({ readonly memberId: MemberId } & QrCode)[];
  /** Every organisation's log, by organisation id, then sequence. */
  readonly events: readonly PartnerbookEvent[];
  /** Mail waiting to be delivered, by key. */
  readonly outbox: readonly OutboxEntry[];
}

/** A message in the memory store's outbox, with when it is due and how often it was tried. */
export interface OutboxEntry extends OutboxItem {
  readonly availableAt: Date;
  readonly lastError: string | null;
}

const subjectKey = (organisationId: OrganisationId, subject: MemberId): string =>
  `${organisationId}\u0000${subject}`;

/**
 * The reference {@link Store}: Maps plus the indexes the lookups need, so no lookup scans.
 * Transactions run one at a time (full isolation) and keep an undo log, so a transaction that
 * throws leaves no trace.
 */
export class MemoryStore implements Store {
  readonly #organisations = new Map<OrganisationId, Organisation>();
  readonly #members = new Map<MemberId, Member>();
  readonly #membersByWorksId = new Map<string, MemberId>();
  readonly #membersByPhone = new SetIndex<string, MemberId>();
  readonly #membersByEmail = new SetIndex<string, MemberId>();
  // Each organisation's members in id order, for paging.
  readonly #membersByOrganisation = new SortedIndex<MemberId>();
  readonly #groups = new Map<GroupId, Group>();
  readonly #groupsByOrganisation = new SetIndex<OrganisationId, GroupId>();
  readonly #groupsByMember = new SetIndex<MemberId, GroupId>();
  readonly #contacts = new Map<ContactId, ContactEntry>();
  readonly #contactsByPair = new PairMap<MemberId, MemberId, ContactId>();
  // Entries, not ids: a sync goes from the member straight to the contacts it rewrites.
  readonly #contactsByTarget = new SetIndex<MemberId, ContactEntry>();
  readonly #contactsByTargetOrganisation = new SetIndex<OrganisationId, ContactEntry>();
  readonly #contactsByGroup = new SetIndex<GroupId, ContactId>();
  readonly #contactsBySharedMember = new SetIndex<MemberId, ContactId>();
  readonly #contactsByPoint = new ContactPointIndex((owner) =>
    this.#contactIdsOf(owner).map((id) => this.#contact(id) as Contact),
  );
  // Counts entries a sync changed in place, for the runs' joined texts.
  #entryChanges = 0;
  readonly #book = new SortedIndex<ContactEntry>({
    text: (entry) => (entry.shown === "" ? entry.own : `${entry.own}\u0001${entry.shown}`),
    // A sync always puts a new record in the entry.
    stamp: (entry) => entry.contact,
    generation: () => this.#entryChanges,
  });
  readonly #trashByOwner = new SortedIndex<ContactId>();
  readonly #due = new SortedKeys<ContactId>();
  readonly #activeByOrganisation = new Map<OrganisationId, number>();
  readonly #invitations = new Map<InvitationId, Invitation>();
  readonly #invitationsByTokenHash = new Map<string, InvitationId>();
  readonly #invitationsByEmail = new Map<string, InvitationId>();
  readonly #invitationsByInviter = new SetIndex<MemberId, InvitationId>();
  readonly #qrByMember = new Map<MemberId, QrCode>();
  readonly #qrByTokenHash = new Map<string, MemberId>();
  // R35: one log per organisation.
  readonly #events = new Map<OrganisationId, PartnerbookEvent[]>();
  // The events about each member (eventSubject), per organisation, in sequence order.
  readonly #eventsBySubject = new Map<string, PartnerbookEvent[]>();
  // Mail queued after commit, by key; Map order is insertion order, which is age order.
  readonly #outbox = new Map<string, OutboxEntry>();
  // The undo log, flat: each step is a function and its two arguments, so logging a write
  // allocates nothing (a sync logs ten thousand of them).
  #undo: unknown[] | null = null;
  #queue: Promise<unknown> = Promise.resolve();

  /** Runs `fn` alone (transactions here run one at a time) and undoes its writes if it throws. */
  transaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    const run = this.#queue.then(() => this.#run(fn));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #run<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    const undo: unknown[] = [];
    this.#undo = undo;
    try {
      return await fn(this.#tx);
    } catch (error) {
      for (let i = undo.length - 3; i >= 0; i -= 3) {
        (undo[i] as (a: unknown, b: unknown) => void).call(this, undo[i + 1], undo[i + 2]);
      }
      throw error;
    } finally {
      this.#undo = null;
    }
  }

  /** A deep copy of everything stored, in a stable order. */
  snapshot(): MemoryStoreSnapshot {
    const byId = <T extends { id: string }>(records: Iterable<T>) =>
      [...records].sort((a, b) => (a.id < b.id ? -1 : 1));
    return structuredClone({
      organisations: byId(this.#organisations.values()),
      members: byId(this.#members.values()),
      groups: byId(this.#groups.values()),
      contacts: byId([...this.#contacts.values()].map((entry) => entry.contact)),
      invitations: byId(this.#invitations.values()),
      qrCodes: [...this.#qrByMember.entries()]
        .sort((a, b) => (a[0] < b[0] ? -1 : 1))
        .map(([memberId, code]) => ({ memberId, ...code })),
      events: [...this.#events.keys()].sort().flatMap((id) => this.#events.get(id) ?? []),
      outbox: [...this.#outbox.values()].sort((a, b) => (a.key < b.key ? -1 : 1)),
    });
  }

  /** R35: appends to the event's organisation's log, and to its subject's, logging the way back. */
  #appendEvent(event: NewEvent): PartnerbookEvent {
    let log = this.#events.get(event.organisationId);
    if (log === undefined) {
      log = [];
      this.#events.set(event.organisationId, log);
    }
    const stored = frozenCopy({ ...event, sequence: log.length + 1 } as PartnerbookEvent);
    this.#record(this.#popEvent, log, undefined);
    log.push(stored);
    const subject = eventSubject(event);
    if (subject !== null) {
      const key = subjectKey(event.organisationId, subject);
      let about = this.#eventsBySubject.get(key);
      if (about === undefined) {
        about = [];
        this.#eventsBySubject.set(key, about);
      }
      this.#record(this.#popEvent, about, undefined);
      about.push(stored);
    }
    return stored;
  }

  #popEvent = (log: PartnerbookEvent[]): void => {
    log.pop();
  };

  #setOutbox = (key: string, entry: OutboxEntry | undefined): void => {
    if (entry === undefined) this.#outbox.delete(key);
    else this.#outbox.set(key, entry);
  };

  /** Puts `entry` under `key` (or removes it), and logs the way back. */
  #writeOutbox(key: string, entry: OutboxEntry | undefined): void {
    this.#record(this.#setOutbox, key, this.#outbox.get(key));
    // A replaced message goes to the back of the queue, as a new row would.
    this.#outbox.delete(key);
    if (entry !== undefined) this.#outbox.set(key, entry);
  }

  /**
   * Every contact `owner` has: the live ones from the run of their book that holds them all,
   * the trashed ones from their trash (no third index of the same contacts).
   */
  #contactIdsOf(owner: MemberId): ContactId[] {
    const ids: ContactId[] = [];
    const live = this.#book.get(runKind.customers.owner, owner);
    for (const cursor = live?.cursor(null); cursor?.key !== undefined; cursor.next()) {
      ids.push(cursor.value.contact.id);
    }
    const trashed = this.#trashByOwner.get(trashKind, owner);
    for (const cursor = trashed?.cursor(null); cursor?.key !== undefined; cursor.next())
      ids.push(cursor.value);
    return ids;
  }

  #contact(id: ContactId): Contact | undefined {
    return this.#contacts.get(id)?.contact;
  }

  #log(): unknown[] {
    if (this.#undo === null) throw new Error("memory store written outside a transaction");
    return this.#undo;
  }

  /** Logs `undo(a, b)` to run if the transaction fails. */
  #record<A, B>(undo: (a: A, b: B) => void, a: A, b: B): void {
    this.#log().push(undo, a, b);
  }

  /** Moves a record from `prev` to `next` with `apply`, and logs the move back. */
  #write<T>(
    apply: (prev: T | undefined, next: T | undefined) => void,
    prev: T | undefined,
    next: T | undefined,
    copy: (next: T, prev: T | undefined) => T = frozenCopy,
  ) {
    const log = this.#log();
    const stored = next === undefined ? undefined : copy(next, prev);
    apply(prev, stored);
    log.push(apply, stored, prev);
  }

  // Each apply* moves a record from `prev` to `next` (either may be undefined) together with
  // its indexes; undoing a write is applying it backwards.
  #applyOrganisation = (prev: Organisation | undefined, next: Organisation | undefined): void => {
    if (prev !== undefined) this.#organisations.delete(prev.id);
    if (next !== undefined) this.#organisations.set(next.id, next);
  };

  #applyMember = (prev: Member | undefined, next: Member | undefined): void => {
    if (prev !== undefined) {
      this.#membersByWorksId.delete(normaliseWorksId(prev.worksId));
      if (prev.mobilePhone !== null) this.#membersByPhone.delete(prev.mobilePhone.e164, prev.id);
      if (prev.email !== null) this.#membersByEmail.delete(prev.email.toLowerCase(), prev.id);
      this.#membersByOrganisation.delete("members", prev.organisationId, prev.id);
      this.#members.delete(prev.id);
    }
    if (next !== undefined) {
      this.#membersByWorksId.set(normaliseWorksId(next.worksId), next.id);
      if (next.mobilePhone !== null) this.#membersByPhone.add(next.mobilePhone.e164, next.id);
      if (next.email !== null) this.#membersByEmail.add(next.email.toLowerCase(), next.id);
      this.#membersByOrganisation.add("members", next.organisationId, next.id);
      this.#members.set(next.id, next);
    }
  };

  #applyGroup = (prev: Group | undefined, next: Group | undefined): void => {
    if (prev !== undefined) {
      this.#groupsByOrganisation.delete(prev.organisationId, prev.id);
      for (const member of prev.members) this.#groupsByMember.delete(member, prev.id);
      this.#groups.delete(prev.id);
    }
    if (next !== undefined) {
      this.#groupsByOrganisation.add(next.organisationId, next.id);
      for (const member of next.members) this.#groupsByMember.add(member, next.id);
      this.#groups.set(next.id, next);
    }
  };

  #applyContact = (prev: Contact | undefined, next: Contact | undefined): void => {
    this.#contactsByPoint.move(prev, next);
    const entry = prev === undefined || next === undefined ? undefined : this.#contacts.get(prev.id);
    if (entry !== undefined && this.#samePlaces(prev as Contact, next as Contact, entry)) {
      this.#updateEntry(entry, prev as Contact, next as Contact);
      return;
    }
    if (prev !== undefined) this.#unindexContact(prev);
    if (next !== undefined) this.#indexContact(next);
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
    // One contact: its runs can be told (a sync of thousands counts instead, see #setSynced).
    if (next.trash === null) forEachRunOf(next, (kind, id) => this.#book.touch(kind, id, entry.key));
  }

  // A sync gives all its contacts the same nickname and company: fold them once.
  #lastShown: { nickname: string | null; company: string | null; text: string } | null = null;

  #shownText(shown: { readonly nickname: string | null; readonly company: string | null }): string {
    const last = this.#lastShown;
    if (last !== null && last.nickname === shown.nickname && last.company === shown.company) return last.text;
    const text = shownText(shown);
    this.#lastShown = { nickname: shown.nickname, company: shown.company, text };
    return text;
  }

  #unindexContact(contact: Contact): void {
    const entry = this.#contacts.get(contact.id) as ContactEntry;
    if (contact.kind === "linked") {
      this.#contactsByPair.delete(contact.ownerId, contact.targetMemberId);
      this.#contactsByTarget.delete(contact.targetMemberId, entry);
      this.#contactsByTargetOrganisation.delete(contact.targetOrganisationId, entry);
    }
    for (const group of contactGroups(contact)) this.#contactsByGroup.delete(group, contact.id);
    for (const member of sharedMembers(contact)) this.#contactsBySharedMember.delete(member, contact.id);
    if (contact.trash === null) {
      forEachRunOf(contact, (kind, id) => this.#book.delete(kind, id, entry.key));
      this.#countActive(contact.organisationId, -1);
    } else {
      const key = trashKey(contact.trash.purgeAt, contact.id);
      this.#trashByOwner.delete(trashKind, contact.ownerId, key);
      this.#due.delete(key);
    }
    this.#contacts.delete(contact.id);
  }

  #indexContact(contact: Contact): void {
    for (const group of contactGroups(contact)) this.#contactsByGroup.add(group, contact.id);
    for (const member of sharedMembers(contact)) this.#contactsBySharedMember.add(member, contact.id);
    const entry: ContactEntry = {
      contact,
      key: `${sortKeyOf(contact)}\u0000${contact.id}`,
      // A customer's text never changes but by an edit (which indexes it afresh): one string.
      own: contact.kind === "linked" ? ownSearchText(contact.fields) : searchTextOf(contact),
      shown: contact.kind === "linked" ? this.#shownText(contact.synced) : "",
    };
    if (contact.kind === "linked") {
      this.#contactsByPair.set(contact.ownerId, contact.targetMemberId, contact.id);
      this.#contactsByTarget.add(contact.targetMemberId, entry);
      this.#contactsByTargetOrganisation.add(contact.targetOrganisationId, entry);
    }
    // R31: a trashed contact is in no book listing, only in its owner's trash.
    if (contact.trash === null) {
      forEachRunOf(contact, (kind, id) => this.#book.add(kind, id, entry.key, entry));
      this.#countActive(contact.organisationId, +1);
    } else {
      const key = trashKey(contact.trash.purgeAt, contact.id);
      this.#trashByOwner.add(trashKind, contact.ownerId, key, contact.id);
      this.#due.add(key, contact.id);
    }
    this.#contacts.set(contact.id, entry);
  }

  #applyInvitation = (prev: Invitation | undefined, next: Invitation | undefined): void => {
    if (prev !== undefined) {
      this.#invitationsByTokenHash.delete(prev.tokenHash);
      if (prev.email !== null)
        this.#invitationsByEmail.delete(pairKey(prev.inviterId, prev.email as MemberId));
      this.#invitationsByInviter.delete(prev.inviterId, prev.id);
      this.#invitations.delete(prev.id);
    }
    if (next !== undefined) {
      this.#invitationsByTokenHash.set(next.tokenHash, next.id);
      if (next.email !== null)
        this.#invitationsByEmail.set(pairKey(next.inviterId, next.email as MemberId), next.id);
      this.#invitationsByInviter.add(next.inviterId, next.id);
      this.#invitations.set(next.id, next);
    }
  };

  /** R20: one invitation per token hash, and one per inviter and address. */
  #checkInvitationKeysFree(invitation: Invitation): void {
    const byHash = this.#invitationsByTokenHash.get(invitation.tokenHash);
    if (byHash !== undefined && byHash !== invitation.id) throw conflict("token already issued");
    if (invitation.email === null) return;
    const byEmail = this.#invitationsByEmail.get(pairKey(invitation.inviterId, invitation.email as MemberId));
    if (byEmail !== undefined && byEmail !== invitation.id) throw conflict("already invited");
  }

  #countActive(organisationId: OrganisationId, delta: number): void {
    this.#activeByOrganisation.set(
      organisationId,
      (this.#activeByOrganisation.get(organisationId) ?? 0) + delta,
    );
  }

  #applyQr(memberId: MemberId, prev: QrCode | undefined, next: QrCode | undefined): void {
    if (prev !== undefined) this.#qrByTokenHash.delete(prev.tokenHash);
    if (next === undefined) this.#qrByMember.delete(memberId);
    else {
      this.#qrByMember.set(memberId, next);
      this.#qrByTokenHash.set(next.tokenHash, memberId);
    }
  }

  /** Rewrites each contact in `ids` with `change`, as one logged write per contact. */
  #rewriteContacts(ids: readonly ContactId[], change: (contact: Contact) => Contact): number {
    let count = 0;
    for (const id of ids) {
      const prev = this.#contact(id) as Contact;
      const next = change(prev);
      if (next === prev) continue;
      this.#write(this.#applyContact, prev, next, frozenContact);
      count++;
    }
    return count;
  }

  /**
   * R23: rewrites the synced part of each linked contact in `entries`. The fast path of the
   * store: nothing but the synced part and the shown text change, so the entries are updated
   * in place and the undo log gets each old record back.
   */
  #sync(entries: readonly ContactEntry[], change: Partial<SyncedFields>): number {
    const log = this.#log();
    const partFor = syncedParts(change);
    for (const entry of entries) {
      const prev = entry.contact as LinkedContact;
      this.#setSynced(entry, withSynced(prev, partFor));
      log.push(this.#setSynced, entry, prev);
    }
    return entries.length;
  }

  #setSynced = (entry: ContactEntry, contact: LinkedContact): void => {
    entry.contact = contact;
    entry.shown = this.#shownText(contact.synced);
    this.#entryChanges++;
  };

  /** The stored members with these ids, each with their organisation; unknown ids are skipped. */
  #partiesOf(ids: readonly MemberId[]): Party[] {
    const parties: Party[] = [];
    for (const id of ids) {
      const member = this.#members.get(id);
      const organisation = member === undefined ? undefined : this.#organisations.get(member.organisationId);
      if (member !== undefined && organisation !== undefined) parties.push({ member, organisation });
    }
    return parties;
  }

  readonly #tx: StoreTransaction = {
    organisations: {
      get: async (id) => this.#organisations.get(id) ?? null,
      insert: async (organisation) => {
        if (this.#organisations.has(organisation.id)) throw conflict(`${organisation.id} exists`);
        this.#write(this.#applyOrganisation, undefined, organisation);
      },
      update: async (organisation, expected) => {
        const stored = this.#organisations.get(organisation.id);
        checkVersion(stored, organisation.id, expected);
        this.#write(this.#applyOrganisation, stored, organisation);
      },
    },
    members: {
      get: async (id) => this.#members.get(id) ?? null,
      getParty: async (id) => {
        const member = this.#members.get(id);
        const organisation =
          member === undefined ? undefined : this.#organisations.get(member.organisationId);
        if (member === undefined || organisation === undefined) return null;
        const groups = sortGroups(
          this.#groupsByMember.get(id).map((group) => this.#groups.get(group) as Group),
        );
        return { member, organisation, groupIds: groups.map((group) => group.id) };
      },
      listByOrganisation: async (organisationId, { after, limit }) => {
        const page: Member[] = [];
        const ids = this.#membersByOrganisation.get("members", organisationId);
        for (
          const cursor = ids?.cursor(after);
          cursor?.key !== undefined && page.length < limit;
          cursor.next()
        )
          page.push(this.#members.get(cursor.value) as Member);
        return page;
      },
      findByWorksId: async (worksId) => {
        const id = this.#membersByWorksId.get(worksId);
        return id === undefined ? null : (this.#members.get(id) ?? null);
      },
      findByPhone: async (e164) =>
        this.#membersByPhone
          .get(e164)
          .sort()
          .map((id) => this.#members.get(id) as Member),
      // R10: a miss reads the stand-in's party as a hit reads the member's (see the port).
      findCandidatesByWorksId: async (worksId, standIn) =>
        this.#partiesOf([this.#membersByWorksId.get(worksId) ?? standIn]),
      findCandidatesByPhone: async (e164, standIn) => {
        const found = this.#membersByPhone
          .get(e164)
          .sort()
          .filter((id) => findableByPhone(this.#members.get(id) as Member));
        return this.#partiesOf(found.length > 0 ? found : [standIn]);
      },
      findByEmail: async (email) =>
        [...this.#membersByEmail.get(email.toLowerCase())]
          .sort()
          .map((id) => this.#members.get(id) as Member),
      insert: async (member) => {
        if (this.#members.has(member.id)) throw conflict(`${member.id} exists`);
        this.#checkWorksIdFree(member);
        this.#write(this.#applyMember, undefined, member);
      },
      update: async (member, expected) => {
        const stored = this.#members.get(member.id);
        checkVersion(stored, member.id, expected);
        this.#checkWorksIdFree(member);
        this.#write(this.#applyMember, stored, member);
      },
      delete: async (id, expected) => {
        const stored = this.#members.get(id);
        checkVersion(stored, id, expected);
        this.#write(this.#applyMember, stored, undefined);
      },
    },
    groups: {
      get: async (id) => this.#groups.get(id) ?? null,
      listByOrganisation: async (organisationId) =>
        sortGroups(this.#groupsByOrganisation.get(organisationId).map((id) => this.#groups.get(id) as Group)),
      listByMember: async (memberId) =>
        sortGroups(this.#groupsByMember.get(memberId).map((id) => this.#groups.get(id) as Group)),
      insert: async (group) => {
        if (this.#groups.has(group.id)) throw conflict(`${group.id} exists`);
        this.#write(this.#applyGroup, undefined, group);
      },
      update: async (group, expected) => {
        const stored = this.#groups.get(group.id);
        checkVersion(stored, group.id, expected);
        this.#write(this.#applyGroup, stored, group);
      },
      delete: async (id, expected) => {
        const stored = this.#groups.get(id);
        checkVersion(stored, id, expected);
        this.#write(this.#applyGroup, stored, undefined);
      },
    },
    contacts: {
      get: async (id) => this.#contact(id) ?? null,
      findByOwnerAndTarget: async (ownerId, targetId) => {
        const id = this.#contactsByPair.get(ownerId, targetId);
        return id === undefined ? null : (this.#contact(id) ?? null);
      },
      findByOwnerAndContactPoints: async (ownerId, points) =>
        this.#contactsByPoint.find(ownerId, points).map((id) => this.#contact(id) as Contact),
      countActive: async (organisationId) => this.#activeByOrganisation.get(organisationId) ?? 0,
      listBook: async (query) => this.#listBook(query),
      listTrash: async (ownerId, page) => {
        const keys = this.#trashByOwner.get(trashKind, ownerId);
        const after = page.after === null ? null : trashKey(page.after.purgeAt, page.after.id);
        const items: Contact[] = [];
        let more = false;
        for (const cursor = keys?.cursor(after); cursor?.key !== undefined; cursor.next()) {
          if (items.length === page.limit) {
            more = true;
            break;
          }
          items.push(this.#contact(cursor.value) as Contact);
        }
        const last = items.at(-1);
        const next: TrashPosition | null =
          more && last?.trash ? { purgeAt: last.trash.purgeAt, id: last.id } : null;
        return { items, next };
      },
      deleteDue: async (now, limit) => {
        const upTo = trashKey(now, "\uffff");
        const due: Contact[] = [];
        let more = false;
        for (
          const cursor = this.#due.cursor(null);
          cursor.key !== undefined && cursor.key <= upTo;
          cursor.next()
        ) {
          if (due.length === limit) {
            more = true;
            break;
          }
          due.push(this.#contact(cursor.value) as Contact);
        }
        // Deleted after the walk: each delete takes its contact out of the index walked.
        for (const contact of due) this.#write(this.#applyContact, contact, undefined);
        const removed = due.map(({ id, organisationId, ownerId }) => ({ id, organisationId, ownerId }));
        return { removed, more };
      },
      sharedTargets: async (ownerA, ownerB) => {
        const targets: MemberId[] = [];
        for (const id of this.#contactIdsOf(ownerA)) {
          const contact = this.#contact(id) as Contact;
          if (
            contact.kind === "linked" &&
            this.#contactsByPair.get(ownerB, contact.targetMemberId) !== undefined
          ) {
            targets.push(contact.targetMemberId);
          }
        }
        return targets.sort();
      },
      insert: async (contact) => {
        if (this.#contacts.has(contact.id)) throw conflict(`${contact.id} exists`);
        this.#checkPairFree(contact);
        this.#write(this.#applyContact, undefined, contact, frozenContact);
      },
      update: async (contact, expected) => {
        const stored = this.#contact(contact.id);
        checkVersion(stored, contact.id, expected);
        this.#checkPairFree(contact);
        this.#write(this.#applyContact, stored, contact, frozenContact);
      },
      delete: async (id, expected) => {
        const stored = this.#contact(id);
        checkVersion(stored, id, expected);
        this.#write(this.#applyContact, stored, undefined);
      },
      syncMember: async (targetMemberId, synced) =>
        this.#sync(this.#contactsByTarget.get(targetMemberId), {
          nickname: synced.nickname,
          photoUrl: synced.photoUrl,
        }),
      syncCompany: async (organisationId, company) =>
        this.#sync(this.#contactsByTargetOrganisation.get(organisationId), { company }),
      reassignOwner: async (from, to) => {
        const ids = this.#contactIdsOf(from);
        for (const id of ids) {
          const contact = this.#contact(id) as Contact;
          this.#checkPairFree({ ...contact, id: "" as ContactId, ownerId: to });
        }
        return this.#rewriteContacts(ids, (contact) => ({
          ...contact,
          ownerId: to,
          version: contact.version + 1,
        }));
      },
      removeGroup: async (groupId) =>
        this.#rewriteContacts(this.#contactsByGroup.get(groupId), (contact) => {
          const sharing = contact.sharing;
          return {
            ...contact,
            groups: contact.groups.filter((group) => group !== groupId),
            sharing:
              sharing.visibility === "members"
                ? { ...sharing, groups: sharing.groups.filter((group) => group !== groupId) }
                : sharing,
          };
        }),
      removeSharedMember: async (memberId) =>
        this.#rewriteContacts(this.#contactsBySharedMember.get(memberId), (contact) =>
          contact.sharing.visibility === "members"
            ? {
                ...contact,
                sharing: {
                  ...contact.sharing,
                  members: contact.sharing.members.filter((id) => id !== memberId),
                },
              }
            : contact,
        ),
    },
    invitations: {
      get: async (id) => this.#invitations.get(id) ?? null,
      findByTokenHash: async (hash) => {
        const id = this.#invitationsByTokenHash.get(hash);
        return id === undefined ? null : (this.#invitations.get(id) ?? null);
      },
      findByInviterAndEmail: async (inviterId, email) => {
        const id = this.#invitationsByEmail.get(pairKey(inviterId, email as MemberId));
        return id === undefined ? null : (this.#invitations.get(id) ?? null);
      },
      listByInviter: async (inviterId) =>
        this.#invitationsByInviter
          .get(inviterId)
          .map((id) => this.#invitations.get(id) as Invitation)
          .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1)),
      insert: async (invitation) => {
        if (this.#invitations.has(invitation.id)) throw conflict(`${invitation.id} exists`);
        this.#checkInvitationKeysFree(invitation);
        this.#write(this.#applyInvitation, undefined, invitation);
      },
      update: async (invitation, expected) => {
        const stored = this.#invitations.get(invitation.id);
        checkVersion(stored, invitation.id, expected);
        this.#checkInvitationKeysFree(invitation);
        this.#write(this.#applyInvitation, stored, invitation);
      },
    },
    qrCodes: {
      findMember: async (tokenHash) => this.#qrByTokenHash.get(tokenHash) ?? null,
      get: async (memberId) => this.#qrByMember.get(memberId) ?? null,
      set: async (memberId, code) => {
        // R13: a token is never issued twice, to another member or to the same one.
        if (this.#qrByTokenHash.has(code.tokenHash)) throw conflict("token already issued");
        const next = frozenCopy({ generation: code.generation, tokenHash: code.tokenHash });
        const prev = this.#qrByMember.get(memberId);
        this.#record((from: QrCode, to: QrCode | undefined) => this.#applyQr(memberId, from, to), next, prev);
        this.#applyQr(memberId, prev, next);
      },
    },
    events: {
      appendAll: async (events) => events.map((event) => this.#appendEvent(event)),
      list: async ({ organisationId, after, limit, subjectId }) => {
        const from = Math.max(after, 0);
        if (subjectId === undefined)
          return (this.#events.get(organisationId) ?? []).slice(from, from + limit);
        const about = this.#eventsBySubject.get(subjectKey(organisationId, subjectId)) ?? [];
        // Sequences ascend: the first one past `after` by bisection.
        let low = 0;
        for (let high = about.length; low < high; ) {
          const mid = (low + high) >>> 1;
          if ((about[mid] as PartnerbookEvent).sequence <= from) low = mid + 1;
          else high = mid;
        }
        return about.slice(low, low + limit);
      },
    },
    outbox: {
      put: async ({ key, organisationId, idempotencyKey, message, at }) => {
        const entry = {
          key,
          organisationId,
          idempotencyKey,
          message,
          attempts: 0,
          availableAt: at,
          lastError: null,
        };
        this.#writeOutbox(key, frozenCopy(entry));
      },
      claim: async ({ now, until, limit, keys }) => {
        const wanted = keys === undefined ? null : new Set(keys);
        const claimed: OutboxItem[] = [];
        for (const entry of [...this.#outbox.values()]) {
          if (claimed.length === limit) break;
          if (entry.availableAt > now || (wanted !== null && !wanted.has(entry.key))) continue;
          const { key, organisationId, idempotencyKey, message, attempts } = entry;
          claimed.push({ key, organisationId, idempotencyKey, message, attempts });
          this.#record(this.#setOutbox, key, entry);
          this.#outbox.set(key, frozenCopy({ ...entry, attempts: attempts + 1, availableAt: until }));
        }
        return claimed;
      },
      delivered: async (key, idempotencyKey) => {
        // A message replaced since it was claimed stays: the new one has not been sent.
        if (this.#outbox.get(key)?.idempotencyKey === idempotencyKey) this.#writeOutbox(key, undefined);
      },
      failed: async (key, idempotencyKey, retryAt, error) => {
        const entry = this.#outbox.get(key);
        if (entry?.idempotencyKey !== idempotencyKey) return;
        this.#record(this.#setOutbox, key, entry);
        this.#outbox.set(key, frozenCopy({ ...entry, availableAt: retryAt, lastError: error }));
      },
      countPending: async () => this.#outbox.size,
    },
  };

  /** R15: one contact per owner and external user, whichever record claims the pair. */
  #checkPairFree(contact: Contact): void {
    if (contact.kind !== "linked") return;
    const holder = this.#contactsByPair.get(contact.ownerId, contact.targetMemberId);
    if (holder !== undefined && holder !== contact.id) {
      throw conflict(`${contact.ownerId} already has a contact for ${contact.targetMemberId}`);
    }
  }

  #checkWorksIdFree(member: Member): void {
    const holder = this.#membersByWorksId.get(normaliseWorksId(member.worksId));
    if (holder !== undefined && holder !== member.id) {
      throw conflict(`works ID ${member.worksId} is taken`);
    }
  }

  #listBook(query: BookQuery): BookPage {
    const after = query.after === null ? null : `${query.after.sortKey}\u0000${query.after.id}`;
    const runs =
      query.group === null
        ? runsFor(query.viewer, query.tab)
        : [[runKind[query.tab].inGroup, query.group] as const];
    const cursors = runs.flatMap(([kind, id]) => {
      const run = this.#book.get(kind, id);
      return run === undefined ? [] : [run.cursor(after, query.text)];
    });
    const items: Contact[] = [];
    let last: ContactEntry | undefined;
    let more = false;
    walkMerged(cursors, (entry) => {
      const text = query.text;
      if (text !== null && !entry.own.includes(text) && !entry.shown.includes(text)) return true;
      // The runs are chosen by audience; canSee still has the last word (the in-group run
      // holds every contact of the group, and sharing never crosses organisations).
      if (!canSee(entry.contact, query.viewer)) return true;
      if (items.length === query.limit) {
        more = true;
        return false;
      }
      items.push(entry.contact);
      last = entry;
      return true;
    });
    const next: BookPosition | null =
      more && last !== undefined
        ? { sortKey: sortKeyIn((last as ContactEntry).key), id: (last as ContactEntry).contact.id }
        : null;
    return { items, next };
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

function sortGroups(groups: Group[]): Group[] {
  return groups.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
}

/**
 * A new, empty in-memory store.
 *
 * @example
 * const book = createPartnerbook({ store: memoryStore() });
 */
export function memoryStore(): MemoryStore {
  return new MemoryStore();
}
