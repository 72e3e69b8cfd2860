import * as z from "zod/mini";
import { isGone } from "../domain/contact.js";
import type { MemberId } from "../domain/ids.js";
import { isAdmin, type Organisation } from "../domain/organisation.js";
import { PartnerbookError } from "../errors.js";
import { memberIdSchema } from "../schemas.js";
import {
  type Context,
  inTransaction,
  requireActor,
  requireMember,
  requireOrganisation,
  type UnitOfWork,
} from "./context.js";
import { expired, purgeContact } from "./purge.js";
import { invalid, parseInput } from "./validate.js";

const removalOptionsSchema = z.strictObject({ newOwner: memberIdSchema });

/**
 * R29: the external users both members hold a live contact for. A contact past its retention is
 * gone (R33) and is purged here rather than counted, so it never blocks a departure.
 */
async function conflictingTargets(uow: UnitOfWork, leaving: MemberId, heir: MemberId): Promise<MemberId[]> {
  const conflicts: MemberId[] = [];
  for (const target of await uow.contacts.sharedTargets(leaving, heir)) {
    let live = true;
    for (const owner of [leaving, heir]) {
      const contact = await uow.contacts.findByOwnerAndTarget(owner, target);
      if (contact !== null && isGone(contact, uow.now)) {
        await purgeContact(uow, contact, expired);
        live = false;
      }
    }
    if (live) conflicts.push(target);
  }
  return conflicts;
}

/** R29: `Members.remove` — an admin removes a member; a colleague inherits every contact. */
export async function removeMember(
  ctx: Context,
  actor: unknown,
  memberId: unknown,
  options: unknown,
): Promise<void> {
  const actorId = parseInput(memberIdSchema, actor, "actor");
  const leavingId = parseInput(memberIdSchema, memberId, "member id");
  const newOwnerId = parseInput(removalOptionsSchema, options, "options").newOwner;
  return inTransaction(ctx, async (uow) => {
    const admin = await requireActor(uow, actorId);
    // The lock order: the organisation and the leaving member, then their groups, then
    // contacts (reassigned in id order), then the event log.
    const organisation = await requireOrganisation(uow, admin.organisationId, { lock: true });
    if (!isAdmin(organisation, actorId)) {
      throw new PartnerbookError("NOT_PERMITTED", "only an admin may remove members");
    }
    const leaving = await requireMember(uow, leavingId, { lock: true });
    const heir = await requireMember(uow, newOwnerId);
    if (leaving.organisationId !== organisation.id || heir.organisationId !== organisation.id) {
      throw new PartnerbookError("NOT_FOUND", "both members must be of your organisation");
    }
    if (leavingId === newOwnerId) throw invalid(["newOwner"], "the new owner must be someone else");
    const admins = organisation.admins.filter((id) => id !== leavingId);
    if (admins.length === 0) {
      throw new PartnerbookError("NOT_PERMITTED", "the last admin cannot be removed");
    }
    for (const group of await uow.groups.listByMember(leavingId)) {
      const members = group.members.filter((id) => id !== leavingId);
      await uow.groups.update({ ...group, members, version: group.version + 1 }, group.version);
      await uow.record({
        type: "group_members_changed",
        organisationId: group.organisationId,
        actorId,
        groupId: group.id,
        members,
      });
    }
    const targets = await conflictingTargets(uow, leavingId, newOwnerId);
    if (targets.length > 0) {
      throw new PartnerbookError(
        "CONFLICT",
        "the new owner already has contacts for some of the same external users",
        { targets },
      );
    }
    const contactsReassigned = await uow.contacts.reassignOwner(leavingId, newOwnerId);
    await uow.contacts.removeSharedMember(leavingId);
    const scope = organisation.linking.scope;
    const next: Organisation = {
      ...organisation,
      admins,
      linking:
        scope.kind === "listed"
          ? {
              ...organisation.linking,
              scope: { kind: "listed", members: scope.members.filter((id) => id !== leavingId) },
            }
          : organisation.linking,
      version: organisation.version + 1,
    };
    await uow.organisations.update(next, organisation.version);
    await uow.members.delete(leavingId, leaving.version);
    await uow.record({
      type: "member_removed",
      actorId,
      memberId: leavingId,
      organisationId: organisation.id,
      newOwnerId,
      contactsReassigned,
    });
  });
}
