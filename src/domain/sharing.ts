import type { Contact } from "./contact.js";
import type { GroupId, MemberId, OrganisationId } from "./ids.js";

/** R27: who besides the owner sees a contact. */
export type Visibility =
  | { readonly visibility: "private" }
  | { readonly visibility: "organisation" }
  | {
      readonly visibility: "members";
      readonly members: readonly MemberId[];
      readonly groups: readonly GroupId[];
    };

/** R27: a contact's sharing — its visibility, and whether those who see it may edit it. */
export type Sharing = Visibility & { readonly coEditing: boolean };

/** R27: at most this many members and groups together in a `members` visibility. */
export const maxShareTargets = 500;

/** A new contact is the owner's alone until they share it. */
export const privateSharing: Sharing = { visibility: "private", coEditing: false };

/** Who is looking: a member, their organisation, and the groups they belong to. */
export interface Viewer {
  readonly memberId: MemberId;
  readonly organisationId: OrganisationId;
  readonly groupIds: ReadonlySet<GroupId>;
}

/**
 * R27: the owner always sees their contact; others only inside the owner's organisation, and
 * only as its visibility says. Members of other organisations never see it.
 */
export function canSee(contact: Contact, viewer: Viewer): boolean {
  if (contact.ownerId === viewer.memberId) return true;
  if (contact.organisationId !== viewer.organisationId) return false;
  const sharing = contact.sharing;
  switch (sharing.visibility) {
    case "private":
      return false;
    case "organisation":
      return true;
    case "members":
      return (
        sharing.members.includes(viewer.memberId) ||
        sharing.groups.some((group) => viewer.groupIds.has(group))
      );
  }
}

/** R27: with co-editing on, everyone who sees the contact may edit it; off, only the owner. */
export function canEdit(contact: Contact, viewer: Viewer): boolean {
  return contact.ownerId === viewer.memberId || (contact.sharing.coEditing && canSee(contact, viewer));
}

/** R27 (chosen): only the owner decides who sees and edits their contact. */
export function canShare(contact: Contact, viewer: Viewer): boolean {
  return contact.ownerId === viewer.memberId;
}

/** R30, R34: only the owner deletes, restores or purges — never a sharer, never an admin. */
export function canDelete(contact: Contact, viewer: Viewer): boolean {
  return contact.ownerId === viewer.memberId;
}

/** Whether two lists hold the same ids, in any order (lists here never repeat an id). */
export function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}

/**
 * Whether two sharings are the same — listed members and groups in any order — so that a share
 * that changes nothing is not recorded.
 */
export function sameSharing(a: Sharing, b: Sharing): boolean {
  if (a.visibility !== b.visibility || a.coEditing !== b.coEditing) return false;
  if (a.visibility !== "members" || b.visibility !== "members") return true;
  return sameMembers(a.members, b.members) && sameMembers(a.groups, b.groups);
}
