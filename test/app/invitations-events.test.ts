import { describe, expect, it } from "vitest";
import { start, twoLinkableMembers } from "../support/builders.js";
import { eventsOf, everyEvent } from "../support/events.js";
import {
  anExternalMember,
  anInvitingWorld,
  day,
  hour,
  inviteBaseUrl,
  mailedUrl,
  refusalOf,
  tokenOf,
} from "../support/inviting-world.js";

describe("R35: invitation events", () => {
  it("R35: creating, re-sending, revoking and redeeming invitations are recorded", async () => {
    const world = anInvitingWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const before = (await eventsOf(world.book, acme.admin.id, acme.organisation.id)).length;
    const { invitation: link, url } = await world.book.invitations.createLink(sato.id, { expiresInDays: 2 });
    const [mailed] = await world.book.invitations.sendEmail(sato.id, ["tanaka@example.jp"]);
    world.clock.advance(hour);
    await world.book.invitations.sendEmail(sato.id, ["tanaka@example.jp"]);
    await world.book.invitations.redeem(lee.id, url);
    await world.book.invitations.revoke(sato.id, link.id);
    const events = (await eventsOf(world.book, acme.admin.id, acme.organisation.id))
      .slice(before)
      .filter((event) => event.type.startsWith("invitation_"));
    expect(events).toEqual([
      expect.objectContaining({
        type: "invitation_created",
        actorId: sato.id,
        invitationId: link.id,
        kind: "link",
        expiresAt: link.expiresAt,
      }),
      expect.objectContaining({
        type: "invitation_created",
        actorId: sato.id,
        invitationId: mailed?.invitationId,
        kind: "email",
        expiresAt: new Date(start.getTime() + 14 * day),
      }),
      expect.objectContaining({
        type: "invitation_resent",
        actorId: sato.id,
        invitationId: mailed?.invitationId,
        kind: "email",
        expiresAt: new Date(start.getTime() + hour + 14 * day),
      }),
      expect.objectContaining({
        type: "invitation_redeemed",
        actorId: lee.id,
        invitationId: link.id,
        redeemerId: lee.id,
      }),
      expect.objectContaining({ type: "invitation_revoked", actorId: sato.id, invitationId: link.id }),
    ]);
  });

  it("R20, R35: no token appears in any event, error message or error toJSON, and no address in any event", async () => {
    const world = anInvitingWorld({ random: true });
    const { sato, lee } = await twoLinkableMembers(world);
    const kim = await anExternalMember(world);
    const once = await world.book.invitations.createLink(sato.id, { maxUses: 1 });
    const revoked = await world.book.invitations.createLink(sato.id);
    const expiring = await world.book.invitations.createLink(sato.id, { expiresInDays: 1 });
    await world.book.invitations.sendEmail(sato.id, ["tanaka@example.jp"]);
    await world.book.invitations.sendEmail(sato.id, ["tanaka@example.jp"]);
    await world.book.invitations.redeem(lee.id, once.url);
    await world.book.invitations.revoke(sato.id, revoked.invitation.id);
    const mailedToken = tokenOf(mailedUrl(world, "tanaka@example.jp"));
    const tokens = [once.url, revoked.url, expiring.url].map(tokenOf).concat(mailedToken);
    const errors = [
      await refusalOf(world.book.invitations.redeem(kim.id, once.url)),
      await refusalOf(world.book.invitations.redeem(kim.id, revoked.url)),
      await refusalOf(world.book.invitations.redeem(sato.id, expiring.url)),
      await refusalOf(world.book.invitations.redeem(kim.id, `${mailedToken}!`)),
      await refusalOf(world.book.invitations.redeem(kim.id, `${inviteBaseUrl}/${mailedToken}x`)),
      await refusalOf(world.book.invitations.redeem(kim.id, `${mailedToken} ${"x".repeat(2000)}`)),
    ];
    world.clock.advance(day);
    errors.push(await refusalOf(world.book.invitations.redeem(kim.id, expiring.url)));
    expect(errors.map((error) => error.code)).toEqual([
      "INVITATION_USED_UP",
      "INVITATION_REVOKED",
      "NOT_PERMITTED",
      "VALIDATION",
      "NOT_FOUND",
      "VALIDATION",
      "INVITATION_EXPIRED",
    ]);
    const events = JSON.stringify(await everyEvent(world));
    expect(events).toContain("invitation_redeemed");
    expect(events).not.toContain("tanaka@example.jp");
    for (const token of tokens) {
      expect(events).not.toContain(token);
      for (const error of errors) {
        expect(error.message).not.toContain(token);
        expect(JSON.stringify(error.toJSON())).not.toContain(token);
      }
    }
  });
});
