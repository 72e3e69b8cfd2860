import type { Contact, CustomerContact } from "../domain/contact.js";
import { type ContactPoints, contactPointKeys, contactPointsOf } from "../domain/contact-points.js";
import type { ContactId, MemberId } from "../domain/ids.js";
import type { Party } from "../domain/linking.js";
import { PartnerbookError } from "../errors.js";
import { insertCustomer, requireRoomFor, saveEdit } from "./contact-writes.js";
import type { UnitOfWork } from "./context.js";

/** What an import decided for one record, inside the record's transaction. */
export type Step =
  | { readonly kind: "add"; readonly contact: CustomerContact }
  | {
      readonly kind: "merge";
      readonly before: Contact;
      readonly applied: Contact;
      readonly changed: readonly string[];
    }
  | { readonly kind: "skip"; readonly contact: Contact };

/**
 * Where an import's records land: the store itself, or — in a dry run — the store as it would
 * look with what the run decided so far, so that each record is decided as a real run would
 * decide it (a record that repeats an earlier one is `existing`; R16 counts the would-be adds).
 */
export interface Landing {
  /** The owner's contacts, trashed too, with any of `points`. */
  find(uow: UnitOfWork, ownerId: MemberId, points: ContactPoints): Promise<Contact[]>;
  /** The contact to merge into, as it is now (held until the transaction ends). */
  latest(uow: UnitOfWork, contact: Contact): Promise<Contact>;
  requireRoom(uow: UnitOfWork, owner: Party): Promise<void>;
  /** Carries the step out inside the record's transaction. */
  write(uow: UnitOfWork, step: Step): Promise<void>;
  /** Hears a step once its transaction committed. */
  settle(step: Step): void;
}

export const storeLanding: Landing = {
  find: (uow, ownerId, points) => uow.contacts.findByOwnerAndContactPoints(ownerId, points),
  async latest(uow, contact) {
    // Locked, as an edit locks it: a sync (R23) waits instead of being written over.
    const locked = await uow.contacts.get(contact.id, { lock: true });
    // Gone to another owner since it was found (the actor left the organisation meanwhile; a
    // trash would have waited for the count this record holds): refused, decided afresh if the
    // record is imported again.
    if (locked === null || locked.ownerId !== contact.ownerId || locked.trash !== null) {
      throw new PartnerbookError("TRY_AGAIN", "the contact changed while it was being merged", {
        contactId: contact.id,
      });
    }
    return locked;
  },
  requireRoom: (uow, owner) => requireRoomFor(uow, owner),
  async write(uow, step) {
    if (step.kind === "add") await insertCustomer(uow, step.contact, "import");
    // An edit that changes nothing is not recorded; neither is such a merge.
    if (step.kind === "merge" && step.changed.length > 0) {
      await saveEdit(uow, step.before.ownerId, step.before, step.applied, step.changed);
    }
  },
  settle: () => {},
};

/**
 * A dry run's landing. It remembers the contacts the run would have added or changed — one
 * owner's, and only those — so its memory grows with what the run would write, not with the
 * records it reads.
 */
export function dryRunLanding(): Landing {
  const held = new Map<ContactId, Contact>();
  const byPoint = new Map<string, Set<ContactId>>();
  let added = 0;
  const remember = (contact: Contact) => {
    held.set(contact.id, contact);
    for (const key of contactPointKeys(contactPointsOf(contact.fields))) {
      const ids = byPoint.get(key) ?? new Set<ContactId>();
      ids.add(contact.id);
      byPoint.set(key, ids);
    }
  };
  return {
    async find(uow, ownerId, points) {
      const found = new Map<ContactId, Contact>();
      for (const contact of await uow.contacts.findByOwnerAndContactPoints(ownerId, points)) {
        found.set(contact.id, held.get(contact.id) ?? contact);
      }
      for (const key of contactPointKeys(points)) {
        for (const id of byPoint.get(key) ?? []) found.set(id, held.get(id) as Contact);
      }
      return [...found.values()];
    },
    latest: async (_uow, contact) => contact,
    requireRoom: (uow, owner) => requireRoomFor(uow, owner, added),
    write: async () => {},
    settle(step) {
      if (step.kind === "add") {
        added++;
        remember(step.contact);
      }
      if (step.kind === "merge" && step.changed.length > 0) remember(step.applied);
    },
  };
}
