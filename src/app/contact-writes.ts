import { type Contact, type CustomerContact, emptyOwnerFields } from "../domain/contact.js";
import type { ContactId, MemberId, OrganisationId } from "../domain/ids.js";
import type { Party } from "../domain/linking.js";
import { contactLimit } from "../domain/organisation.js";
import { privateSharing } from "../domain/sharing.js";
import { PartnerbookError } from "../errors.js";
import type { CustomerChange } from "./contact-input.js";
import type { Context, UnitOfWork } from "./context.js";

// The steps that make and change contacts, shared by the use-cases that take them: the limit
// (R16), a customer added by hand or imported (R14), an owner's edit or an import's merge (R24),
// each with the event it records (R35).

/**
 * R16: holds the organisations' contact counts until the transaction ends, in organisation id
 * order (the lock order of the `Store` port): every step that makes a contact live or not live
 * takes its organisation's count first.
 */
export async function holdCounts(uow: UnitOfWork, organisationIds: readonly OrganisationId[]): Promise<void> {
  for (const id of [...new Set(organisationIds)].sort()) await uow.contacts.countActive(id);
}

/**
 * R16: refuses a new live contact when the organisation is at its plan's limit — counting
 * `pending` contacts on top of the stored ones (those a dry run of an import would have added).
 */
export async function requireRoomFor(uow: UnitOfWork, owner: Party, pending = 0): Promise<void> {
  const limit = contactLimit(owner.organisation.plan);
  // The count is held from here to commit, so no concurrent add can take the same last slot.
  if ((await uow.contacts.countActive(owner.organisation.id)) + pending >= limit) {
    // Named, not "your": in a redeem (R19) the book that is full may be the inviter's.
    throw new PartnerbookError(
      "LIMIT_REACHED",
      `${owner.organisation.name} holds its limit of ${limit} contacts`,
      { limit },
    );
  }
}

/** R14: a new customer contact of `owner`, not stored yet. */
export function newCustomerContact(
  ctx: Context,
  uow: UnitOfWork,
  owner: Party,
  change: CustomerChange,
): CustomerContact {
  return {
    id: ctx.ids.id("contact") as ContactId,
    kind: "customer",
    ownerId: owner.member.id,
    organisationId: owner.organisation.id,
    profile: change.profile,
    fields: { ...emptyOwnerFields, ...change.fields },
    groups: change.groups ?? [],
    sharing: privateSharing,
    trash: null,
    version: 1,
    createdAt: uow.now,
    updatedAt: uow.now,
  };
}

/**
 * R14, R35: stores a new customer contact and records that its owner added it, by hand or by
 * importing a file.
 */
export async function insertCustomer(
  uow: UnitOfWork,
  contact: CustomerContact,
  via: "manual" | "import" = "manual",
): Promise<void> {
  await uow.contacts.insert(contact);
  await uow.record({
    type: "contact_added",
    organisationId: contact.organisationId,
    actorId: contact.ownerId,
    contactId: contact.id,
    ownerId: contact.ownerId,
    kind: "customer",
    via,
  });
}

/**
 * R24, R35: stores `applied` (from `applyChange`, which named what `changed`) over `before` as
 * its next version, and records the edit by `actorId`.
 */
export async function saveEdit(
  uow: UnitOfWork,
  actorId: MemberId,
  before: Contact,
  applied: Contact,
  changed: readonly string[],
): Promise<Contact> {
  const after = { ...applied, version: before.version + 1, updatedAt: uow.now };
  await uow.contacts.update(after, before.version);
  await uow.record({
    type: "contact_edited",
    organisationId: after.organisationId,
    actorId,
    contactId: after.id,
    ownerId: after.ownerId,
    fields: [...changed],
  });
  return after;
}
