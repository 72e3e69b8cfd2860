import * as z from "zod/mini";
import type { InvitationId, MemberId } from "../domain/ids.js";
import {
  type Invitation,
  type InvitationKind,
  invitationExpiry,
  invitationUrl,
  isPending,
  maxEmailsPerRequest,
} from "../domain/invitation.js";
import { composeInvitationMail } from "../domain/invitation-mail.js";
import { PartnerbookError } from "../errors.js";
import type { MailMessage } from "../ports/mailer.js";
import { invitationIdSchema, memberIdSchema } from "../schemas.js";
import { type Context, inTransaction, loadParty, type UnitOfWork } from "./context.js";
import { type RedeemResult, redeemInvitation } from "./invitation-redeem.js";
import { requireOpenSide } from "./linking-guard.js";
import { deliverMail, mailKeyOf } from "./mail.js";
import { requireSecret, seal } from "./secrets.js";
import { hashToken } from "./tokens.js";
import { parseInput } from "./validate.js";

/**
 * R17: what happened to one address of a bulk email invitation. `sent`: the invitation was
 * created and its mail delivered; `queued`: created, and its mail waits in the outbox because
 * the mailer failed or timed out — `mail.deliverPending()` sends it later; `already_invited`:
 * a pending invitation was re-sent under a new token (its mail goes the same way);
 * `send_failed`: the invitation could not be stored, and nothing was queued.
 */
export type EmailInvitationStatus =
  | "sent"
  | "queued"
  | "invalid_address"
  | "duplicate_in_request"
  | "already_contact"
  | "already_invited"
  | "send_failed";

/** One address's result; `invitationId` when an invitation was sent or re-sent. */
export interface EmailInvitationResult {
  readonly email: string;
  readonly status: EmailInvitationStatus;
  readonly invitationId: InvitationId | null;
}

/** An invite link, ready to copy into any chat tool or render as a QR code (R18). */
export interface InviteLink {
  readonly invitation: Invitation;
  readonly url: string;
}

/** Email invitations, invite links and redeeming them (R17–R20). */
export interface Invitations {
  /**
   * R17: one invitation per address, up to 100 addresses a call; results per address, in the
   * order given. One bad address never sinks the batch. Each invitation and its mail are stored
   * in one transaction (the outbox); the mail is handed to the mailer only after commit, right
   * away, and again by `mail.deliverPending()` if that failed.
   */
  sendEmail(actor: MemberId, emails: readonly string[]): Promise<readonly EmailInvitationResult[]>;
  /** R18: a reusable link, until it expires (default: the organisation's expiry) or is revoked. */
  createLink(
    actor: MemberId,
    options?: { expiresInDays?: number | undefined; maxUses?: number | undefined },
  ): Promise<InviteLink>;
  /** R19: the inviter stops an invitation; redeeming it is refused from then on. */
  revoke(actor: MemberId, id: InvitationId): Promise<Invitation>;
  /** The actor's invitations that can still be redeemed. */
  listPending(actor: MemberId): Promise<readonly Invitation[]>;
  /**
   * R19: an external user redeems a token or invite URL: the inviter goes into their book and
   * they into the inviter's. Expired, revoked, used-up, unknown and malformed tokens are each
   * refused with their own code, and nothing changes.
   */
  redeem(actor: MemberId, tokenOrUrl: string): Promise<RedeemResult>;
}

const emailListSchema = z
  .array(z.string().check(z.maxLength(1000)))
  .check(z.minLength(1), z.maxLength(maxEmailsPerRequest));
const linkOptionsSchema = z.optional(
  z.strictObject({
    expiresInDays: z.optional(z.int().check(z.minimum(1), z.maximum(365))),
    maxUses: z.optional(z.int().check(z.minimum(1), z.maximum(1_000_000))),
  }),
);

const addressSchema = z.email().check(z.maxLength(254));

/** An address whose invitation was stored, and its mail queued under `key`. */
interface Invited {
  readonly resent: boolean;
  readonly invitationId: InvitationId;
  readonly key: string;
}

