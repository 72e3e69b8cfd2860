import type { Contact } from "../../domain/contact.js";
import type { ContactId, MemberId, OrganisationId } from "../../domain/ids.js";
import { type Member, normaliseWorksId } from "../../domain/member.js";
import type { Organisation } from "../../domain/organisation.js";
import { PartnerbookError } from "../../errors.js";
import type { NewEvent, PartnerbookEvent } from "../../events.js";
import type { Page, Store, StoreTransaction } from "../../ports/store.js";
import { frozenCopy } from "./deep-freeze.js";
import { insertSorted, lowerBound, removeSorted } from "./sorted-ids.js";

type Versioned = { readonly id: string; readonly version: number };

const pairKey = (ownerId: MemberId, targetId: MemberId) => `${ownerId}\u0000${targetId}`;

function conflict(message: string): PartnerbookError {
  return new PartnerbookError("CONFLICT", message);
}

function checkVersion(stored: Versioned | undefined, next: Versioned, expected: number): void {
  if (stored === undefined) throw new PartnerbookError("NOT_FOUND", `no record ${next.id}`);
  if (stored.version !== expected) {
    throw conflict(`${next.id} is at version ${stored.version}, not ${expected}`);
  }
}

/** Everything the memory store holds, as plain data: compare two to prove nothing changed. */
export interface MemoryStoreSnapshot {
  readonly organisations: readonly Organisation[];
  readonly members: readonly Member[];
  readonly contacts: readonly Contact[];
  readonly qrCodes: readonly (readonly [MemberId, string])[];
  readonly events: readonly PartnerbookEvent[];
}

/**
 * The reference {@link Store}: Maps plus the indexes the lookups need, so no lookup scans.
 * Transactions run one at a time (full isolation) and keep an undo log, so a transaction that
 * throws leaves no trace.
 */
export class MemoryStore implements Store {
  readonly #organisations = new Map<OrganisationId, Organisation>();
  readonly #members = new Map<MemberId, Member>();
  readonly #membersByWorksId = new Map<string, MemberId>();
  readonly #membersByPhone = new Map<string, string[]>();
  readonly #contacts = new Map<ContactId, Contact>();
  readonly #contactsByPair = new Map<string, ContactId>();
  readonly #contactsByOwner = new Map<MemberId, string[]>();
  readonly #activeByOrganisation = new Map<OrganisationId, number>();
  readonly #qrByMember = new Map<MemberId, string>();
  readonly #qrByToken = new Map<string, MemberId>();
  readonly #events: PartnerbookEvent[] = [];
  #undo: (() => void)[] | null = null;
  #queue: Promise<unknown> = Promise.resolve();

  transaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    const run = this.#queue.then(() => this.#run(fn));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #run<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    const undo: (() => void)[] = [];
    this.#undo = undo;
    try {
      return await fn(this.#tx);
    } catch (error) {
      for (let i = undo.length - 1; i >= 0; i--) (undo[i] as () => void)();
      throw error;
    } finally {
      this.#undo = null;
    }
  }

