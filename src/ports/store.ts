import type { Viewer } from "../domain/access.js";
import type { BookPosition, Tab } from "../domain/address-book.js";
import type { Contact } from "../domain/contact.js";
import type { ContactPoints } from "../domain/contact-points.js";
import type { Group } from "../domain/group.js";
import type { ContactId, GroupId, InvitationId, MemberId, OrganisationId } from "../domain/ids.js";
import type { Invitation } from "../domain/invitation.js";
import type { Party } from "../domain/linking.js";
import type { Member } from "../domain/member.js";
import type { Organisation } from "../domain/organisation.js";
import type { NewEvent, PartnerbookEvent } from "../events.js";

/**
 * The repositories partnerbook needs. Every method is an indexed lookup, a keyed write, or a
 * set-wide update a SQL store does in one statement.
 *
 * Writes take the version the caller read: `update(next, expected)` stores `next` only if the
 * stored record still has version `expected`, and otherwise throws a `CONFLICT`
 * {@link PartnerbookError}. Inserting a duplicate key also throws `CONFLICT`.
 *
 * A read with `{ lock: true }` also locks the record until the transaction ends, for a
 * read-modify-write that other transactions must not interleave with (see {@link Store} for
 * the order locks are taken in).
 */
export interface OrganisationRepository {
  /** The organisation with this id, or `null`. */
  get(id: OrganisationId, options?: ReadOptions): Promise<Organisation | null>;
  /** Stores a new organisation; `CONFLICT` if its id is taken. */
  insert(organisation: Organisation): Promise<void>;
  /** Replaces the organisation if its stored version is `expectedVersion`, else `CONFLICT`. */
  update(organisation: Organisation, expectedVersion: number): Promise<void>;
}

/** A member with what every use-case loads about its actor: organisation and groups. */
export interface MemberParty {
  readonly member: Member;
  readonly organisation: Organisation;
  /** R27: the groups the member belongs to, by name then id. */
  readonly groupIds: readonly GroupId[];
}

/** See {@link OrganisationRepository} for the write contract. */
export interface MemberRepository {
  /** The member with this id, or `null`. */
  get(id: MemberId, options?: ReadOptions): Promise<Member | null>;
  /** The member, their organisation and their groups in one read; `null` if no such member. */
  getParty(id: MemberId): Promise<MemberParty | null>;
  /** The organisation's members in id order, strictly after `after`, at most `limit`. */
  listByOrganisation(
    organisationId: OrganisationId,
    page: { readonly after: MemberId | null; readonly limit: number },
  ): Promise<Member[]>;
  /** By works ID in its normalised form (`normaliseWorksId`). Unique. */
  findByWorksId(normalisedWorksId: string): Promise<Member | null>;
  /** Every member whose mobile phone has this E.164 number, in id order. */
  findByPhone(e164: string): Promise<Member[]>;
  /**
   * R7, R10: the member with this works ID (in its normalised form) with their organisation —
   * or, when nobody has it, `standIn`'s party in its place — in ONE statement. A search passes
   * the searcher, whom it never shows (R3: the same organisation), and decides in memory: "no
   * such member" then costs what "exists, but may not be found" costs — one party read, shipped
   * and decided on — so the time an answer takes tells them apart no more than the answer does.
   */
  findCandidatesByWorksId(normalisedWorksId: string, standIn: MemberId): Promise<Party[]>;
  /**
   * R8, R10: every member with this E.164 mobile number who allows search by phone, with their
   * organisation, in id order — or, when there is none, `standIn`'s party — in ONE statement, as
   * {@link findCandidatesByWorksId}. A member who does not allow it is not read at all: to the
   * store, "not searchable" is "no such number".
   */
  findCandidatesByPhone(e164: string, standIn: MemberId): Promise<Party[]>;
  /** Every member whose email is this address (compared lower-cased), in id order. */
  findByEmail(email: string): Promise<Member[]>;
  /** Stores a new member; `CONFLICT` if its id or WORKS ID is taken. */
  insert(member: Member): Promise<void>;
  /** Replaces the member if its stored version is `expectedVersion`, else `CONFLICT`. */
  update(member: Member, expectedVersion: number): Promise<void>;
  /** R29: the member left the organisation. */
  delete(id: MemberId, expectedVersion: number): Promise<void>;
}