export function invitations(ctx: Context): Invitations {
  /** A new token and the invitation record that keeps only its hash (R20). */
  async function issue(
    uow: UnitOfWork,
    kind: InvitationKind,
    inviter: { id: MemberId; organisationId: Invitation["organisationId"] },
    fields: { email: string | null; days: number; maxUses: number | null },
    reuse: Invitation | null,
  ): Promise<{ invitation: Invitation; token: string }> {
    const token = ctx.ids.token();
    const tokenHash = await hashToken(token);
    if ((await uow.invitations.findByTokenHash(tokenHash)) !== null) {
      throw new PartnerbookError("CONFLICT", "the id source repeated a token; try again");
    }
    const invitation: Invitation = {
      id: reuse?.id ?? (ctx.ids.id("invitation") as InvitationId),
      kind,
      inviterId: inviter.id,
      organisationId: inviter.organisationId,
      tokenHash,
      email: fields.email,
      createdAt: uow.now,
      expiresAt: invitationExpiry(uow.now, fields.days),
      maxUses: fields.maxUses,
      uses: 0,
      revokedAt: null,
      version: reuse === null ? 1 : reuse.version + 1,
    };
    if (reuse === null) await uow.invitations.insert(invitation);
    else await uow.invitations.update(invitation, reuse.version);
    return { invitation, token };
  }

  /** R17: one address, in its own transaction: the invitation and its queued mail, or neither. */
  async function inviteOne(actorId: MemberId, email: string): Promise<EmailInvitationStatus | Invited> {
    try {
      return await inTransaction(ctx, async (uow) => {
        const inviter = requireOpenSide(await loadParty(uow, actorId));
        for (const member of await uow.members.findByEmail(email)) {
          const contact = await uow.contacts.findByOwnerAndTarget(actorId, member.id);
          if (contact !== null && contact.trash === null) return "already_contact" as const;
        }
        const previous = await uow.invitations.findByInviterAndEmail(actorId, email, { lock: true });
        const pending = previous !== null && isPending(previous, uow.now);
        const { invitation, token } = await issue(
          uow,
          "email",
          { id: actorId, organisationId: inviter.organisation.id },
          { email, days: inviter.organisation.invitationExpiryDays, maxUses: 1 },
          previous,
        );
        const mail = composeInvitationMail({
          inviterName: inviter.member.displayName,
          company: inviter.organisation.name,
          url: invitationUrl(ctx.inviteBaseUrl, token),
          expiresAt: invitation.expiresAt,
          locale: ctx.locale,
          timeZone: ctx.mailTimeZone,
        });
        // Queued with the invitation, sent after commit: a rolled-back invitation mails nothing,
        // and no mail carries a link that never works. One key per invitation, so a re-send
        // replaces a mail not yet delivered (its link stopped working with the new token).
        const key = mailKeyOf(invitation.id);
        const idempotencyKey = `${invitation.id}:${invitation.version}`;
        const message: MailMessage = { to: email, locale: ctx.locale, ...mail, idempotencyKey };
        await uow.outbox.put({
          key,
          organisationId: invitation.organisationId,
          idempotencyKey,
          // R20: the mail carries a working invite link, so the store keeps it sealed.
          message: await seal(requireSecret(ctx, "email invitations"), JSON.stringify(message)),
          at: uow.now,
        });
        await uow.record({
          // A reused record keeps its id, so it is a re-send in the log whatever its state was.
          type: previous === null ? "invitation_created" : "invitation_resent",
          organisationId: invitation.organisationId,
          actorId,
          invitationId: invitation.id,
          kind: "email",
          expiresAt: invitation.expiresAt,
        });
        return { resent: pending, invitationId: invitation.id, key };
      });
    } catch {
      // The transaction undid this address's invitation; the results already gathered for the
      // others stand (R17: one address never sinks the batch).
      return "send_failed";
    }
  }

  return {
    async sendEmail(actor, emails) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const list = parseInput(emailListSchema, emails, "email addresses");
      const mailer = ctx.mailer;
      if (mailer === null) {
        throw new PartnerbookError("NOT_CONFIGURED", "no mailer was given to createPartnerbook");
      }
      await inTransaction(ctx, async (uow) => requireOpenSide(await loadParty(uow, actorId)));
      const seen = new Set<string>();
      const outcomes: (EmailInvitationStatus | Invited)[] = [];
      for (const typed of list) {
        const email = typed.trim().toLowerCase();
        if (!addressSchema.safeParse(email).success) outcomes.push("invalid_address");
        else if (seen.has(email)) outcomes.push("duplicate_in_request");
        else outcomes.push(await inviteOne(actorId, email));
        seen.add(email);
      }
      const keys = outcomes.flatMap((outcome) => (typeof outcome === "string" ? [] : [outcome.key]));
      // The invitations are committed: a failure from here on leaves their mail queued, and the
      // answer says so rather than throwing the whole batch's results away.
      const deliveredKeys = new Set<string>();
      await deliverMail(ctx, mailer, { limit: keys.length, keys }, deliveredKeys).catch(() => undefined);
      return list.map((email, i): EmailInvitationResult => {
        const outcome = outcomes[i] as EmailInvitationStatus | Invited;
        if (typeof outcome === "string") return { email, status: outcome, invitationId: null };
        const status = outcome.resent
          ? "already_invited"
          : deliveredKeys.has(outcome.key)
            ? "sent"
            : "queued";
        return { email, status, invitationId: outcome.invitationId };
      });
    },

    async createLink(actor, options) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const settings = parseInput(linkOptionsSchema, options, "link options") ?? {};
      return inTransaction(ctx, async (uow) => {
        const inviter = requireOpenSide(await loadParty(uow, actorId));
        const { invitation, token } = await issue(
          uow,
          "link",
          { id: actorId, organisationId: inviter.organisation.id },
          {
            email: null,
            days: settings.expiresInDays ?? inviter.organisation.invitationExpiryDays,
            maxUses: settings.maxUses ?? null,
          },
          null,
        );
        await uow.record({
          type: "invitation_created",
          organisationId: invitation.organisationId,
          actorId,
          invitationId: invitation.id,
          kind: "link",
          expiresAt: invitation.expiresAt,
        });
        return { invitation, url: invitationUrl(ctx.inviteBaseUrl, token) };
      });
    },

    async revoke(actor, id) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const invitationId = parseInput(invitationIdSchema, id, "invitation id");
      return inTransaction(ctx, async (uow) => {
        await loadParty(uow, actorId);
        const before = await uow.invitations.get(invitationId, { lock: true });
        if (before === null || before.inviterId !== actorId) {
          throw new PartnerbookError("NOT_FOUND", `no invitation ${invitationId}`);
        }
        if (before.revokedAt !== null) return before;
        const after: Invitation = { ...before, revokedAt: uow.now, version: before.version + 1 };
        await uow.invitations.update(after, before.version);
        await uow.record({
          type: "invitation_revoked",
          organisationId: after.organisationId,
          actorId,
          invitationId,
        });
        return after;
      });
    },

    async listPending(actor) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      return inTransaction(ctx, async (uow) => {
        await loadParty(uow, actorId);
        return (await uow.invitations.listByInviter(actorId)).filter((invitation) =>
          isPending(invitation, uow.now),
        );
      });
    },

    redeem: (actor, tokenOrUrl) => redeemInvitation(ctx, actor, tokenOrUrl),
  };
}
