import { canSee, type Viewer } from "../domain/access.js";
import { type Contact, isGone } from "../domain/contact.js";
import type { ContactId, MemberId } from "../domain/ids.js";
import type { Party } from "../domain/linking.js";
import { PartnerbookError } from "../errors.js";
import { loadParty, type UnitOfWork } from "./context.js";

/** The acting member as a reader of address books: their party and their groups. */
export interface Reader {
  readonly party: Party;
  readonly viewer: Viewer;
}

/** Loads the actor together with the groups that decide what is shared with them (R27). */
export async function loadReader(uow: UnitOfWork, actor: MemberId): Promise<Reader> {
  const party = await loadParty(uow, actor);
  return {
    party,
    viewer: { memberId: actor, organisationId: party.organisation.id, groupIds: new Set(party.groupIds) },
  };
}

const notFound = (id: ContactId) => new PartnerbookError("NOT_FOUND", `no contact ${id}`);

/**
 * Loads a contact that exists for this viewer: not gone (R33), visible (R27). A trashed
 * contact exists only for its owner, and only in the trash (R31).
 */
export async function requireContact(
  uow: UnitOfWork,
  viewer: Viewer,
  id: ContactId,
  options: { readonly trashed: "refuse" | "allow"; readonly lock?: boolean } = { trashed: "refuse" },
): Promise<Contact> {
  const contact = await uow.contacts.get(id, { lock: options.lock ?? false });
  if (contact === null || isGone(contact, uow.now) || !canSee(contact, viewer)) throw notFound(id);
  if (contact.trash !== null) {
    if (contact.ownerId !== viewer.memberId) throw notFound(id);
    if (options.trashed === "refuse") {
      throw new PartnerbookError("IN_TRASH", "this contact is in the trash; restore it first", {
        contactId: id,
      });
    }
  }
  return contact;
}

/** Refuses a step the viewer may see but not take. */
export function requirePermission(allowed: boolean, what: string): void {
  if (!allowed) throw new PartnerbookError("NOT_PERMITTED", `you may not ${what} this contact`);
}

/** CONFLICT unless the contact is still at the version the change was made on (R25). */
export function requireVersion(contact: Contact, expectedVersion: number): void {
  if (contact.version !== expectedVersion) {
    throw new PartnerbookError(
      "CONFLICT",
      `the contact changed since you read it (version ${contact.version}, not ${expectedVersion})`,
      { contactId: contact.id, currentVersion: contact.version },
    );
  }
}