/** See {@link OrganisationRepository} for the write contract. */
export interface GroupRepository {
  /** The group with this id, or `null`. */
  get(id: GroupId, options?: ReadOptions): Promise<Group | null>;
  /** The organisation's groups, by name then id. */
  listByOrganisation(organisationId: OrganisationId): Promise<Group[]>;
  /** The groups `memberId` belongs to (R27: what a contact shared with a group reaches). */
  listByMember(memberId: MemberId): Promise<Group[]>;
  /** Stores a new group; `CONFLICT` if its id is taken. */
  insert(group: Group): Promise<void>;
  /** Replaces the group if its stored version is `expectedVersion`, else `CONFLICT`. */
  update(group: Group, expectedVersion: number): Promise<void>;
  /** Removes the group if its stored version is `expectedVersion`, else `CONFLICT`. */
  delete(id: GroupId, expectedVersion: number): Promise<void>;
}

/** How a repository reads: `lock` holds the record(s) read until the transaction ends. */
export interface ReadOptions {
  readonly lock?: boolean;
}

/** R26–R28: one page of the address book as one viewer sees it. */
export interface BookQuery {
  readonly viewer: Viewer;
  readonly tab: Tab;
  /** Only contacts in this group. */
  readonly group: GroupId | null;
  /** Folded with `foldForSearch`; matched against `searchTextOf(contact)`. */
  readonly text: string | null;
  /** Start after this position in `sortKeyOf` + id order; `null` for the first page. */
  readonly after: BookPosition | null;
  readonly limit: number;
}

/** A page of contacts and the position of its last item when more follow. */
export interface BookPage {
  readonly items: readonly Contact[];
  readonly next: BookPosition | null;
}

/** A position in a trash listing: by `purgeAt`, then id. */
export interface TrashPosition {
  readonly purgeAt: Date;
  readonly id: ContactId;
}

/**
 * What {@link ContactRepository.deleteDue} removed — of each contact what its `contact_purged`
 * event names, not the whole record, which would travel back from a SQL store for nothing — and
 * whether more contacts were due.
 */
export interface DueDeletion {
  readonly removed: readonly Pick<Contact, "id" | "organisationId" | "ownerId">[];
  readonly more: boolean;
}

