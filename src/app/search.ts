import type { MemberId } from "../domain/ids.js";
import type { Party } from "../domain/linking.js";
import { type Member, normaliseWorksId } from "../domain/member.js";
import { findableByPhone, type ProfileCard, visibleCards } from "../domain/search.js";
import { PartnerbookError } from "../errors.js";
import { memberIdSchema, phoneInputSchema, worksIdSchema } from "../schemas.js";
import { type Context, inTransaction, loadParty, requireOrganisation, type UnitOfWork } from "./context.js";
import { requireOpenSide } from "./linking-guard.js";
import { requirePhone } from "./profile-input.js";
import { parseInput } from "./validate.js";

/** Finding external users to add (R7–R11). */
export interface Search {
  /**
   * R7: by exact works ID, case-insensitive. An empty array means "nobody you can add" —
   * deliberately the same answer for every reason (R10).
   */
  byWorksId(actor: MemberId, worksId: string): Promise<readonly ProfileCard[]>;
  /** R8: by mobile number, normalised to E.164; finds only members who allow it. */
  byPhone(actor: MemberId, phone: string): Promise<readonly ProfileCard[]>;
}

export function search(ctx: Context): Search {
  async function run(
    actor: unknown,
    find: (uow: UnitOfWork) => Promise<readonly Member[]>,
  ): Promise<readonly ProfileCard[]> {
    const actorId = parseInput(memberIdSchema, actor, "actor");
    return inTransaction(ctx, async (uow) => {
      const searcher = requireOpenSide(await loadParty(uow, actorId));
      // R11: counted only once the search would really run, so a caller who is refused for
      // their own settings or bad input does not burn quota.
      const decision = await ctx.searchLimiter.consume(actorId, uow.now);
      if (!decision.ok) {
        throw new PartnerbookError("RATE_LIMITED", "too many searches; try again later", {
          retryAt: decision.retryAt,
        });
      }
      const candidates: Party[] = [];
      for (const member of await find(uow)) {
        candidates.push({ member, organisation: await requireOrganisation(uow, member.organisationId) });
      }
      return visibleCards(searcher, candidates);
    });
  }

  return {
    async byWorksId(actor, worksId) {
      const key = normaliseWorksId(parseInput(worksIdSchema, worksId, "works ID"));
      return run(actor, async (uow) => {
        const member = await uow.members.findByWorksId(key);
        return member === null ? [] : [member];
      });
    },

    async byPhone(actor, phone) {
      const raw = parseInput(phoneInputSchema, phone, "phone number");
      const { e164 } = requirePhone(raw, ctx.defaultRegion, []);
      return run(actor, async (uow) => (await uow.members.findByPhone(e164)).filter(findableByPhone));
    },
  };
}
