import type { Group } from "../domain/group.js";
import type { GroupId, MemberId, OrganisationId } from "../domain/ids.js";
import type { Party } from "../domain/linking.js";
import type { Member } from "../domain/member.js";
import type { Organisation } from "../domain/organisation.js";
import type { ReadOptions } from "./read-options.js";

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
