import type { Group } from "../domain/group.js";
import type { GroupId, MemberId } from "../domain/ids.js";
import { isAdmin } from "../domain/organisation.js";
import { sameMembers } from "../domain/sharing.js";
import { PartnerbookError } from "../errors.js";
import type { NewGroupInput } from "../inputs.js";
import { groupIdSchema, memberIdSchema, newGroupSchema } from "../schemas.js";
import { requireMembersOf } from "./contact-input.js";
import { type Context, inTransaction, loadParty, type UnitOfWork } from "./context.js";
import { parseInput } from "./validate.js";

/** R27: the organisation's address-book groups (e.g. one per project). */
export interface Groups {
  /** Any member creates a group in their organisation, optionally with members. */
  create(actor: MemberId, input: NewGroupInput): Promise<Group>;
  /** The groups of the actor's organisation, by name. */
  list(actor: MemberId): Promise<readonly Group[]>;
  /** The group's creator or an admin renames it. */
  rename(actor: MemberId, id: GroupId, name: string): Promise<Group>;
  /** The group's creator or an admin sets who belongs to it. */
  setMembers(actor: MemberId, id: GroupId, members: readonly MemberId[]): Promise<Group>;
  /** The group's creator or an admin deletes it; its contacts stay, only out of the group. */
  delete(actor: MemberId, id: GroupId): Promise<void>;
}

export function groups(ctx: Context): Groups {
  /** Loads a group of the actor's organisation that the actor may manage. */
  async function requireManaged(uow: UnitOfWork, actorId: MemberId, id: GroupId): Promise<Group> {
    const actor = await loadParty(uow, actorId);
    // Held for the change (the lock order: the group before the contacts a delete rewrites).
    const group = await uow.groups.get(id, { lock: true });
    if (group === null || group.organisationId !== actor.organisation.id) {
      throw new PartnerbookError("NOT_FOUND", `no group ${id}`);
    }
    if (group.createdBy !== actorId && !isAdmin(actor.organisation, actorId)) {
      throw new PartnerbookError("NOT_PERMITTED", "only the group's creator or an admin may change it");
    }
    return group;
  }

  async function save(uow: UnitOfWork, before: Group, after: Group): Promise<Group> {
    const next = { ...after, version: before.version + 1 };
    await uow.groups.update(next, before.version);
    return next;
  }

  return {
    async create(actor, input) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const data = parseInput(newGroupSchema, input, "group");
      return inTransaction(ctx, async (uow) => {
        const creator = await loadParty(uow, actorId);
        const members = [...new Set(data.members ?? [])];
        await requireMembersOf(uow, creator.organisation.id, members, ["members"]);
        const group: Group = {
          id: ctx.ids.id("group") as GroupId,
          organisationId: creator.organisation.id,
          name: data.name,
          members,
          createdBy: actorId,
          version: 1,
          createdAt: uow.now,
        };
        await uow.groups.insert(group);
        await uow.record({
          type: "group_created",
          actorId,
          organisationId: group.organisationId,
          groupId: group.id,
        });
        return group;
      });
    },

    async list(actor) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      return inTransaction(ctx, async (uow) => {
        const { organisation } = await loadParty(uow, actorId);
        return uow.groups.listByOrganisation(organisation.id);
      });
    },

    async rename(actor, id, name) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const groupId = parseInput(groupIdSchema, id, "group id");
      const newName = parseInput(newGroupSchema.shape.name, name, "group name");
      return inTransaction(ctx, async (uow) => {
        const before = await requireManaged(uow, actorId, groupId);
        if (before.name === newName) return before;
        const after = await save(uow, before, { ...before, name: newName });
        await uow.record({
          type: "group_renamed",
          organisationId: before.organisationId,
          actorId,
          groupId,
          before: before.name,
          after: newName,
        });
        return after;
      });
    },

    async setMembers(actor, id, members) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const groupId = parseInput(groupIdSchema, id, "group id");
      const list = [...new Set(parseInput(newGroupSchema.shape.members.def.innerType, members, "members"))];
      return inTransaction(ctx, async (uow) => {
        const before = await requireManaged(uow, actorId, groupId);
        await requireMembersOf(uow, before.organisationId, list, ["members"]);
        if (sameMembers(before.members, list)) return before;
        const after = await save(uow, before, { ...before, members: list });
        await uow.record({
          type: "group_members_changed",
          organisationId: before.organisationId,
          actorId,
          groupId,
          members: list,
        });
        return after;
      });
    },

    async delete(actor, id) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const groupId = parseInput(groupIdSchema, id, "group id");
      await inTransaction(ctx, async (uow) => {
        const before = await requireManaged(uow, actorId, groupId);
        const contactsUpdated = await uow.contacts.removeGroup(groupId);
        await uow.groups.delete(groupId, before.version);
        await uow.record({
          type: "group_deleted",
          organisationId: before.organisationId,
          actorId,
          groupId,
          contactsUpdated,
        });
      });
    },
  };
}
