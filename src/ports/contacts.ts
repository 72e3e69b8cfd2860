import type { Viewer } from "../domain/access.js";
import type { BookPosition, Tab } from "../domain/address-book.js";
import type { Contact } from "../domain/contact.js";
import type { ContactPoints } from "../domain/contact-points.js";
import type { ContactId, GroupId, MemberId, OrganisationId } from "../domain/ids.js";
import type { ReadOptions } from "./read-options.js";

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
