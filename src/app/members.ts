import * as z from "zod/mini";
import { openCursor, sealCursor } from "../domain/cursor.js";
import type { MemberId, OrganisationId } from "../domain/ids.js";
import { maskEmail } from "../domain/masking.js";
import { type Member, normaliseWorksId } from "../domain/member.js";
import { isAdmin, type Organisation } from "../domain/organisation.js";
import { type ProfileCard, profileCard, visibleCards } from "../domain/search.js";
import { isId } from "../domain/text.js";
import { PartnerbookError } from "../errors.js";
import type { NewMemberInput, PageInput, ProfilePatchInput } from "../inputs.js";
import {
  memberIdSchema,
  newMemberSchema,
  pageSchema,
  profilePatchSchema,
  worksIdSchema,
} from "../schemas.js";
import {
  type Context,
  inTransaction,
  loadParty,
  requireActor,
  requireOrganisation,
  type UnitOfWork,
} from "./context.js";
import { requireOpenSide } from "./linking-guard.js";
import { removeMember } from "./member-removal.js";
import { keepOr, requirePhone } from "./profile-input.js";
import { syncMemberProfile } from "./sync.js";
import { invalid, parseInput } from "./validate.js";

type NewMember = z.output<typeof newMemberSchema>;

/** Builds a member record from parsed input (R8: phone normalised, phone search off). */
export function buildMember(
  ctx: Context,
  now: Date,
  organisationId: OrganisationId,
  data: NewMember,
): Member {
  return {
    id: ctx.ids.id("member") as MemberId,
    organisationId,
    worksId: data.worksId,
    displayName: data.displayName,
    familyName: data.familyName ?? null,
    givenName: data.givenName ?? null,
    nickname: data.nickname ?? null,
    photoUrl: data.photoUrl ?? null,
    mobilePhone: data.mobilePhone ? requirePhone(data.mobilePhone, ctx.defaultRegion, ["mobilePhone"]) : null,
    email: data.email ?? null,
    allowSearchByPhone: data.allowSearchByPhone ?? false,
    version: 1,
    createdAt: now,
  };
}

/** Inserts a member, refusing a works ID already taken in any organisation (R7). */
export async function insertMember(
  uow: UnitOfWork,
  member: Member,
  actorId: MemberId | null,
  admin: boolean,
): Promise<void> {
  if ((await uow.members.findByWorksId(normaliseWorksId(member.worksId))) !== null) {
    // Works IDs are often email addresses (R7): the message names it without spelling it out.
    throw new PartnerbookError("CONFLICT", `works ID ${maskEmail(member.worksId)} is already taken`);
  }
  await uow.members.insert(member);
  await uow.record({
    type: "member_created",
    actorId,
    memberId: member.id,
    organisationId: member.organisationId,
    admin,
  });
}

/** One page of {@link Members.list}. */
export interface MemberPage {
  readonly items: readonly Member[];
  /** Pass back as `cursor` for the next page; `null` on the last one. */
  readonly nextCursor: string | null;
}

/** A member the reader may see in full: one of their own organisation. Else NOT_FOUND. */
function colleagueOrNotFound(reader: Member, member: Member | null): Member {
  if (member === null || member.organisationId !== reader.organisationId) {
    throw new PartnerbookError("NOT_FOUND", "no such member in your organisation");
  }
  return member;
}

const memberOptionsSchema = z.optional(z.strictObject({ admin: z.optional(z.boolean()) }));

/** Member operations. */
export interface Members {
  /** An admin adds a member to their organisation; `admin: true` makes them an admin too. */
  create(actor: MemberId, input: NewMemberInput, options?: { admin?: boolean | undefined }): Promise<Member>;
  /**
   * A member of the actor's own organisation, with their profile. Anyone else — another
   * organisation's member or no member at all — is NOT_FOUND, the same answer for both.
   */
  get(actor: MemberId, id: MemberId): Promise<Member>;
  /**
   * R9: the profile card of a member the actor may link with (R3), or of a colleague. Every
   * other case is NOT_FOUND with the same message (R10); the actor's own side being off or
   * outside scope is LINKING_DISABLED.
   */
  card(actor: MemberId, id: MemberId): Promise<ProfileCard>;
  /** R7: a member of the actor's own organisation by works ID (case-insensitive), or NOT_FOUND. */
  findByWorksId(actor: MemberId, worksId: string): Promise<Member>;
  /**
   * The actor's organisation's members in id order (stable while people are renamed, for
   * syncing a directory), `limit` (default 50, at most 200) per page. Pass `nextCursor` back
   * for the next page; `null` when there is none.
   */
  list(actor: MemberId, page?: PageInput): Promise<MemberPage>;
  /** A member changes their own profile; R23: linked contacts follow nickname and photo. */
  updateProfile(actor: MemberId, patch: ProfilePatchInput): Promise<Member>;
  /** R8: a member allows or forbids being found by their phone number. */
  setPhoneSearch(actor: MemberId, allowed: boolean): Promise<Member>;
  /**
   * R29: an admin removes a member who leaves; every contact they own (trashed ones too) moves
   * to `newOwner`, with its fields, groups and sharing, so nothing is orphaned or lost. Refused
   * with CONFLICT (naming the external users) if both already hold a contact for the same person.
   */
  remove(actor: MemberId, memberId: MemberId, options: { newOwner: MemberId }): Promise<void>;
}