/** See {@link OrganisationRepository} for the write contract. */
export interface ContactRepository {
  /** The contact with this id, trashed or not, or `null`. */
  get(id: ContactId, options?: ReadOptions): Promise<Contact | null>;
  /** R15: the owner's contact for an external user, trashed or not. Unique per pair. */
  findByOwnerAndTarget(ownerId: MemberId, targetMemberId: MemberId): Promise<Contact | null>;
  /**
   * The owner's contacts, trashed ones too, that have any of these phones (E.164, as stored) or
   * emails (compared folded with `emailKey`), in id order — served by an index, so an import of
   * many records does not scan the book once per record.
   */
  findByOwnerAndContactPoints(ownerId: MemberId, points: ContactPoints): Promise<Contact[]>;
  /**
   * R16: contacts of the organisation that are not in the trash — a maintained count, not a
   * scan — and a hold on it: until this transaction ends, no other transaction makes a contact
   * of the organisation live or not live, so a check against the limit stays true until commit.
   */
  countActive(organisationId: OrganisationId): Promise<number>;
  /**
   * R26–R28: live contacts the viewer may see (`canSee`), on the tab, in the group, matching
   * the text, ordered by (`sortKeyOf`, id), strictly after `after`, at most `limit`.
   */
  listBook(query: BookQuery): Promise<BookPage>;
  /** R32: the owner's trashed contacts by `purgeAt` then id, strictly after `after`. */
  listTrash(
    ownerId: MemberId,
    page: { readonly after: TrashPosition | null; readonly limit: number },
  ): Promise<{ readonly items: readonly Contact[]; readonly next: TrashPosition | null }>;
  /**
   * R33: removes up to `limit` trashed contacts with `purgeAt ≤ now`, earliest first, in ONE
   * statement, and says which (earliest first) and whether more were due. Contacts another
   * transaction holds are skipped, not waited for: clean-ups side by side never take the same
   * contact, and `more` counts only what this one could have taken.
   */
  deleteDue(now: Date, limit: number): Promise<DueDeletion>;
  /** R29: the targets of linked contacts that both owners have, in id order. */
  sharedTargets(ownerA: MemberId, ownerB: MemberId): Promise<MemberId[]>;
  /**
   * Stores a new contact; `CONFLICT` if its id is taken, or its owner already has a contact for
   * the same external user (R15).
   */
  insert(contact: Contact): Promise<void>;
  /** Replaces the contact if its stored version is `expectedVersion`, else `CONFLICT`. */
  update(contact: Contact, expectedVersion: number): Promise<void>;
  /** R33, R34: removes the contact for good. */
  delete(id: ContactId, expectedVersion: number): Promise<void>;
  /**
   * R23: sets nickname and photo on every contact (trashed too) linked to `targetMemberId`,
   * leaving versions alone: sync is not an edit. Returns how many contacts it touched.
   */
  syncMember(
    targetMemberId: MemberId,
    synced: { readonly nickname: string | null; readonly photoUrl: string | null },
  ): Promise<number>;
  /** R23: sets the company on every contact linked to a member of `organisationId`. */
  syncCompany(organisationId: OrganisationId, company: string): Promise<number>;
  /** R29: moves every contact (trashed too) of `from` to `to`. Returns how many. */
  reassignOwner(from: MemberId, to: MemberId): Promise<number>;
  /**
   * A deleted group leaves every contact's groups and sharing. Like sync, a clean-up the owner
   * did not make: versions stay. Returns how many contacts changed.
   */
  removeGroup(groupId: GroupId): Promise<number>;
  /** R29: a departed member leaves every contact's sharing list. Returns how many changed. */
  removeSharedMember(memberId: MemberId): Promise<number>;
}

/** See {@link OrganisationRepository} for the write contract. */
export interface InvitationRepository {
  /** The invitation with this id, or `null`. */
  get(id: InvitationId, options?: ReadOptions): Promise<Invitation | null>;
  /** R20: tokens are found by their hash only. Unique. */
  findByTokenHash(tokenHash: string, options?: ReadOptions): Promise<Invitation | null>;
  /** R17: the inviter's email invitation to this address (lower-cased), if any. Unique per pair. */
  findByInviterAndEmail(
    inviterId: MemberId,
    email: string,
    options?: ReadOptions,
  ): Promise<Invitation | null>;
  /** The inviter's invitations, newest first. */
  listByInviter(inviterId: MemberId): Promise<Invitation[]>;
  /**
   * Stores a new invitation; `CONFLICT` if its id or token hash is taken, or the inviter already
   * invited that address (R20).
   */
  insert(invitation: Invitation): Promise<void>;
  /** Replaces the invitation if its stored version is `expectedVersion`, else `CONFLICT`. */
  update(invitation: Invitation, expectedVersion: number): Promise<void>;
}

/**
 * R13, R20: a member's current QR code as stored: which generation it is and its token's hash.
 * The token itself is derived from the app's secret when shown and never stored.
 */
export interface QrCode {
  /** Re-issuing bumps it; 0 for a code kept from before codes were derived. */
  readonly generation: number;
  readonly tokenHash: string;
}

/** R13: each member's current QR code. Setting a new one replaces the old one. */
export interface QrCodeRepository {
  /** R20: the member whose current code has this token hash. */
  findMember(tokenHash: string): Promise<MemberId | null>;
  /** The member's current code, or `null` if the member has none. */
  get(memberId: MemberId): Promise<QrCode | null>;
  /**
   * Replaces the member's code. CONFLICT if `code.tokenHash` is another member's, or the
   * member's current one: a token is never issued twice.
   */
  set(memberId: MemberId, code: QrCode): Promise<void>;
}

/**
 * R35: the append-only event log, one per organisation. Appending holds the organisation's log
 * until the transaction ends, so its sequences are gap-free and become visible in order: a
 * reader paging with `after` never skips an event that commits late.
 */
