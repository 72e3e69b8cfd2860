import * as z from "zod/mini";
import type { InvitationId } from "../domain/ids.js";
import {
  type Invitation,
  invitationTokenFrom,
  type RedeemRefusal,
  redeemRefusal,
} from "../domain/invitation.js";
import { canLink } from "../domain/linking.js";
import { PartnerbookError } from "../errors.js";
import { memberIdSchema } from "../schemas.js";
import { type AddResult, addLinkedContact } from "./add-linked.js";
import { holdCounts } from "./contact-writes.js";
import { type Context, findParty, inTransaction, loadParty } from "./context.js";
import { notAddable, requireOpenSide } from "./linking-guard.js";
import { hashToken } from "./tokens.js";
import { invalid, parseInput } from "./validate.js";

/** The answer of a redeem: the inviter as a contact in the redeemer's book (R19). */
export interface RedeemResult extends AddResult {
  readonly invitationId: InvitationId;
}

const refusals: Record<
  RedeemRefusal,
  [code: "INVITATION_REVOKED" | "INVITATION_USED_UP" | "INVITATION_EXPIRED", message: string]
> = {
  revoked: ["INVITATION_REVOKED", "this invitation was revoked by its sender"],
  used_up: ["INVITATION_USED_UP", "this invitation has been used as often as it may be"],
  expired: ["INVITATION_EXPIRED", "this invitation has expired"],
};

/** R18–R20: `Invitations.redeem` — opening an invite link links both people, each in the other's book. */
export async function redeemInvitation(
  ctx: Context,
  actor: unknown,
  tokenOrUrl: unknown,
): Promise<RedeemResult> {
  const actorId = parseInput(memberIdSchema, actor, "actor");
  const input = parseInput(z.string().check(z.maxLength(2000)), tokenOrUrl, "invitation");
  const token = invitationTokenFrom(input);
  if (token === null) throw invalid([], "not an invitation token or invite URL");
  const tokenHash = await hashToken(token);
  return inTransaction(ctx, async (uow) => {
    const redeemer = requireOpenSide(await loadParty(uow, actorId));
    // Held first (the lock order): redeemers of one link take turns, and each decides on
    // the uses the one before left — a reusable link adds them all, a single-use one one.
    const invitation = await uow.invitations.findByTokenHash(tokenHash, { lock: true });
    if (invitation === null) throw new PartnerbookError("NOT_FOUND", "no such invitation");
    const refusal = redeemRefusal(invitation, uow.now);
    if (refusal !== null) {
      const [code, message] = refusals[refusal];
      throw new PartnerbookError(code, message);
    }
    if (invitation.inviterId === actorId) {
      throw new PartnerbookError("NOT_PERMITTED", "you cannot redeem your own invitation");
    }
    // R10: the inviter having left, their organisation off, them outside its scope, either
    // organisation excluding the other — one answer for all, the one an add from search
    // gives, after the same reads: which of them it is is not the redeemer's to know.
    const inviter = await findParty(uow, invitation.inviterId);
    if (inviter === null) throw notAddable();
    if (inviter.organisation.id === redeemer.organisation.id) {
      throw new PartnerbookError(
        "NOT_PERMITTED",
        "an invitation from your own organisation cannot be redeemed",
      );
    }
    if (!canLink(redeemer, inviter).ok) throw notAddable();
    // Both books' counts, in organisation id order, before either add takes one.
    await holdCounts(uow, [redeemer.organisation.id, inviter.organisation.id]);
    const result = await addLinkedContact(ctx, uow, redeemer, inviter, "invitation");
    let back: AddResult["status"] = "existing";
    try {
      back = (await addLinkedContact(ctx, uow, inviter, redeemer, "invitation")).status;
    } catch (error) {
      // The inviter deleted the redeemer before: their trash is theirs to restore (R15).
      if (!(error instanceof PartnerbookError && error.code === "IN_TRASH")) throw error;
    }
    // Opening a link again once linked changes nothing, so it uses up no slot of maxUses.
    if (result.status === "existing" && back === "existing")
      return { ...result, invitationId: invitation.id };
    const used: Invitation = {
      ...invitation,
      uses: invitation.uses + 1,
      version: invitation.version + 1,
    };
    await uow.invitations.update(used, invitation.version);
    await uow.record({
      type: "invitation_redeemed",
      organisationId: invitation.organisationId,
      actorId,
      invitationId: invitation.id,
      redeemerId: actorId,
    });
    return { ...result, invitationId: invitation.id };
  });
}
