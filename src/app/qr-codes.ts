import type { MemberId } from "../domain/ids.js";
import type { Member } from "../domain/member.js";
import { PartnerbookError } from "../errors.js";
import { memberIdSchema } from "../schemas.js";
import { type Context, inTransaction, requireMember, type UnitOfWork } from "./context.js";
import { parseInput } from "./validate.js";

/** R13: a member's own QR code (My Profile). */
export interface QrCodes {
  /** The token the member's QR code encodes; issued on first use, stable until re-issued. */
  mine(actor: MemberId): Promise<{ readonly token: string }>;
  /** R13: a new token; the old QR code stops working at once. */
  reissue(actor: MemberId): Promise<{ readonly token: string }>;
}

export function qrCodes(ctx: Context): QrCodes {
  async function issue(uow: UnitOfWork, member: Member): Promise<{ token: string }> {
    const memberId = member.id;
    const token = ctx.ids.token();
    if ((await uow.qrCodes.findMember(token)) !== null) {
      throw new PartnerbookError("CONFLICT", "the id source repeated a token; try again");
    }
    await uow.qrCodes.set(memberId, token);
    // R35 and R20: the step is recorded, the token never is.
    await uow.record({
      type: "qr_code_issued",
      organisationId: member.organisationId,
      actorId: memberId,
      memberId,
    });
    return { token };
  }

  return {
    async mine(actor) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      return inTransaction(ctx, async (uow) => {
        // The member's row is held: of several first calls at once, one issues the token and
        // the others wait for it and show the same one.
        const member = await requireMember(uow, actorId, { lock: true });
        const token = await uow.qrCodes.get(actorId);
        return token === null ? issue(uow, member) : { token };
      });
    },

    async reissue(actor) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      return inTransaction(ctx, async (uow) => issue(uow, await requireMember(uow, actorId, { lock: true })));
    },
  };
}
