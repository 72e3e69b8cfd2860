import { describe, expect, it } from "vitest";
import { aMember, aWorld, twoLinkableMembers } from "../support/builders.js";

describe("adding someone already in the book", () => {
  it("R15: adding someone twice returns the existing contact", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const first = await world.book.contacts.addFromSearch(sato.id, lee.id);
    const afterFirst = world.store.snapshot();
    const second = await world.book.contacts.addFromSearch(sato.id, lee.id);
    expect(second.status).toBe("existing");
    expect(second.contact.id).toBe(first.contact.id);
    expect(world.store.snapshot()).toEqual(afterFirst);
    const page = await world.book.contacts.list(sato.id);
    expect(page.items.map((entry) => entry.contact.id)).toEqual([first.contact.id]);
  });

  it("R15: adding by QR someone already added by search returns the same contact", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const bySearch = await world.book.contacts.addFromSearch(sato.id, lee.id);
    const { token } = await world.book.qrCodes.mine(lee.id);
    const byQr = await world.book.contacts.addFromQr(sato.id, token);
    expect(byQr).toMatchObject({ status: "existing", contact: { id: bySearch.contact.id } });
    expect((await world.book.contacts.list(sato.id)).items).toHaveLength(1);
  });

  it("R15: the existing contact shows the target's current profile", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    await world.book.contacts.addFromSearch(sato.id, lee.id);
    await world.book.members.updateProfile(lee.id, { nickname: "Minny" });
    const again = await world.book.contacts.addFromSearch(sato.id, lee.id);
    expect(again.contact.kind === "linked" && again.contact.synced.nickname).toBe("Minny");
  });

  it("R15: the same person in two owners' books is one contact each", async () => {
    const world = aWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const colleague = await aMember(world, acme);
    const mine = await world.book.contacts.addFromSearch(sato.id, lee.id);
    const theirs = await world.book.contacts.addFromSearch(colleague.id, lee.id);
    expect(theirs.status).toBe("added");
    expect(theirs.contact.id).not.toBe(mine.contact.id);
  });
});