const profileKeys = ["displayName", "familyName", "givenName", "nickname", "photoUrl", "email"] as const;

export function members(ctx: Context): Members {
  async function save(uow: UnitOfWork, before: Member, after: Member): Promise<Member> {
    const next = { ...after, version: before.version + 1 };
    await uow.members.update(next, before.version);
    return next;
  }

  return {
    async create(actor, input, options) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const data = parseInput(newMemberSchema, input, "member");
      const admin = parseInput(memberOptionsSchema, options, "options")?.admin ?? false;
      return inTransaction(ctx, async (uow) => {
        const creator = await requireActor(uow, actorId);
        const organisation = await requireOrganisation(uow, creator.organisationId);
        if (!isAdmin(organisation, actorId)) {
          throw new PartnerbookError("NOT_PERMITTED", "only an admin may add members");
        }
        const member = buildMember(ctx, uow.now, organisation.id, data);
        await insertMember(uow, member, actorId, admin);
        if (admin) {
          const next: Organisation = {
            ...organisation,
            admins: [...organisation.admins, member.id],
            version: organisation.version + 1,
          };
          await uow.organisations.update(next, organisation.version);
        }
        return member;
      });
    },

    async get(actor, id) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const memberId = parseInput(memberIdSchema, id, "member id");
      return inTransaction(ctx, async (uow) => {
        const reader = await requireActor(uow, actorId);
        return colleagueOrNotFound(reader, await uow.members.get(memberId));
      });
    },

    async card(actor, id) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const memberId = parseInput(memberIdSchema, id, "member id");
      return inTransaction(ctx, async (uow) => {
        const reader = await loadParty(uow, actorId);
        const target = await uow.members.getParty(memberId);
        if (target !== null && target.organisation.id === reader.organisation.id) return profileCard(target);
        requireOpenSide(reader);
        const [card] = visibleCards(reader, target === null ? [] : [target]);
        if (card === undefined) throw new PartnerbookError("NOT_FOUND", "no such member you can link with");
        return card;
      });
    },

    async findByWorksId(actor, worksId) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const key = normaliseWorksId(parseInput(worksIdSchema, worksId, "works ID"));
      return inTransaction(ctx, async (uow) => {
        const reader = await requireActor(uow, actorId);
        return colleagueOrNotFound(reader, await uow.members.findByWorksId(key));
      });
    },

    async list(actor, page) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const options = parseInput(pageSchema, page, "page") ?? {};
      return inTransaction(ctx, async (uow) => {
        const reader = await requireActor(uow, actorId);
        // A cursor names the organisation it pages: another organisation's is refused.
        const listName = `members:${reader.organisationId}`;
        const after = options.cursor ? openCursor(listName, options.cursor, 1)?.[0] : null;
        if (after === undefined || (after !== null && !isId(after))) {
          throw invalid(["cursor"], "not a cursor this member list gave out");
        }
        const limit = options.limit ?? 50;
        const items = await uow.members.listByOrganisation(reader.organisationId, {
          after: after as MemberId | null,
          limit: limit + 1,
        });
        const more = items.length > limit;
        const shown = more ? items.slice(0, limit) : items;
        const last = shown.at(-1);
        return {
          items: shown,
          nextCursor: more && last !== undefined ? sealCursor(listName, [last.id]) : null,
        };
      });
    },

    async updateProfile(actor, patch) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const change = parseInput(profilePatchSchema, patch, "profile");
      return inTransaction(ctx, async (uow) => {
        const before = await requireActor(uow, actorId);
        const after: Member = {
          ...before,
          displayName: change.displayName ?? before.displayName,
          familyName: keepOr(change.familyName, before.familyName),
          givenName: keepOr(change.givenName, before.givenName),
          nickname: keepOr(change.nickname, before.nickname),
          photoUrl: keepOr(change.photoUrl, before.photoUrl),
          email: keepOr(change.email, before.email),
          mobilePhone:
            change.mobilePhone === undefined
              ? before.mobilePhone
              : change.mobilePhone === null
                ? null
                : requirePhone(change.mobilePhone, ctx.defaultRegion, ["mobilePhone"]),
        };
        const fields: string[] = profileKeys.filter((key) => before[key] !== after[key]);
        if (before.mobilePhone?.raw !== after.mobilePhone?.raw) fields.push("mobilePhone");
        if (fields.length === 0) return before;
        const saved = await save(uow, before, after);
        await uow.record({
          type: "member_profile_changed",
          organisationId: before.organisationId,
          actorId,
          memberId: actorId,
          fields,
        });
        await syncMemberProfile(uow, before, saved);
        return saved;
      });
    },

    remove: (actor, memberId, options) => removeMember(ctx, actor, memberId, options),

    async setPhoneSearch(actor, allowed) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const allow = parseInput(newMemberSchema.shape.allowSearchByPhone.def.innerType, allowed, "allowed");
      return inTransaction(ctx, async (uow) => {
        const before = await requireActor(uow, actorId);
        if (before.allowSearchByPhone === allow) return before;
        const saved = await save(uow, before, { ...before, allowSearchByPhone: allow });
        await uow.record({
          type: "phone_search_changed",
          organisationId: before.organisationId,
          actorId,
          memberId: actorId,
          allowed: allow,
        });
        return saved;
      });
    },
  };
}
