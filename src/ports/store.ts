import type { ContactRepository } from "./contacts.js";
import type { GroupRepository, MemberRepository, OrganisationRepository } from "./directory.js";
import type { EventRepository } from "./events.js";
import type { InvitationRepository, QrCodeRepository } from "./invitations.js";
import type { OutboxRepository } from "./outbox.js";

// The repositories live beside this file, one concept each; the store is what gathers them.
export type { BookPage, BookQuery, ContactRepository, DueDeletion, TrashPosition } from "./contacts.js";
export type {
  GroupRepository,
  MemberParty,
  MemberRepository,
  OrganisationRepository,
} from "./directory.js";
export type { EventRepository } from "./events.js";
export type { InvitationRepository, QrCode, QrCodeRepository } from "./invitations.js";
export type { OutboxItem, OutboxRepository } from "./outbox.js";
export type { ReadOptions } from "./read-options.js";

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
