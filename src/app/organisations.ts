import type { MemberId, OrganisationId } from "../domain/ids.js";
import { defaultInvitationExpiryDays } from "../domain/invitation.js";
import type { Member } from "../domain/member.js";
import {
  defaultLinkingPolicy,
  defaultTrashRetentionDays,
  isAdmin,
  type LinkingPolicy,
  type Organisation,
  sameLinkingPolicy,
} from "../domain/organisation.js";
import { PartnerbookError } from "../errors.js";
import type { LinkingPolicyPatchInput, NewOrganisationInput } from "../inputs.js";
import {
  linkingPolicyPatchSchema,
  memberIdSchema,
  newOrganisationSchema,
  organisationIdSchema,
} from "../schemas.js";
import { requireMembersOf } from "./contact-input.js";
import {
  type Context,
  inTransaction,
  loadParty,
  requireActor,
  requireOrganisation,
  type UnitOfWork,
} from "./context.js";
import { buildMember, insertMember } from "./members.js";
import { syncCompanyName } from "./sync.js";
import { parseInput } from "./validate.js";

/** Loads the organisation and checks that `actor` is one of its admins (R6). */
async function requireAdmin(uow: UnitOfWork, actor: MemberId, id: OrganisationId): Promise<Organisation> {
  const organisation = await requireOrganisation(uow, id);
  await requireActor(uow, actor);
  if (!isAdmin(organisation, actor)) {
    throw new PartnerbookError("NOT_PERMITTED", "only an admin of the organisation may do this");
  }
  return organisation;
}

/** Organisation operations. */
export interface Organisations {
  /** Creates an organisation together with its first admin; R1 sets the linking default. */
  create(input: NewOrganisationInput): Promise<{ organisation: Organisation; admin: Member }>;
  /**
   * The actor's own organisation, with its linking policy. Another organisation is NOT_FOUND:
   * what others may know of it is the company name on R9's card.
   */
  get(actor: MemberId, id: OrganisationId): Promise<Organisation>;
  /** R6: an admin changes the switch, scope or partner lists; recorded with before/after. */
  setLinkingPolicy(
    actor: MemberId,
    id: OrganisationId,
    patch: LinkingPolicyPatchInput,
  ): Promise<Organisation>;
  /** An admin renames the organisation; R23: linked contacts show the new company name. */
  rename(actor: MemberId, id: OrganisationId, name: string): Promise<Organisation>;
}

export function organisations(ctx: Context): Organisations {
  return {
    async create(input) {
      const data = parseInput(newOrganisationSchema, input, "organisation");
      return inTransaction(ctx, async (uow) => {
        const id = ctx.ids.id("organisation") as OrganisationId;
        const admin = buildMember(ctx, uow.now, id, data.admin);
        const organisation: Organisation = {
          id,
          name: data.name,
          plan: data.plan,
          linking: defaultLinkingPolicy(data.plan),
          admins: [admin.id],
          trashRetentionDays: data.trashRetentionDays ?? defaultTrashRetentionDays,
          invitationExpiryDays: data.invitationExpiryDays ?? defaultInvitationExpiryDays,
          version: 1,
          createdAt: uow.now,
        };
        await uow.organisations.insert(organisation);
        await uow.record({
          type: "organisation_created",
          actorId: null,
          organisationId: id,
          plan: data.plan,
        });
        await insertMember(uow, admin, null, true);
        return { organisation, admin };
      });
    },

    async get(actor, id) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const organisationId = parseInput(organisationIdSchema, id, "organisation id");
      return inTransaction(ctx, async (uow) => {
        const { organisation } = await loadParty(uow, actorId);
        if (organisation.id !== organisationId) {
          throw new PartnerbookError("NOT_FOUND", "no such organisation of yours");
        }
        return organisation;
      });
    },

    async setLinkingPolicy(actor, id, patch) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const organisationId = parseInput(organisationIdSchema, id, "organisation id");
      const change = parseInput(linkingPolicyPatchSchema, patch, "linking policy");
      return inTransaction(ctx, async (uow) => {
        const before = await requireAdmin(uow, actorId, organisationId);
        const linking: LinkingPolicy = {
          enabled: change.enabled ?? before.linking.enabled,
          scope: change.scope ?? before.linking.scope,
          partners: change.partners ?? before.linking.partners,
        };
        if (sameLinkingPolicy(before.linking, linking)) return before;
        if (change.scope?.kind === "listed")
          await requireMembersOf(uow, organisationId, change.scope.members, ["scope", "members"]);
        const after: Organisation = { ...before, linking, version: before.version + 1 };
        await uow.organisations.update(after, before.version);
        await uow.record({
          type: "linking_policy_changed",
          actorId,
          organisationId,
          before: before.linking,
          after: linking,
        });
        return after;
      });
    },

    async rename(actor, id, name) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const organisationId = parseInput(organisationIdSchema, id, "organisation id");
      const newName = parseInput(newOrganisationSchema.shape.name, name, "organisation name");
      return inTransaction(ctx, async (uow) => {
        const before = await requireAdmin(uow, actorId, organisationId);
        if (before.name === newName) return before;
        const after: Organisation = { ...before, name: newName, version: before.version + 1 };
        await uow.organisations.update(after, before.version);
        await uow.record({
          type: "organisation_renamed",
          actorId,
          organisationId,
          before: before.name,
          after: newName,
        });
        await syncCompanyName(uow, actorId, after);
        return after;
      });
    },
  };
}
