import { describe, expect, it } from "vitest";
import { asMemberId } from "../../src/index.js";
import { aMember, anOrganisation, aWorld, twoLinkableMembers } from "../support/builders.js";

describe("adding from a search result", () => {
  it("R12: adding a search result creates a linked contact with the target's synced profile", async () => {
    const world = aWorld();
    const { acme, globex } = await twoLinkableMembers(world);
    const sato = await aMember(world, acme);
    const lee = await aMember(world, globex, {
      displayName: "Lee Min",
      familyName: "Lee",
      givenName: "Min",
      nickname: "Minnie",
      photoUrl: "https://example.com/lee.png",
    });
    const added = await world.book.contacts.addFromSearch(sato.id, lee.id);
    expect(added.status).toBe("added");
    expect(added.contact).toMatchObject({
      kind: "linked",
      ownerId: sato.id,
      organisationId: acme.organisation.id,
      targetMemberId: lee.id,
      targetOrganisationId: globex.organisation.id,
      synced: { nickname: "Minnie", company: "Globex", photoUrl: "https://example.com/lee.png" },
      fields: { familyName: "Lee", givenName: "Min", phones: [], emails: [], memo: null },
      trash: null,
    });
    expect(await world.book.contacts.get(sato.id, added.contact.id)).toEqual(added.contact);
  });

  it("R12: a target without family or given name starts with the display name as family name", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const { contact } = await world.book.contacts.addFromSearch(sato.id, lee.id);
    expect(contact.fields.familyName).toBe("Lee Min");
    expect(contact.fields.givenName).toBeNull();
  });

  it("R12: talk is possible at once after adding", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const { contact } = await world.book.contacts.addFromSearch(sato.id, lee.id);
    expect(await world.book.contacts.talkAccess(sato.id, contact.id)).toEqual({
      canTalk: true,
      canViewHistory: true,
      reason: "ok",
    });
  });

  it("R3: the adder's own side off is an explicit LINKING_DISABLED and changes nothing", async () => {
    const world = aWorld();
    const acme = await anOrganisation(world, { linking: false });
    const globex = await anOrganisation(world);
    const sato = await aMember(world, acme);
    const lee = await aMember(world, globex);
    const before = world.store.snapshot();
    await expect(world.book.contacts.addFromSearch(sato.id, lee.id)).rejects.toMatchObject({
      code: "LINKING_DISABLED",
      details: { reason: "linking_off" },
    });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R2: an adder outside their own organisation's scope gets LINKING_DISABLED", async () => {
    const world = aWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
      scope: { kind: "listed", members: [acme.admin.id] },
    });
    await expect(world.book.contacts.addFromSearch(sato.id, lee.id)).rejects.toMatchObject({
      code: "LINKING_DISABLED",
      details: { reason: "out_of_scope" },
    });
  });

  it("R10: target side off, unknown member and same-organisation member are the same NOT_FOUND", async () => {
    const world = aWorld();
    const { acme, sato } = await twoLinkableMembers(world);
    const closed = await anOrganisation(world, { linking: false });
    const behindClosedDoors = await aMember(world, closed);
    const colleague = await aMember(world, acme);
    const before = world.store.snapshot();
    const refusals = await Promise.all(
      [behindClosedDoors.id, asMemberId("mem_nobody"), colleague.id, sato.id].map((target) =>
        world.book.contacts.addFromSearch(sato.id, target).then(
          () => "added",
          (error: unknown) => error,
        ),
      ),
    );
    for (const refusal of refusals) expect(refusal).toMatchObject({ code: "NOT_FOUND" });
    const messages = new Set(refusals.map((refusal) => (refusal as Error).message));
    expect(messages.size).toBe(1);
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R10: a target outside their organisation's scope is NOT_FOUND", async () => {
    const world = aWorld();
    const { globex, sato, lee } = await twoLinkableMembers(world);
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      scope: { kind: "listed", members: [globex.admin.id] },
    });
    await expect(world.book.contacts.addFromSearch(sato.id, lee.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("R4: a target whose organisation blocks the adder's is NOT_FOUND", async () => {
    const world = aWorld();
    const { acme, globex, sato, lee } = await twoLinkableMembers(world);
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      partners: { kind: "block", organisations: [acme.organisation.id] },
    });
    await expect(world.book.contacts.addFromSearch(sato.id, lee.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("an unknown adder is UNKNOWN_ACTOR", async () => {
    const world = aWorld();
    const { lee } = await twoLinkableMembers(world);
    await expect(world.book.contacts.addFromSearch(asMemberId("mem_ghost"), lee.id)).rejects.toMatchObject({
      code: "UNKNOWN_ACTOR",
    });
  });
});

describe("R10: an adder whose own side is closed learns nothing about the target", () => {
  it("R10: unknown ids, colleagues, live and bogus QR tokens all get the same LINKING_DISABLED", async () => {
    const world = aWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const colleague = await aMember(world, acme);
    const { token } = await world.book.qrCodes.mine(lee.id);
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: false });
    const answers = await Promise.all([
      world.book.contacts.addFromSearch(sato.id, lee.id).catch((e: unknown) => e),
      world.book.contacts.addFromSearch(sato.id, asMemberId("mem_nobody")).catch((e: unknown) => e),
      world.book.contacts.addFromSearch(sato.id, colleague.id).catch((e: unknown) => e),
      world.book.contacts.addFromQr(sato.id, token).catch((e: unknown) => e),
      world.book.contacts.addFromQr(sato.id, "no-such-token").catch((e: unknown) => e),
    ]);
    for (const answer of answers) {
      expect(answer).toMatchObject({ code: "LINKING_DISABLED", details: { reason: "linking_off" } });
      expect((answer as Error).message).toBe((answers[0] as Error).message);
    }
  });
});
