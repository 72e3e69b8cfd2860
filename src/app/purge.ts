import type { Contact } from "../domain/contact.js";
import type { MemberId } from "../domain/ids.js";
import type { EventDraft, UnitOfWork } from "./context.js";

/** Who purged a contact: its owner (R34), or nobody because its retention ran out (R33). */
export type PurgedBy =
  | { readonly actorId: MemberId; readonly reason: "owner" }
  | { readonly actorId: null; readonly reason: "expired" };

/** R33, R34: the event of `contact` removed for good. */
export const purgedEvent = (
  contact: Pick<Contact, "id" | "organisationId" | "ownerId">,
  by: PurgedBy,
): EventDraft => ({
  type: "contact_purged",
  organisationId: contact.organisationId,
  actorId: by.actorId,
  contactId: contact.id,
  ownerId: contact.ownerId,
  reason: by.reason,
});

/**
 * R33, R34: removes a trashed contact for good and records it — by its owner (`reason: "owner"`)
 * or because its retention ran out (`"expired"`, no actor).
 */
export async function purgeContact(uow: UnitOfWork, contact: Contact, by: PurgedBy): Promise<void> {
  await uow.contacts.delete(contact.id, contact.version);
  await uow.record(purgedEvent(contact, by));
}

/** R33: what a clean-up that found `contact` past its retention does. */
export const expired = { actorId: null, reason: "expired" } as const;
