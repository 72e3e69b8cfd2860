import * as z from "zod/mini";
import { canDelete } from "../domain/access.js";
import { type Contact, isGone, syncedFieldsOf } from "../domain/contact.js";
import { openCursor, sealCursor } from "../domain/cursor.js";
import type { ContactId, MemberId } from "../domain/ids.js";
import { isId } from "../domain/text.js";
import { daysLeft, trashStateAt } from "../domain/trash.js";
import { PartnerbookError } from "../errors.js";
import type { PageInput } from "../inputs.js";
import { contactIdSchema, memberIdSchema, pageSchema } from "../schemas.js";
import { holdCounts, requireRoomFor } from "./contact-writes.js";
import { type Context, findParty, inTransaction, loadParty, type UnitOfWork } from "./context.js";
import { expired, purgeContact, purgedEvent } from "./purge.js";
import { invalid, parseInput } from "./validate.js";
import { loadReader, requireContact, requirePermission } from "./viewer.js";

/** One line of the trash: the contact and how long it can still be restored (R32). */
export interface TrashEntry {
  readonly contact: Contact;
  readonly purgeAt: Date;
  /** Whole days left, for a UI to print ("restorable for 3 more days"). */
  readonly daysLeft: number;
}

/** Deleting and restoring contacts: the 30-day trash (R30–R34). */
export interface Trash {
  /**
   * R30, R31: the owner moves a contact to the trash: hidden from every list and sharer, no talk
   * and no history, restorable until `purgeAt`.
   */
  delete(actor: MemberId, id: ContactId): Promise<TrashEntry>;
  /** R32: the owner's trash, what is still restorable, soonest-gone first. */
  list(
    actor: MemberId,
    page?: PageInput,
  ): Promise<{ items: readonly TrashEntry[]; nextCursor: string | null }>;
  /**
   * R32, R16: brings the contact back exactly as it was — fields, groups, sharing — with synced
   * fields from the current profile; only before `purgeAt`, only within the contact limit.
   */
  restore(actor: MemberId, id: ContactId): Promise<Contact>;
  /** R34: the owner removes a trashed contact for good, at once. */
  purge(actor: MemberId, id: ContactId): Promise<void>;
  /**
   * R33: physically removes every trashed contact whose `purgeAt` has passed. Expiry itself is
   * lazy (nothing past `purgeAt` is ever shown), so this only reclaims space. Idempotent.
   * Returns how many contacts were removed.
   */
  purgeExpired(options?: { batchSize?: number | undefined }): Promise<number>;
}

const cursorOf = (contact: Contact) =>
  contact.trash === null ? null : sealCursor("trash", [contact.trash.purgeAt.toISOString(), contact.id]);

// A four-digit year: no purgeAt is ever outside it, and every store can compare it (JavaScript
// dates reach back to 271821 BC, PostgreSQL's timestamps only to 4713 BC).
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The position a cursor of {@link cursorOf} names: an instant exactly as it gave it, and an id. */
function parseTrashCursor(cursor: string): { purgeAt: Date; id: ContactId } {
  const [instant = "", id = ""] = openCursor("trash", cursor, 2) ?? [];
  const purgeAt = new Date(instant);
  if (
    !isoInstant.test(instant) ||
    Number.isNaN(purgeAt.getTime()) ||
    purgeAt.toISOString() !== instant ||
    !isId(id)
  ) {
    throw invalid(["cursor"], "not a cursor this trash gave out");
  }
  return { purgeAt, id: id as ContactId };
}

const entry = (contact: Contact, now: Date): TrashEntry => {
  const trash = contact.trash as NonNullable<Contact["trash"]>;
  return { contact, purgeAt: trash.purgeAt, daysLeft: daysLeft(trash, now) };
};

const purgeOptionsSchema = z.optional(
  z.strictObject({ batchSize: z.optional(z.int().check(z.minimum(1), z.maximum(100_000))) }),
);

