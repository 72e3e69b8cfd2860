import type { Contact } from "./contact.js";
import type { GroupId, MemberId, OrganisationId } from "./ids.js";

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
