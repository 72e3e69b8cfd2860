import type { MemberId } from "../domain/ids.js";
import type { Member } from "../domain/member.js";
import { memberIdSchema } from "../schemas.js";
import { type Context, inTransaction, requireActor, type UnitOfWork } from "./context.js";
import { deriveToken, requireSecret } from "./secrets.js";
import { hashToken } from "./tokens.js";
import { parseInput } from "./validate.js";

/** R13: a member's own QR code (My Profile). */
export interface QrCodes {
  /**
   * The token the member's QR code encodes; issued on first use, the same every time until
   * re-issued (or the secret is rotated). NOT_CONFIGURED without `secret` in createPartnerbook.
   */
  mine(actor: MemberId): Promise<{ readonly token: string }>;
  /** R13: a new token; the old QR code stops working at once. NOT_CONFIGURED without `secret`. */
  reissue(actor: MemberId): Promise<{ readonly token: string }>;
}

// R13, R20: a member's token is derived from the app's secret, the member and a generation that
// re-issuing bumps, so "My QR" shows the same code every time while the store keeps only the
// generation and the token's hash: a copy of the database adds nobody.

/** The token of the member's code of `generation`. */
const qrToken = (secret: string, memberId: MemberId, generation: number): Promise<string> =>
  deriveToken(secret, "qr", memberId, generation);

export function qrCodes(ctx: Context): QrCodes {
  /** Makes `generation` the member's code; the one it replaces stops working at once. */
  async function issue(
    uow: UnitOfWork,
    member: Member,
    secret: string,
    generation: number,
  ): Promise<{ token: string }> {
    const memberId = member.id;
    const token = await qrToken(secret, memberId, generation);
    await uow.qrCodes.set(memberId, { generation, tokenHash: await hashToken(token) });
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
      const secret = requireSecret(ctx, "QR codes");
      return inTransaction(ctx, async (uow) => {
        // The member's row is held: of several first calls at once, one issues the code and
        // the others wait for it and show the same one.
        const member = await requireActor(uow, actorId, { lock: true });
        const code = await uow.qrCodes.get(actorId);
        if (code !== null) {
          const token = await qrToken(secret, actorId, code.generation);
          if ((await hashToken(token)) === code.tokenHash) return { token };
        }
        // None yet, or one this secret did not derive (the secret was rotated, or the code was
        // stored before codes were derived): its token cannot be shown, so a new one is issued.
        return issue(uow, member, secret, (code?.generation ?? 0) + 1);
      });
    },

    async reissue(actor) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const secret = requireSecret(ctx, "QR codes");
      return inTransaction(ctx, async (uow) => {
        const member = await requireActor(uow, actorId, { lock: true });
        const code = await uow.qrCodes.get(actorId);
        return issue(uow, member, secret, (code?.generation ?? 0) + 1);
      });
    },
  };
}
