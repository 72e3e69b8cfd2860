import fc from "fast-check";
import type { Partnerbook } from "../../../src/index.js";
import type { Model } from "../model.js";
import { expect } from "./expect.js";
import { sortedIds } from "./invariants.js";
import { agreed, attempt } from "./outcomes.js";
import { addressee, always, memberIndex, mostly, ownContactFor, relation, Step, settleAdd } from "./picks.js";
import { inviteUrlPattern } from "./setup.js";

// Commands on invitations: links, email, redeem, revoke (R17–R20).

/** R18, R20: the inviter creates a link; answers its URL, or `null` when refused. */
async function createLinkChecked(
  model: Model,
  book: Partnerbook,
  inviter: number,
  options: { expiresInDays?: number; maxUses?: number },
): Promise<string | null> {
  const expected = model.createLink(inviter, options);
  const actual = await attempt(() => book.invitations.createLink(model.member(inviter).id, options));
  const both = agreed("invitations.createLink", actual, expected);
  if (both === null) return null;
  const { invitation, url } = both.actual;
  model.commitLink(inviter, invitation.id, url, both.expected.expiresAt, both.expected.maxUses);
  expect(invitation).toMatchObject(model.expectedInvitation(model.invitation(invitation.id)));
  return url;
}

/** R19: `redeemer` redeems `url`; both books are checked against the model. */
async function redeemChecked(model: Model, book: Partnerbook, redeemer: number, url: string): Promise<void> {
  const redeemerId = model.member(redeemer).id;
  const expected = model.redeem(redeemer, url);
  const actual = await attempt(() => book.invitations.redeem(redeemerId, url));
  const both = agreed("invitations.redeem", actual, expected);
  if (both === null) return;
  const plan = both.expected;
  const inviter = plan.invitation.inviter;
  expect(both.actual.invitationId).toBe(plan.invitation.id);
  settleAdd(model, redeemer, inviter, plan.forRedeemer, both.actual);
  if (plan.forInviter?.status === "added") {
    const inviterId = model.member(inviter).id;
    model.commitAdd(inviter, redeemer, plan.forInviter, await ownContactFor(book, inviterId, redeemerId));
  }
  if (plan.countsUse) model.commitRedeemed(plan.invitation);
}

const linkOptions = fc.record({
  expiresInDays: fc.option(fc.constantFrom(1, 3), { nil: undefined }),
  maxUses: fc.option(fc.constantFrom(1, 2), { nil: undefined }),
});

/** The options as the API takes them (no `undefined` values). */
const definedOptions = (options: { expiresInDays: number | undefined; maxUses: number | undefined }) => ({
  ...(options.expiresInDays === undefined ? {} : { expiresInDays: options.expiresInDays }),
  ...(options.maxUses === undefined ? {} : { maxUses: options.maxUses }),
});

// R18, R20: an invite link, with the organisation's expiry or its own, limited or not.
export const createLink = fc.record({ inviter: memberIndex, options: linkOptions }).map(
  (p) =>
    new Step(`invitations.createLink(${JSON.stringify(p)})`, always, async (model, { book }) => {
      await createLinkChecked(model, book, p.inviter, definedOptions(p.options));
    }),
);

// R18, R19: a link handed over and redeemed at once — the usual way it goes.
export const inviteByLink = fc
  .record({ inviter: memberIndex, redeemer: memberIndex, how: relation, options: linkOptions })
  .map(
    (p) =>
      new Step(`invitations.createLink+redeem(${JSON.stringify(p)})`, always, async (model, { book }) => {
        const url = await createLinkChecked(model, book, p.inviter, definedOptions(p.options));
        if (url !== null)
          await redeemChecked(model, book, addressee(model, p.inviter, p.redeemer, p.how), url);
      }),
  );

