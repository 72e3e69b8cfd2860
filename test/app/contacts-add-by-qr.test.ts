import { describe, expect, it } from "vitest";
import { aMember, aWorld, twoLinkableMembers } from "../support/builders.js";

describe("QR codes", () => {
  it("R13: adding with the token of someone's QR code creates a linked contact", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const { token } = await world.book.qrCodes.mine(lee.id);
    const added = await world.book.contacts.addFromQr(sato.id, token);
    expect(added.status).toBe("added");
    expect(added.contact).toMatchObject({ kind: "linked", ownerId: sato.id, targetMemberId: lee.id });
    expect((await world.book.contacts.talkAccess(sato.id, added.contact.id)).canTalk).toBe(true);
  });

  it("R13: my QR token is stable between calls", async () => {
    const world = aWorld();
    const { lee } = await twoLinkableMembers(world);
    const first = await world.book.qrCodes.mine(lee.id);
    const second = await world.book.qrCodes.mine(lee.id);
    expect(second.token).toBe(first.token);
  });

  it("R13: the token is opaque, not the raw works ID or member id", async () => {
    const world = aWorld();
    const { lee } = await twoLinkableMembers(world);
    const { token } = await world.book.qrCodes.mine(lee.id);
    expect(token).not.toContain(lee.worksId);
    expect(token).not.toContain(lee.id);
  });

  it("R13: re-issuing invalidates the old token and the new one works", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const old = await world.book.qrCodes.mine(lee.id);
    const renewed = await world.book.qrCodes.reissue(lee.id);
    expect(renewed.token).not.toBe(old.token);
    expect((await world.book.qrCodes.mine(lee.id)).token).toBe(renewed.token);
    const before = world.store.snapshot();
    await expect(world.book.contacts.addFromQr(sato.id, old.token)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(world.store.snapshot()).toEqual(before);
    const added = await world.book.contacts.addFromQr(sato.id, renewed.token);
    expect(added.contact).toMatchObject({ targetMemberId: lee.id });
  });

  it("R13: an unknown token is NOT_FOUND and an empty one is VALIDATION", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    await expect(world.book.contacts.addFromQr(sato.id, "no-such-token")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(world.book.contacts.addFromQr(sato.id, "  ")).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("R10: scanning the QR code of a member whose organisation is off is NOT_FOUND", async () => {
    const world = aWorld();
    const { globex, sato, lee } = await twoLinkableMembers(world);
    const { token } = await world.book.qrCodes.mine(lee.id);
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      enabled: false,
    });
    await expect(world.book.contacts.addFromQr(sato.id, token)).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "no external user you can add",
    });
  });

  it("R3: scanning a colleague's QR code is NOT_FOUND", async () => {
    const world = aWorld();
    const { acme, sato } = await twoLinkableMembers(world);
    const colleague = await aMember(world, acme);
    const { token } = await world.book.qrCodes.mine(colleague.id);
    await expect(world.book.contacts.addFromQr(sato.id, token)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