export function trash(ctx: Context): Trash {
  /** Loads a trashed contact of the actor's that is still restorable. */
  async function requireTrashed(uow: UnitOfWork, actorId: MemberId, contactId: ContactId): Promise<Contact> {
    const { viewer } = await loadReader(uow, actorId);
    const contact = await requireContact(uow, viewer, contactId, { trashed: "allow", lock: true });
    requirePermission(canDelete(contact, viewer), "restore or purge");
    if (contact.trash === null) {
      throw new PartnerbookError("NOT_IN_TRASH", "only a contact in the trash can be restored or purged", {
        contactId,
      });
    }
    return contact;
  }

  return {
    async delete(actor, id) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const contactId = parseInput(contactIdSchema, id, "contact id");
      return inTransaction(ctx, async (uow) => {
        const { party, viewer } = await loadReader(uow, actorId);
        // The count before the contact (the lock order): a restore of the same contact takes
        // them in the same order.
        await holdCounts(uow, [party.organisation.id]);
        const before = await requireContact(uow, viewer, contactId, { trashed: "refuse", lock: true });
        requirePermission(canDelete(before, viewer), "delete");
        const state = trashStateAt(uow.now, party.organisation.trashRetentionDays);
        const after: Contact = { ...before, trash: state, version: before.version + 1, updatedAt: uow.now };
        await uow.contacts.update(after, before.version);
        await uow.record({
          type: "contact_trashed",
          organisationId: after.organisationId,
          actorId,
          contactId,
          ownerId: after.ownerId,
          purgeAt: state.purgeAt,
        });
        return entry(after, uow.now);
      });
    },

    async list(actor, page) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const options = parseInput(pageSchema, page, "page") ?? {};
      const requested = options.cursor ? parseTrashCursor(options.cursor) : null;
      return inTransaction(ctx, async (uow) => {
        await loadParty(uow, actorId);
        // R33: what is past purgeAt is gone; start no earlier than now so it is never listed.
        const floor = { purgeAt: uow.now, id: "\uffff" as ContactId };
        const after = requested !== null && requested.purgeAt >= uow.now ? requested : floor;
        const result = await uow.contacts.listTrash(actorId, { after, limit: options.limit ?? 50 });
        const items = result.items.filter((contact) => !isGone(contact, uow.now));
        const last = result.items.at(-1);
        return {
          items: items.map((contact) => entry(contact, uow.now)),
          nextCursor: result.next === null || last === undefined ? null : cursorOf(last),
        };
      });
    },

    async restore(actor, id) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const contactId = parseInput(contactIdSchema, id, "contact id");
      return inTransaction(ctx, async (uow) => {
        const owner = await loadParty(uow, actorId);
        await holdCounts(uow, [owner.organisation.id]);
        const before = await requireTrashed(uow, actorId, contactId);
        await requireRoomFor(uow, owner);
        const target = before.kind === "linked" ? await findParty(uow, before.targetMemberId) : null;
        const refreshed: Contact =
          before.kind === "linked" && target !== null
            ? { ...before, synced: syncedFieldsOf(target.member, target.organisation.name) }
            : before;
        const after: Contact = { ...refreshed, trash: null, version: before.version + 1, updatedAt: uow.now };
        await uow.contacts.update(after, before.version);
        await uow.record({
          type: "contact_restored",
          organisationId: after.organisationId,
          actorId,
          contactId,
          ownerId: after.ownerId,
        });
        return after;
      });
    },

    async purge(actor, id) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const contactId = parseInput(contactIdSchema, id, "contact id");
      await inTransaction(ctx, async (uow) => {
        await purgeContact(uow, await requireTrashed(uow, actorId, contactId), { actorId, reason: "owner" });
      });
    },

    async purgeExpired(options) {
      const batchSize = parseInput(purgeOptionsSchema, options, "options")?.batchSize ?? 500;
      let total = 0;
      for (;;) {
        // A constant number of statements per batch: one delete, one append of its events.
        const batch = await inTransaction(ctx, async (uow) => {
          const { removed, more } = await uow.contacts.deleteDue(uow.now, batchSize);
          for (const contact of removed) await uow.record(purgedEvent(contact, expired));
          return { count: removed.length, more };
        });
        total += batch.count;
        if (!batch.more) return total;
      }
    },
  };
}
