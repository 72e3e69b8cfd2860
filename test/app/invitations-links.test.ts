import { describe, expect, it } from "vitest";
import { type InvitationId, sequentialIds } from "../../src/index.js";
import { aMember, anOrganisation, start, twoLinkableMembers } from "../support/builders.js";
import {
  anExternalMember,
  anInvitingWorld,
  day,
  expectRefusedUnchanged,
  hour,
  inviteBaseUrl,
  linkedContactOf,
  sha256,
  storedInvitation,
  tokenOf,
} from "../support/inviting-world.js";

describe("R18: invite links", () => {
  it("R18: the link URL is the invite base URL, a slash and the token; only the token's hash is stored", async () => {
    const world = anInvitingWorld();
    const { sato } = await twoLinkableMembers(world);
    const { invitation, url } = await world.book.invitations.createLink(sato.id);
    const token = tokenOf(url);
    expect(token).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(url).toBe(`${inviteBaseUrl}/${token}`);
    expect(invitation).toMatchObject({
      kind: "link",
      inviterId: sato.id,
      email: null,
      maxUses: null,
      uses: 0,
    });
    expect(invitation.tokenHash).toBe(sha256(token));
    expect(storedInvitation(world, invitation.id)).toEqual(invitation);
  });

  it("R18: a link is reusable by several people until it expires", async () => {
    const world = anInvitingWorld();
    const { sato } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    const redeemers = [
      await anExternalMember(world),
      await anExternalMember(world),
      await anExternalMember(world),
    ];
    for (const redeemer of redeemers) {
      expect((await world.book.invitations.redeem(redeemer.id, url)).status).toBe("added");
      expect(linkedContactOf(world, sato.id, redeemer.id)).toBeDefined();
    }
    world.clock.advance(14 * day);
    const late = await anExternalMember(world);
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(late.id, url),
      "INVITATION_EXPIRED",
    );
  });

  it("R18: a link with maxUses k is used up after k redeems", async () => {
    const world = anInvitingWorld();
    const { sato } = await twoLinkableMembers(world);
    const { invitation, url } = await world.book.invitations.createLink(sato.id, { maxUses: 2 });
    const [first, second, third] = [
      await anExternalMember(world),
      await anExternalMember(world),
      await anExternalMember(world),
    ];
    if (first === undefined || second === undefined || third === undefined) throw new Error("no redeemers");
    await world.book.invitations.redeem(first.id, url);
    await world.book.invitations.redeem(second.id, url);
    expect(storedInvitation(world, invitation.id)?.uses).toBe(2);
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(third.id, url),
      "INVITATION_USED_UP",
    );
    expect(linkedContactOf(world, third.id, sato.id)).toBeUndefined();
  });

  it("R18: expiresInDays sets the expiry: still fine 1 ms before it, expired exactly at it", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const { invitation, url } = await world.book.invitations.createLink(sato.id, { expiresInDays: 3 });
    expect(invitation.expiresAt).toEqual(new Date(start.getTime() + 72 * hour));
    world.clock.set(new Date(invitation.expiresAt.getTime() - 1));
    expect((await world.book.invitations.redeem(lee.id, url)).status).toBe("added");
    world.clock.set(invitation.expiresAt);
    const kim = await anExternalMember(world);
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(kim.id, url),
      "INVITATION_EXPIRED",
    );
  });

  it("R18, R20: by default a link lives 14 days", async () => {
    const world = anInvitingWorld();
    const { sato } = await twoLinkableMembers(world);
    const { invitation } = await world.book.invitations.createLink(sato.id);
    expect(invitation.expiresAt.getTime() - start.getTime()).toBe(336 * hour);
  });

  it("R18, R20: the organisation's invitationExpiryDays is the default for links and email invitations", async () => {
    const world = anInvitingWorld();
    const initech = await world.book.organisations.create({
      name: "Initech",
      invitationExpiryDays: 7,
      admin: { worksId: "initech-admin", displayName: "Initech Admin" },
    });
    const me = initech.admin.id;
    const { invitation: link } = await world.book.invitations.createLink(me);
    const [mailed] = await world.book.invitations.sendEmail(me, ["tanaka@example.jp"]);
    const week = new Date(start.getTime() + 7 * day);
    expect(link.expiresAt).toEqual(week);
    expect(storedInvitation(world, mailed?.invitationId ?? null)?.expiresAt).toEqual(week);
    const { invitation: custom } = await world.book.invitations.createLink(me, { expiresInDays: 30 });
    expect(custom.expiresAt).toEqual(new Date(start.getTime() + 30 * day));
  });

  it("R18: malformed link options are VALIDATION and create nothing", async () => {
    const world = anInvitingWorld();
    const { sato } = await twoLinkableMembers(world);
    for (const options of [{ expiresInDays: 0 }, { maxUses: 0 }, { maxUses: 1.5 }, { forever: true }]) {
      await expectRefusedUnchanged(
        world,
        () => world.book.invitations.createLink(sato.id, options as { maxUses?: number }),
        "VALIDATION",
      );
    }
  });

  it("R3, R18: an inviter whose own side is closed cannot create a link", async () => {
    const world = anInvitingWorld();
    const sato = await aMember(world, await anOrganisation(world, { linking: false }));
    await expectRefusedUnchanged(world, () => world.book.invitations.createLink(sato.id), "LINKING_DISABLED");
  });

  it("R18: only the inviter may revoke; a colleague or an outsider gets NOT_FOUND", async () => {
    const world = anInvitingWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const colleague = await aMember(world, acme);
    const { invitation } = await world.book.invitations.createLink(sato.id);
    for (const other of [colleague.id, acme.admin.id, lee.id]) {
      await expectRefusedUnchanged(
        world,
        () => world.book.invitations.revoke(other, invitation.id),
        "NOT_FOUND",
      );
    }
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.revoke(sato.id, "inv_unknown" as InvitationId),
      "NOT_FOUND",
    );
    const revoked = await world.book.invitations.revoke(sato.id, invitation.id);
    expect(revoked.revokedAt).toEqual(start);
    expect(storedInvitation(world, invitation.id)?.revokedAt).toEqual(start);
  });

  it("R18, R19: a revoked link is refused with INVITATION_REVOKED, even for those who could use it before", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const { invitation, url } = await world.book.invitations.createLink(sato.id);
    await world.book.invitations.redeem(lee.id, url);
    await world.book.invitations.revoke(sato.id, invitation.id);
    const kim = await anExternalMember(world);
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(kim.id, url),
      "INVITATION_REVOKED",
    );
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(lee.id, url),
      "INVITATION_REVOKED",
    );
  });

  it("R18: listPending lists only the inviter's invitations that can still be redeemed", async () => {
    const world = anInvitingWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const colleague = await aMember(world, acme);
    const open = await world.book.invitations.createLink(sato.id);
    const revoked = await world.book.invitations.createLink(sato.id);
    await world.book.invitations.revoke(sato.id, revoked.invitation.id);
    const usedUp = await world.book.invitations.createLink(sato.id, { maxUses: 1 });
    await world.book.invitations.redeem(lee.id, usedUp.url);
    const short = await world.book.invitations.createLink(sato.id, { expiresInDays: 1 });
    const [mailed] = await world.book.invitations.sendEmail(sato.id, ["tanaka@example.jp"]);
    await world.book.invitations.createLink(colleague.id);
    const pendingIds = async () =>
      (await world.book.invitations.listPending(sato.id)).map((invitation) => invitation.id).sort();
    expect(await pendingIds()).toEqual(
      [open.invitation.id, short.invitation.id, mailed?.invitationId].sort(),
    );
    world.clock.advance(day);
    expect(await pendingIds()).toEqual([open.invitation.id, mailed?.invitationId].sort());
    world.clock.advance(13 * day);
    expect(await pendingIds()).toEqual([]);
  });
});
describe("R18, R19: opening a link again once linked", () => {
  it("R18: a redeemer already linked both ways uses up no slot, so newcomers still get in", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const { url, invitation } = await world.book.invitations.createLink(sato.id, { maxUses: 2 });
    expect((await world.book.invitations.redeem(lee.id, url)).status).toBe("added");
    const before = world.store.snapshot();
    expect((await world.book.invitations.redeem(lee.id, url)).status).toBe("existing");
    expect(world.store.snapshot()).toEqual(before);
    const newcomer = await anExternalMember(world);
    expect((await world.book.invitations.redeem(newcomer.id, url)).status).toBe("added");
    const stored = world.store.snapshot().invitations.find((i) => i.id === invitation.id);
    expect(stored?.uses).toBe(2);
  });

  it("R19: links made with sequentialIds() can be redeemed (tokens are long enough)", async () => {
    const world = anInvitingWorld({ ids: sequentialIds() });
    const { sato, lee } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    expect((await world.book.invitations.redeem(lee.id, url)).status).toBe("added");
  });
});
