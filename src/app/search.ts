import type { MemberId } from "../domain/ids.js";
import type { Party } from "../domain/linking.js";
import { normaliseWorksId } from "../domain/member.js";
import { type ProfileCard, visibleCards } from "../domain/search.js";
import { PartnerbookError } from "../errors.js";
import { memberIdSchema, phoneInputSchema, worksIdSchema } from "../schemas.js";
import { type Context, inTransaction, loadParty, type UnitOfWork } from "./context.js";
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
  // R10: `find` is one store statement that brings each candidate with their organisation — or,
  // finding none, the searcher in their place, whom visibleCards never shows (R3) — and the
  // decision is made in memory, every check made whichever refuses. "No such member" and
  // "exists, but their organisation is off, you are outside their scope, they block you" then
  // cost the same, so the time an answer takes does not tell them apart either.
  async function run(
    actor: unknown,
    find: (uow: UnitOfWork, standIn: MemberId) => Promise<readonly Party[]>,
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
      return visibleCards(searcher, await find(uow, actorId));
    });
  }

  return {
    async byWorksId(actor, worksId) {
      const key = normaliseWorksId(parseInput(worksIdSchema, worksId, "works ID"));
      return run(actor, (uow, standIn) => uow.members.findCandidatesByWorksId(key, standIn));
    },

    async byPhone(actor, phone) {
      const raw = parseInput(phoneInputSchema, phone, "phone number");
      const { e164 } = requirePhone(raw, ctx.defaultRegion, []);
      // R8: the store leaves out members who do not allow it; a member who does not is read
      // no more than a number nobody has.
      return run(actor, (uow, standIn) => uow.members.findCandidatesByPhone(e164, standIn));
    },
  };
}
