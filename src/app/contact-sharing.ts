import { canShare } from "../domain/access.js";
import type { Contact } from "../domain/contact.js";
import { type Sharing, sameSharing } from "../domain/sharing.js";
import { contactIdSchema, expectedVersionSchema, memberIdSchema, sharingSchema } from "../schemas.js";
import { requireGroupsOf, requireMembersOf } from "./contact-input.js";
import { type Context, inTransaction } from "./context.js";
import { parseInput } from "./validate.js";
import { loadReader, requireContact, requirePermission, requireVersion } from "./viewer.js";

/** R27: `Contacts.share` — the owner decides who sees the contact and whether they may edit it. */
export async function shareContact(
  ctx: Context,
  actor: unknown,
  id: unknown,
  sharing: unknown,
  options: unknown,
): Promise<Contact> {
  const actorId = parseInput(memberIdSchema, actor, "actor");
  const contactId = parseInput(contactIdSchema, id, "contact id");
  const { expectedVersion } = parseInput(expectedVersionSchema, options, "options");
  const input = parseInput(sharingSchema, sharing, "sharing");
  const next: Sharing =
    input.visibility === "members"
      ? {
          visibility: "members",
          members: [...new Set(input.members ?? [])],
          groups: [...new Set(input.groups ?? [])],
          coEditing: input.coEditing ?? false,
        }
      : { visibility: input.visibility, coEditing: input.coEditing ?? false };
  return inTransaction(ctx, async (uow) => {
    const { viewer } = await loadReader(uow, actorId);
    const before = await requireContact(uow, viewer, contactId, { trashed: "refuse", lock: true });
    requirePermission(canShare(before, viewer), "share");
    requireVersion(before, expectedVersion);
    if (next.visibility === "members") {
      await requireMembersOf(uow, before.organisationId, next.members, ["members"]);
      await requireGroupsOf(uow, before.organisationId, next.groups, ["groups"]);
    }
    if (sameSharing(before.sharing, next)) return before;
    const after: Contact = { ...before, sharing: next, version: before.version + 1, updatedAt: uow.now };
    await uow.contacts.update(after, before.version);
    await uow.record({
      type: "contact_shared",
      organisationId: after.organisationId,
      actorId,
      contactId,
      ownerId: after.ownerId,
      before: before.sharing,
      after: next,
    });
    return after;
  });
}
