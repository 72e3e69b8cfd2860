import { describe, expect, it } from "vitest";
import type { InvitationId } from "../../src/index.js";
import { aMember, twoLinkableMembers } from "../support/builders.js";
import { everyEvent } from "../support/events.js";
import {
  anExternalMember,
  anInvitingWorld,
  day,
  expectRefusedUnchanged,
  inviteBaseUrl,
  linkedContactOf,
  mailedUrl,
  refusalOf,
  storedInvitation,
  tokenOf,
} from "../support/inviting-world.js";

describe("R19: redeeming", () => {
  it("R12, R19: redeeming a link puts the inviter in the redeemer's book and the redeemer in the inviter's", async () => {
    const world = anInvitingWorld();
    const { acme, globex, sato, lee } = await twoLinkableMembers(world);
    const { invitation, url } = await world.book.invitations.createLink(sato.id);
    const result = await world.book.invitations.redeem(lee.id, url);
    expect(result).toMatchObject({
      status: "added",
      invitationId: invitation.id,
      contact: {
        kind: "linked",
        ownerId: lee.id,
        targetMemberId: sato.id,
        targetOrganisationId: acme.organisation.id,
      },
    });
    expect(linkedContactOf(world, lee.id, sato.id)).toEqual(result.contact);
    expect(linkedContactOf(world, sato.id, lee.id)).toMatchObject({
      targetOrganisationId: globex.organisation.id,
      trash: null,
    });
    const adds = (await everyEvent(world)).filter((event) => event.type === "contact_added");
    expect(adds.map((event) => [event.ownerId, event.kind, event.via]).sort()).toEqual(
      [
        [lee.id, "linked", "invitation"],
        [sato.id, "linked", "invitation"],
      ].sort(),
    );
    expect(storedInvitation(world, invitation.id)?.uses).toBe(1);
  });

  it("R12, R19: both can talk at once after a redeem", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    const { contact } = await world.book.invitations.redeem(lee.id, url);
    const back = linkedContactOf(world, sato.id, lee.id);
    expect((await world.book.contacts.talkAccess(lee.id, contact.id)).canTalk).toBe(true);
    expect((await world.book.contacts.talkAccess(sato.id, back?.id ?? contact.id)).canTalk).toBe(true);
  });

  it("R19: the bare token redeems like the full URL", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    expect((await world.book.invitations.redeem(lee.id, `  ${tokenOf(url)} `)).status).toBe("added");
    expect(linkedContactOf(world, sato.id, lee.id)).toBeDefined();
  });

  it("R12, R19: accepting an email invitation from the mailed link links both ways", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const [sent] = await world.book.invitations.sendEmail(sato.id, ["lee@globex.example"]);
    const result = await world.book.invitations.redeem(lee.id, mailedUrl(world, "lee@globex.example"));
    expect(result).toMatchObject({ status: "added", invitationId: sent?.invitationId });
    expect(linkedContactOf(world, lee.id, sato.id)).toBeDefined();
    expect(linkedContactOf(world, sato.id, lee.id)).toBeDefined();
  });

  it("R3, R19: the inviter's organisation switched off after the link was made: refused, nothing changes", async () => {
    const world = anInvitingWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: false });
    await expectRefusedUnchanged(world, () => world.book.invitations.redeem(lee.id, url), "NOT_FOUND");
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: true });
    expect((await world.book.invitations.redeem(lee.id, url)).status).toBe("added");
  });

  it("R2, R19: the inviter moved out of scope after the link was made: refused, nothing changes", async () => {
    const world = anInvitingWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
      scope: { kind: "listed", members: [acme.admin.id] },
    });
    await expectRefusedUnchanged(world, () => world.book.invitations.redeem(lee.id, url), "NOT_FOUND");
  });

  it("R4, R19: the inviter's organisation blocking the redeemer's: refused, nothing changes", async () => {
    const world = anInvitingWorld();
    const { acme, globex, sato, lee } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
      partners: { kind: "block", organisations: [globex.organisation.id] },
    });
    await expectRefusedUnchanged(world, () => world.book.invitations.redeem(lee.id, url), "NOT_FOUND");
  });

  it("R3, R19: a redeemer whose own side is off gets LINKING_DISABLED and nothing changes", async () => {
    const world = anInvitingWorld();
    const { globex, sato, lee } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      enabled: false,
    });
    await expectRefusedUnchanged(world, () => world.book.invitations.redeem(lee.id, url), "LINKING_DISABLED");
  });

  it("R19, R20: an invitation redeemed exactly 14 × 24 h after it was made is INVITATION_EXPIRED and changes nothing", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    await world.book.invitations.sendEmail(sato.id, ["lee@globex.example"]);
    world.clock.advance(14 * day);
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(lee.id, url),
      "INVITATION_EXPIRED",
    );
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(lee.id, mailedUrl(world, "lee@globex.example")),
      "INVITATION_EXPIRED",
    );
  });

  it("R19: a revoked email invitation is INVITATION_REVOKED and changes nothing", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const [sent] = await world.book.invitations.sendEmail(sato.id, ["lee@globex.example"]);
    await world.book.invitations.revoke(sato.id, sent?.invitationId as InvitationId);
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(lee.id, mailedUrl(world, "lee@globex.example")),
      "INVITATION_REVOKED",
    );
  });

  it("R19, R20: an email invitation is single-use: a second redeem is INVITATION_USED_UP and changes nothing", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    await world.book.invitations.sendEmail(sato.id, ["lee@globex.example"]);
    const url = mailedUrl(world, "lee@globex.example");
    await world.book.invitations.redeem(lee.id, url);
    const kim = await anExternalMember(world);
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(kim.id, url),
      "INVITATION_USED_UP",
    );
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(lee.id, url),
      "INVITATION_USED_UP",
    );
    expect(linkedContactOf(world, sato.id, kim.id)).toBeUndefined();
  });

  it("R19: an unknown, well-formed token is NOT_FOUND and changes nothing", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    await world.book.invitations.createLink(sato.id);
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(lee.id, "Zq3xW8kLm2Np5Rt7Vb9Yc1Df"),
      "NOT_FOUND",
    );
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(lee.id, `${inviteBaseUrl}/Zq3xW8kLm2Np5Rt7Vb9Yc1Df`),
      "NOT_FOUND",
    );
  });

  it("R19: a malformed token is VALIDATION and changes nothing", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    await world.book.invitations.createLink(sato.id);
    for (const input of ["not a token", "", "abc", `${inviteBaseUrl}/`, "x".repeat(2001), 42]) {
      await expectRefusedUnchanged(
        world,
        () => world.book.invitations.redeem(lee.id, input as string),
        "VALIDATION",
      );
    }
  });

  it("R3, R19: redeeming your own invitation is NOT_PERMITTED and changes nothing", async () => {
    const world = anInvitingWorld();
    const { sato } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    await expectRefusedUnchanged(world, () => world.book.invitations.redeem(sato.id, url), "NOT_PERMITTED");
  });

  it("R3, R19: redeeming an invitation from your own organisation is NOT_PERMITTED and changes nothing", async () => {
    const world = anInvitingWorld();
    const { acme, sato } = await twoLinkableMembers(world);
    const colleague = await aMember(world, acme);
    const { url } = await world.book.invitations.createLink(sato.id);
    await world.book.invitations.sendEmail(sato.id, ["colleague@acme.example"]);
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(colleague.id, url),
      "NOT_PERMITTED",
    );
    await expectRefusedUnchanged(
      world,
      () => world.book.invitations.redeem(colleague.id, mailedUrl(world, "colleague@acme.example")),
      "NOT_PERMITTED",
    );
  });

  it("R15, R19: redeeming a link again when already linked answers existing and adds no contact", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    const first = await world.book.invitations.redeem(lee.id, url);
    const contactsBefore = world.store.snapshot().contacts;
    const again = await world.book.invitations.redeem(lee.id, url);
    expect(again.status).toBe("existing");
    expect(again.contact.id).toBe(first.contact.id);
    expect(world.store.snapshot().contacts).toEqual(contactsBefore);
  });

  it("R15, R19: redeeming someone already added from a search answers existing and completes the other side", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const added = await world.book.contacts.addFromSearch(lee.id, sato.id);
    const { url } = await world.book.invitations.createLink(sato.id);
    const result = await world.book.invitations.redeem(lee.id, url);
    expect(result).toMatchObject({ status: "existing", contact: { id: added.contact.id } });
    expect(linkedContactOf(world, sato.id, lee.id)).toBeDefined();
  });

  it("R15, R19: a redeemer in the inviter's trash stays in the trash while the inviter joins the redeemer's book", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const { contact } = await world.book.contacts.addFromSearch(sato.id, lee.id);
    await world.book.trash.delete(sato.id, contact.id);
    const trashedBefore = linkedContactOf(world, sato.id, lee.id);
    const { url } = await world.book.invitations.createLink(sato.id);
    expect((await world.book.invitations.redeem(lee.id, url)).status).toBe("added");
    expect(linkedContactOf(world, sato.id, lee.id)).toEqual(trashedBefore);
    expect(linkedContactOf(world, lee.id, sato.id)).toBeDefined();
  });
});
describe("R16, R19: a redeem into a full book", () => {
  it("R16: when the inviter's organisation is full the redeem is refused, naming it, and nothing changes", async () => {
    const world = anInvitingWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    for (let i = 0; i < 500; i++) {
      await world.book.contacts.addCustomer(sato.id, {
        familyName: `顧客${i}`,
        emails: [{ address: `c${i}@example.jp` }],
      });
    }
    const before = world.store.snapshot();
    const refusal = await refusalOf(world.book.invitations.redeem(lee.id, url));
    expect(refusal).toMatchObject({ code: "LIMIT_REACHED", details: { limit: 500 } });
    expect(refusal.message).toContain(acme.organisation.name);
    expect(world.store.snapshot()).toEqual(before);
  });
});
