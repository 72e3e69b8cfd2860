import type { ErrorCode, Invitation, InvitationId } from "../../../src/index.js";
import { ChangesModel } from "./changes.js";
import {
  accept,
  type EmailPlan,
  type Expected,
  type InvitationState,
  type RedeemPlan,
  refuse,
} from "./state.js";
import { day } from "./world.js";

/** R17–R20: invite links and email invitations. */
export class InvitationsModel extends ChangesModel {
  // ── R17–R20: invitations ───────────────────────────────────────────────────────────────────

  /** R18: a link the inviter can hand out; their own side must be open (R10). */
  createLink(
    inviter: number,
    options: { expiresInDays?: number; maxUses?: number },
  ): Expected<{
    expiresAt: Date;
    maxUses: number | null;
  }> {
    if (!this.openSide(inviter)) return refuse("LINKING_DISABLED");
    const days = options.expiresInDays ?? this.organisationOf(inviter).invitationExpiryDays;
    return accept({ expiresAt: new Date(this.now + days * day), maxUses: options.maxUses ?? null });
  }

  commitLink(inviter: number, id: InvitationId, url: string, expiresAt: Date, maxUses: number | null): void {
    this.invitations.push({
      id,
      kind: "link",
      inviter,
      email: null,
      url,
      createdAt: this.clock,
      expiresAt,
      maxUses,
      uses: 0,
      revokedAt: null,
      version: 1,
    });
    this.inviteUrls.push({ url, inviter });
  }

  invitation(id: InvitationId): InvitationState {
    const invitation = this.invitations.find((candidate) => candidate.id === id);
    if (invitation === undefined) throw new Error(`no invitation ${id} in the model`);
    return invitation;
  }

  /** The invitation in the API's terms (the token hash aside, which the model cannot know). */
  expectedInvitation(invitation: InvitationState): Omit<Invitation, "tokenHash"> {
    return {
      id: invitation.id,
      kind: invitation.kind,
      inviterId: this.member(invitation.inviter).id,
      organisationId: this.organisationOf(invitation.inviter).id,
      email: invitation.email,
      createdAt: invitation.createdAt,
      expiresAt: invitation.expiresAt,
      maxUses: invitation.maxUses,
      uses: invitation.uses,
      revokedAt: invitation.revokedAt,
      version: invitation.version,
    };
  }

  /** R19, R20: why an invitation cannot be redeemed now, or `null`. */
  private redeemRefusal(invitation: InvitationState): ErrorCode | null {
    if (invitation.revokedAt !== null) return "INVITATION_REVOKED";
    if (invitation.maxUses !== null && invitation.uses >= invitation.maxUses) return "INVITATION_USED_UP";
    if (this.now >= invitation.expiresAt.getTime()) return "INVITATION_EXPIRED";
    return null;
  }

  /** The invitations the inviter can still see redeemed. */
  pending(inviter: number): InvitationState[] {
    return this.invitations.filter(
      (invitation) => invitation.inviter === inviter && this.redeemRefusal(invitation) === null,
    );
  }

  /** Only the inviter revokes; revoking twice changes nothing. */
  revoke(actor: number, id: InvitationId): Expected<{ changed: boolean }> {
    const invitation = this.invitation(id);
    if (invitation.inviter !== actor) return refuse("NOT_FOUND");
    return accept({ changed: invitation.revokedAt === null });
  }

  commitRevoke(id: InvitationId): void {
    const invitation = this.invitation(id);
    invitation.revokedAt = this.clock;
    invitation.version += 1;
  }

  /**
   * R19: the redeemer adds the inviter and, (chosen), the inviter the redeemer. Only the URL's
   * current token works; the whole redeem is refused if the redeemer's own add is.
   */
  redeem(redeemer: number, url: string): Expected<RedeemPlan> {
    if (!this.openSide(redeemer)) return refuse("LINKING_DISABLED");
    const invitation = this.invitations.find((candidate) => candidate.url === url);
    if (invitation === undefined) return refuse("NOT_FOUND");
    const refusal = this.redeemRefusal(invitation);
    if (refusal !== null) return refuse(refusal);
    const inviter = invitation.inviter;
    if (inviter === redeemer) return refuse("NOT_PERMITTED");
    if (this.member(inviter).organisation === this.member(redeemer).organisation)
      return refuse("NOT_PERMITTED");
    // R10: the inviter's side refusing is the NOT_FOUND of any add refused by the other side.
    if (!this.canLink(redeemer, inviter)) return refuse("NOT_FOUND");
    const forRedeemer = this.addOrExisting(redeemer, inviter);
    if (!forRedeemer.ok) return forRedeemer;
    const forInviter = this.addOrExisting(inviter, redeemer);
    if (!forInviter.ok && forInviter.code !== "IN_TRASH") return forInviter;
    const back = forInviter.ok ? forInviter.value : null;
    // (chosen) Opening a link again once both are linked changes nothing and uses no slot.
    const countsUse = forRedeemer.value.status === "added" || back?.status === "added";
    return accept({ invitation, forRedeemer: forRedeemer.value, forInviter: back, countsUse });
  }

  commitRedeemed(invitation: InvitationState): void {
    invitation.uses += 1;
    invitation.version += 1;
  }

  /**
   * R17: the answer per address, in order: invalid, repeated, already a (live, untrashed)
   * contact, already invited and still pending (re-sent), or sent.
   */
  sendEmail(inviter: number, addresses: readonly string[]): Expected<EmailPlan[]> {
    if (!this.mailer) return refuse("NOT_CONFIGURED");
    if (!this.openSide(inviter)) return refuse("LINKING_DISABLED");
    const seen = new Set<string>();
    const plans: EmailPlan[] = [];
    for (const typed of addresses) {
      const email = typed.trim().toLowerCase();
      let plan: EmailPlan;
      if (!/^[a-z0-9._-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(email)) {
        plan = { email, status: "invalid_address", reuses: null };
      } else if (seen.has(email)) {
        plan = { email, status: "duplicate_in_request", reuses: null };
      } else if (
        this.members.some((m) => m.email === email && this.findLinked(inviter, m.index)?.trash === null)
      ) {
        plan = { email, status: "already_contact", reuses: null };
      } else {
        const previous = this.invitations.find(
          (invitation) =>
            invitation.kind === "email" && invitation.inviter === inviter && invitation.email === email,
        );
        const pending = previous !== undefined && this.redeemRefusal(previous) === null;
        plan = { email, status: pending ? "already_invited" : "sent", reuses: previous ?? null };
      }
      seen.add(email);
      plans.push(plan);
    }
    return accept(plans);
  }

  /** An email invitation went out with a new token at `url` (R20: single use). */
  commitEmailInvitation(inviter: number, plan: EmailPlan, id: InvitationId, url: string): void {
    const expiresAt = new Date(this.now + this.organisationOf(inviter).invitationExpiryDays * day);
    const previous = plan.reuses;
    if (previous === null) {
      this.invitations.push({
        id,
        kind: "email",
        inviter,
        email: plan.email,
        url,
        createdAt: this.clock,
        expiresAt,
        maxUses: 1,
        uses: 0,
        revokedAt: null,
        version: 1,
      });
    } else {
      Object.assign(previous, { url, createdAt: this.clock, expiresAt, uses: 0, revokedAt: null });
      previous.version += 1;
    }
    this.inviteUrls.push({ url, inviter });
  }
}