  /** A deep copy of everything stored, in a stable order. */
  snapshot(): MemoryStoreSnapshot {
    const byId = <T extends { id: string }>(map: Map<string, T>) =>
      [...map.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    return structuredClone({
      organisations: byId(this.#organisations),
      members: byId(this.#members),
      contacts: byId(this.#contacts),
      qrCodes: [...this.#qrByMember.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
      events: [...this.#events],
    });
  }

  #record(undo: () => void): void {
    if (this.#undo === null) throw new Error("memory store written outside a transaction");
    this.#undo.push(undo);
  }

  // Each apply* moves a record from `prev` to `next` (either may be undefined) with its
  // indexes; undoing a write is applying it backwards.
  #applyOrganisation(prev: Organisation | undefined, next: Organisation | undefined): void {
    if (next === undefined) this.#organisations.delete((prev as Organisation).id);
    else this.#organisations.set(next.id, next);
  }

  #applyMember(prev: Member | undefined, next: Member | undefined): void {
    if (prev !== undefined) {
      this.#membersByWorksId.delete(normaliseWorksId(prev.worksId));
      if (prev.mobilePhone !== null) {
        const ids = this.#membersByPhone.get(prev.mobilePhone.e164) ?? [];
        removeSorted(ids, prev.id);
        if (ids.length === 0) this.#membersByPhone.delete(prev.mobilePhone.e164);
      }
      this.#members.delete(prev.id);
    }
    if (next !== undefined) {
      this.#membersByWorksId.set(normaliseWorksId(next.worksId), next.id);
      if (next.mobilePhone !== null) {
        const ids = this.#membersByPhone.get(next.mobilePhone.e164) ?? [];
        insertSorted(ids, next.id);
        this.#membersByPhone.set(next.mobilePhone.e164, ids);
      }
      this.#members.set(next.id, next);
    }
  }

  #applyContact(prev: Contact | undefined, next: Contact | undefined): void {
    if (prev !== undefined) {
      if (prev.kind === "linked") this.#contactsByPair.delete(pairKey(prev.ownerId, prev.targetMemberId));
      if (prev.trash === null) {
        removeSorted(this.#contactsByOwner.get(prev.ownerId) ?? [], prev.id);
        this.#countActive(prev.organisationId, -1);
      }
      this.#contacts.delete(prev.id);
    }
    if (next !== undefined) {
      if (next.kind === "linked")
        this.#contactsByPair.set(pairKey(next.ownerId, next.targetMemberId), next.id);
      // Only live contacts are listed, so only they are in the owner index.
      if (next.trash === null) {
        const owned = this.#contactsByOwner.get(next.ownerId) ?? [];
        insertSorted(owned, next.id);
        this.#contactsByOwner.set(next.ownerId, owned);
        this.#countActive(next.organisationId, +1);
      }
      this.#contacts.set(next.id, next);
    }
  }

  #countActive(organisationId: OrganisationId, delta: number): void {
    this.#activeByOrganisation.set(
      organisationId,
      (this.#activeByOrganisation.get(organisationId) ?? 0) + delta,
    );
  }

  #applyQr(memberId: MemberId, prev: string | undefined, next: string | undefined): void {
    if (prev !== undefined) this.#qrByToken.delete(prev);
    if (next === undefined) this.#qrByMember.delete(memberId);
    else {
      this.#qrByMember.set(memberId, next);
      this.#qrByToken.set(next, memberId);
    }
  }

  #write<T>(apply: (prev: T | undefined, next: T | undefined) => void, prev: T | undefined, next: T) {
    const frozen = frozenCopy(next);
    apply(prev, frozen);
    this.#record(() => apply(frozen, prev));
  }

  readonly #tx: StoreTransaction = {
    organisations: {
      get: async (id) => this.#organisations.get(id) ?? null,
      insert: async (organisation) => {
        if (this.#organisations.has(organisation.id)) throw conflict(`${organisation.id} exists`);
        this.#write((p, n) => this.#applyOrganisation(p, n), undefined, organisation);
      },
      update: async (organisation, expected) => {
        const stored = this.#organisations.get(organisation.id);
        checkVersion(stored, organisation, expected);
        this.#write((p, n) => this.#applyOrganisation(p, n), stored, organisation);
      },
    },
    members: {
      get: async (id) => this.#members.get(id) ?? null,
      findByWorksId: async (worksId) => {
        const id = this.#membersByWorksId.get(worksId);
        return id === undefined ? null : (this.#members.get(id) ?? null);
      },
      findByPhone: async (e164) =>
        (this.#membersByPhone.get(e164) ?? []).map((id) => this.#members.get(id as MemberId) as Member),
      insert: async (member) => {
        if (this.#members.has(member.id)) throw conflict(`${member.id} exists`);
        this.#checkWorksIdFree(member);
        this.#write((p, n) => this.#applyMember(p, n), undefined, member);
      },
      update: async (member, expected) => {
        const stored = this.#members.get(member.id);
        checkVersion(stored, member, expected);
        this.#checkWorksIdFree(member);
        this.#write((p, n) => this.#applyMember(p, n), stored, member);
      },
    },
    contacts: {
      get: async (id) => this.#contacts.get(id) ?? null,
      findByOwnerAndTarget: async (ownerId, targetId) => {
        const id = this.#contactsByPair.get(pairKey(ownerId, targetId));
        return id === undefined ? null : (this.#contacts.get(id) ?? null);
      },
      countActive: async (organisationId) => this.#activeByOrganisation.get(organisationId) ?? 0,
      listByOwner: async (ownerId, page) => this.#listByOwner(ownerId, page),
      insert: async (contact) => {
        if (this.#contacts.has(contact.id)) throw conflict(`${contact.id} exists`);
        if (
          contact.kind === "linked" &&
          this.#contactsByPair.has(pairKey(contact.ownerId, contact.targetMemberId))
        ) {
          throw conflict(`${contact.ownerId} already has a contact for ${contact.targetMemberId}`);
        }
        this.#write((p, n) => this.#applyContact(p, n), undefined, contact);
      },
      update: async (contact, expected) => {
        const stored = this.#contacts.get(contact.id);
        checkVersion(stored, contact, expected);
        this.#checkPairFree(contact);
        this.#write((p, n) => this.#applyContact(p, n), stored, contact);
      },
    },
    qrCodes: {
      findMember: async (token) => this.#qrByToken.get(token) ?? null,
      get: async (memberId) => this.#qrByMember.get(memberId) ?? null,
      set: async (memberId, token) => {
        if (this.#qrByToken.has(token)) throw conflict("token already issued");
        const prev = this.#qrByMember.get(memberId);
        this.#applyQr(memberId, prev, token);
        this.#record(() => this.#applyQr(memberId, token, prev));
      },
    },
    events: {
      append: async (event: NewEvent) => {
        const stored = frozenCopy({ ...event, sequence: this.#events.length + 1 } as PartnerbookEvent);
        this.#events.push(stored);
        this.#record(() => this.#events.pop());
        return stored;
      },
      list: async ({ after, limit }) => this.#events.slice(Math.max(after, 0), Math.max(after, 0) + limit),
    },
  };

  /** R15: one contact per owner and external user, whichever record claims the pair. */
  #checkPairFree(contact: Contact): void {
    if (contact.kind !== "linked") return;
    const holder = this.#contactsByPair.get(pairKey(contact.ownerId, contact.targetMemberId));
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

  #listByOwner(ownerId: MemberId, page: { cursor: string | null; limit: number }): Page<Contact> {
    const ids = this.#contactsByOwner.get(ownerId) ?? [];
    const items: Contact[] = [];
    let at = page.cursor === null ? 0 : lowerBound(ids, page.cursor);
    if (page.cursor !== null && ids[at] === page.cursor) at++;
    for (; at < ids.length && items.length < page.limit; at++) {
      items.push(this.#contacts.get(ids[at] as ContactId) as Contact);
    }
    const last = items.at(-1);
    return { items, nextCursor: at < ids.length && last !== undefined ? last.id : null };
  }
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
