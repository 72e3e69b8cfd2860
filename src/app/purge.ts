import type { Contact } from "../domain/contact.js";
import type { MemberId } from "../domain/ids.js";
import type { UnitOfWork } from "./context.js";

/**
 * R33, R34: removes a trashed contact for good and records it — by its owner (`reason: "owner"`)
 * or because its retention ran out (`"expired"`, no actor).
 */
export async function purgeContact(
  uow: UnitOfWork,
  contact: Contact,
  by:
    | { readonly actorId: MemberId; readonly reason: "owner" }
    | { readonly actorId: null; readonly reason: "expired" },
): Promise<void> {
  await uow.contacts.delete(contact.id, contact.version);
  await uow.record({
    type: "contact_purged",
    organisationId: contact.organisationId,
    actorId: by.actorId,
    contactId: contact.id,
    ownerId: contact.ownerId,
    reason: by.reason,
  });
}

/** R33: what a clean-up that found `contact` past its retention does. */
export const expired = { actorId: null, reason: "expired" } as const;
