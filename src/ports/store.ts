import type { Contact } from "../domain/contact.js";
import type { ContactId, MemberId, OrganisationId } from "../domain/ids.js";
import type { Member } from "../domain/member.js";
import type { Organisation } from "../domain/organisation.js";
import type { NewEvent, PartnerbookEvent } from "../events.js";

/**
 * The repositories partnerbook needs. Every method is one indexed lookup or one keyed write,
 * so a SQL store implements each with one statement.
 *
 * Writes take the version the caller read: `update(next, expected)` stores `next` only if the
 * stored record still has version `expected`, and otherwise throws a `CONFLICT`
 * {@link PartnerbookError}. Inserting a duplicate key also throws `CONFLICT`.
 */
export interface OrganisationRepository {
  get(id: OrganisationId): Promise<Organisation | null>;
  insert(organisation: Organisation): Promise<void>;
  update(organisation: Organisation, expectedVersion: number): Promise<void>;
}

/** See {@link OrganisationRepository} for the write contract. */
export interface MemberRepository {
  get(id: MemberId): Promise<Member | null>;
  /** By works ID in its normalised form (`normaliseWorksId`). Unique. */
  findByWorksId(normalisedWorksId: string): Promise<Member | null>;
  /** Every member whose mobile phone has this E.164 number, in id order. */
  findByPhone(e164: string): Promise<Member[]>;
  insert(member: Member): Promise<void>;
  update(member: Member, expectedVersion: number): Promise<void>;
}

/** A page of records plus the cursor of the next page (`null` on the last one). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** See {@link OrganisationRepository} for the write contract. */
export interface ContactRepository {
  get(id: ContactId): Promise<Contact | null>;
  /** R15: the owner's contact for an external user, trashed or not. Unique per pair. */
  findByOwnerAndTarget(ownerId: MemberId, targetMemberId: MemberId): Promise<Contact | null>;
  /** R16: contacts of the organisation that are not in the trash. */
  countActive(organisationId: OrganisationId): Promise<number>;
  /** The owner's contacts not in the trash, in id order, `limit` at a time after `cursor`. */
  listByOwner(
    ownerId: MemberId,
    page: { readonly cursor: string | null; readonly limit: number },
  ): Promise<Page<Contact>>;
  insert(contact: Contact): Promise<void>;
  update(contact: Contact, expectedVersion: number): Promise<void>;
}

/** R13: each member's current QR token. Issuing a new one replaces the old one. */
export interface QrCodeRepository {
  findMember(token: string): Promise<MemberId | null>;
  get(memberId: MemberId): Promise<string | null>;
  set(memberId: MemberId, token: string): Promise<void>;
}

/** R35: the append-only event log. */
export interface EventRepository {
  /** Appends and returns the event with its `sequence`. */
  append(event: NewEvent): Promise<PartnerbookEvent>;
  /** Events with `sequence > after`, oldest first. */
  list(page: { readonly after: number; readonly limit: number }): Promise<PartnerbookEvent[]>;
}

/** Everything a use-case may touch inside one transaction. */
export interface StoreTransaction {
  readonly organisations: OrganisationRepository;
  readonly members: MemberRepository;
  readonly contacts: ContactRepository;
  readonly qrCodes: QrCodeRepository;
  readonly events: EventRepository;
}

/**
 * The storage port. `transaction(fn)` runs `fn` as one unit of work: if `fn` throws, nothing
 * it wrote is kept, and concurrent transactions never see each other's partial writes.
 */
export interface Store {
  transaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T>;
}