export interface EventRepository {
  /**
   * Appends each event to its `organisationId`'s log — in the given order within each log, the
   * logs taken in organisation id order — in ONE statement, and returns the events, in the given
   * order, with their `sequence`s. Appending nothing is no statement at all.
   */
  appendAll(events: readonly NewEvent[]): Promise<PartnerbookEvent[]>;
  /**
   * The organisation's events with `sequence > after`, oldest first; with `subjectId`, only
   * those about that member (`eventSubject`).
   */
  list(page: {
    readonly organisationId: OrganisationId;
    readonly after: number;
    readonly limit: number;
    readonly subjectId?: MemberId;
  }): Promise<PartnerbookEvent[]>;
}

/** A message waiting in the outbox, as {@link OutboxRepository.claim} hands it out. */
export interface OutboxItem {
  /** One message per key: a newer message under the same key replaces one not delivered yet. */
  readonly key: string;
  readonly organisationId: OrganisationId;
  /** The same for every delivery of the same message (the mail's own `idempotencyKey`). */
  readonly idempotencyKey: string;
  /**
   * R20: the mail, sealed by the app with its secret — opaque to the store, which never sees the
   * invite link inside.
   */
  readonly message: string;
  /** Deliveries tried before this one. */
  readonly attempts: number;
}

/**
 * Mail to send after commit (the transactional outbox): written in the transaction that makes
 * the change, delivered once it committed — a rolled-back change sends nothing.
 */
export interface OutboxRepository {
  /** Queues `message` under `key`, due at `at`; replaces a message under `key` not yet delivered. */
  put(item: {
    readonly key: string;
    readonly organisationId: OrganisationId;
    readonly idempotencyKey: string;
    readonly message: string;
    readonly at: Date;
  }): Promise<void>;
  /**
   * Up to `limit` messages due at `now` (oldest first; only `keys` when given), each leased
   * until `until`: not handed out again before then, and skipped, not waited for, while another
   * transaction claims it. Counts the attempt.
   */
  claim(page: {
    readonly now: Date;
    readonly until: Date;
    readonly limit: number;
    readonly keys?: readonly string[];
  }): Promise<OutboxItem[]>;
  /** The message with this idempotency key was delivered: it leaves the outbox. */
  delivered(key: string, idempotencyKey: string): Promise<void>;
  /** Delivering it failed: it is due again at `retryAt`. */
  failed(key: string, idempotencyKey: string, retryAt: Date, error: string): Promise<void>;
  /** How many messages wait, due or not. */
  countPending(): Promise<number>;
}

/** Everything a use-case may touch inside one transaction. */
export interface StoreTransaction {
  readonly organisations: OrganisationRepository;
  readonly members: MemberRepository;
  readonly groups: GroupRepository;
  readonly contacts: ContactRepository;
  readonly invitations: InvitationRepository;
  readonly qrCodes: QrCodeRepository;
  readonly events: EventRepository;
  readonly outbox: OutboxRepository;
}

/**
 * The storage port. `transaction(fn)` runs `fn` as one unit of work: if `fn` throws, nothing
 * it wrote is kept, and concurrent transactions never see each other's partial writes.
 *
 * A store may run `fn` more than once (a PostgreSQL store re-runs a transaction that lost a
 * race), so `fn` must have no effect outside the transaction. Use-cases take locks in one order,
 * so that no two transactions wait on each other in a cycle:
 * 1. the invitation being redeemed, revoked or re-sent;
 * 2. organisations' contact counts (`countActive`), in organisation id order;
 * 3. the organisation, member or group being changed;
 * 4. contacts, in id order;
 * 5. organisations' event logs (`events.appendAll`), in organisation id order — always last.
 *
 * Records are values: partnerbook never changes a record a store handed it (it builds a new
 * one), and what it hands its own callers are copies, so a store may share, cache or freeze the
 * records it returns.
 */
export interface Store {
  /**
   * Runs `fn` as one unit of work and resolves with what it returned; if `fn` throws, nothing it
   * wrote is kept.
   */
  transaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T>;
}