// R17: email invitations in bulk; results per address, the mail carries the link.
export const sendEmail = fc
  .record({
    inviter: memberIndex,
    addresses: fc.array(
      fc.constantFrom(
        "guest@example.org",
        " Guest@Example.org",
        "lee@globex.example",
        "sato@acme.example",
        "peter@initech.example",
        "not-an-address",
      ),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map(
    (p) =>
      new Step(`invitations.sendEmail(${JSON.stringify(p)})`, always, async (model, { book, mailer }) => {
        const sentBefore = mailer?.messages.length ?? 0;
        const expected = model.sendEmail(p.inviter, p.addresses);
        const actual = await attempt(() =>
          book.invitations.sendEmail(model.member(p.inviter).id, p.addresses),
        );
        const both = agreed("invitations.sendEmail", actual, expected);
        if (both === null) return;
        expect(
          both.actual.map((result) => result.status),
          "R17: the answer per address",
        ).toEqual(both.expected.map((plan) => plan.status));
        const mails = mailer?.messages.slice(sentBefore) ?? [];
        for (const [i, plan] of both.expected.entries()) {
          if (plan.status !== "sent" && plan.status !== "already_invited") continue;
          // The mail leaves from the outbox after commit: one per invitation, but a batch's mails
          // need not leave in the order given (a store claims due mail oldest first, ties in any order).
          const at = mails.findIndex((message) => message.to === plan.email);
          const [mail] = at === -1 ? [] : mails.splice(at, 1);
          const id = both.actual[i]?.invitationId;
          expect(mail?.to, "R17: one mail per invitation").toBe(plan.email);
          const url = mail?.text.match(inviteUrlPattern)?.[0];
          if (url === undefined || id == null) throw new Error("an invitation without its mail or id");
          if (plan.reuses !== null) expect(id, "a re-sent invitation keeps its id").toBe(plan.reuses.id);
          model.commitEmailInvitation(p.inviter, plan, id, url);
        }
        expect(mails, "no mail beyond the invitations").toEqual([]);
      }),
  );

// R19: redeem an invite URL handed out earlier — current, re-sent, used, revoked or expired.
export const redeem = fc.record({ redeemer: memberIndex, how: relation, pick: fc.nat({ max: 7 }) }).map(
  (p) =>
    new Step(
      `invitations.redeem(${JSON.stringify(p)})`,
      (model) => model.inviteUrls.length > 0,
      async (model, { book }) => {
        // The newest URLs are picked most: they are the ones most likely to work.
        const handedOut = model.inviteUrls[model.inviteUrls.length - 1 - (p.pick % model.inviteUrls.length)];
        if (handedOut === undefined) throw new Error("no invite URL to pick");
        await redeemChecked(
          model,
          book,
          addressee(model, handedOut.inviter, p.redeemer, p.how),
          handedOut.url,
        );
      },
    ),
);

// R19: the inviter (or, refused, someone else) revokes an invitation.
export const revoke = fc.record({ byInviter: mostly(true), other: memberIndex, pick: fc.nat() }).map(
  (p) =>
    new Step(
      `invitations.revoke(${JSON.stringify(p)})`,
      (model) => model.invitations.length > 0,
      async (model, { book }) => {
        const invitation = model.invitations[p.pick % model.invitations.length];
        if (invitation === undefined) throw new Error("no invitation to pick");
        const actor = p.byInviter ? invitation.inviter : p.other;
        const expected = model.revoke(actor, invitation.id);
        const actual = await attempt(() => book.invitations.revoke(model.member(actor).id, invitation.id));
        const both = agreed("invitations.revoke", actual, expected);
        if (both === null) return;
        if (both.expected.changed) model.commitRevoke(invitation.id);
        expect(both.actual).toMatchObject(model.expectedInvitation(invitation));
      },
    ),
);

// R19, R20: what each member can still see redeemed.
export const listPending = fc.record({ member: memberIndex }).map(
  (p) =>
    new Step(`invitations.listPending(${JSON.stringify(p)})`, always, async (model, { book }) => {
      const pending = await book.invitations.listPending(model.member(p.member).id);
      expect(sortedIds(pending.map((invitation) => invitation.id))).toEqual(
        sortedIds(model.pending(p.member).map((invitation) => invitation.id)),
      );
    }),
);
