import {
  type Contact,
  isGone,
  type LinkedContact,
  ownerFieldsFromProfile,
  syncedFieldsOf,
} from "../domain/contact.js";
import type { ContactId } from "../domain/ids.js";
import { canLink, type Party } from "../domain/linking.js";
import { privateSharing } from "../domain/sharing.js";
import { PartnerbookError } from "../errors.js";
import type { AddedVia } from "../events.js";
import { holdCounts, requireRoomFor } from "./contact-writes.js";
import type { Context, UnitOfWork } from "./context.js";
import { notAddable, requireOpenSide } from "./linking-guard.js";
import { expired, purgeContact } from "./purge.js";

/** The answer of every add: the contact, and whether it was new or already there (R15). */
export interface AddResult {
  readonly status: "added" | "existing";
  readonly contact: Contact;
}

/**
 * R12, R15: adds `target` to `owner`'s book as a linked contact — or returns the one already
 * there. Used by every way of adding an external user.
 */
export async function addLinkedContact(
  ctx: Context,
  uow: UnitOfWork,
  owner: Party,
  target: Party,
  via: AddedVia,
): Promise<AddResult> {
  requireOpenSide(owner);
  // R10: the other side's settings are not the adder's business; the answer is the same as for
  // a member who does not exist.
  if (!canLink(owner, target).ok) throw notAddable();
  // The owner's count first: adds of the same person from two requests then take turns, and
  // the second finds the first one's contact (R15) instead of colliding with it.
  await holdCounts(uow, [owner.organisation.id]);
  const existing = await uow.contacts.findByOwnerAndTarget(owner.member.id, target.member.id);
  if (existing !== null && !isGone(existing, uow.now)) {
    if (existing.trash !== null) {
      throw new PartnerbookError("IN_TRASH", "this person is in your trash; restore them instead", {
        contactId: existing.id,
      });
    }
    return { status: "existing", contact: existing };
  }
  await requireRoomFor(uow, owner);
  const fresh: LinkedContact = {
    id: ctx.ids.id("contact") as ContactId,
    kind: "linked",
    ownerId: owner.member.id,
    organisationId: owner.organisation.id,
    targetMemberId: target.member.id,
    targetOrganisationId: target.organisation.id,
    fields: ownerFieldsFromProfile(target.member),
    synced: syncedFieldsOf(target.member, target.organisation.name),
    groups: [],
    sharing: privateSharing,
    trash: null,
    version: 1,
    createdAt: uow.now,
    updatedAt: uow.now,
  };
  if (existing !== null) {
    // R33: past its retention the old contact is gone even if no clean-up ran; it is purged
    // now, as purgeExpired would have, and the person is added afresh under a new id.
    await purgeContact(uow, existing, expired);
  }
  await uow.contacts.insert(fresh);
  await uow.record({
    type: "contact_added",
    organisationId: fresh.organisationId,
    actorId: owner.member.id,
    contactId: fresh.id,
    ownerId: owner.member.id,
    kind: "linked",
    via,
  });
  return { status: "added", contact: fresh };
}
