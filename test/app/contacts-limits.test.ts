import { describe, expect, it } from "vitest";
import { aMember, anOrganisation, aWorld, twoLinkableMembers } from "../support/builders.js";
import { fillBook, theCustomer } from "./contacts-world.js";

describe("limits", () => {
  it("R16: a free organisation holding 500 contacts refuses the 501st and changes nothing", async () => {
    const world = aWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const colleague = await aMember(world, acme);
    await fillBook(world, sato.id, 499);
    await world.book.contacts.addCustomer(colleague.id, theCustomer);
    const before = world.store.snapshot();
    expect(before.contacts).toHaveLength(500);
    await expect(world.book.contacts.addCustomer(sato.id, theCustomer)).rejects.toMatchObject({
      code: "LIMIT_REACHED",
      details: { limit: 500 },
    });
    await expect(world.book.contacts.addCustomer(colleague.id, theCustomer)).rejects.toMatchObject({
      code: "LIMIT_REACHED",
    });
    await expect(world.book.contacts.addFromSearch(sato.id, lee.id)).rejects.toMatchObject({
      code: "LIMIT_REACHED",
    });
    const { token } = await world.book.qrCodes.mine(lee.id);
    const withToken = world.store.snapshot();
    await expect(world.book.contacts.addFromQr(sato.id, token)).rejects.toMatchObject({
      code: "LIMIT_REACHED",
    });
    expect(world.store.snapshot()).toEqual(withToken);
    expect(withToken.contacts).toEqual(before.contacts);
  });

  it("R16: the limit is per organisation, so another organisation still has room", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    await fillBook(world, sato.id, 500);
    const added = await world.book.contacts.addFromSearch(lee.id, sato.id);
    expect(added.status).toBe("added");
  });

  it("R15: at the limit, adding someone already in the book still returns the existing contact", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const first = await world.book.contacts.addFromSearch(sato.id, lee.id);
    await fillBook(world, sato.id, 499);
    const again = await world.book.contacts.addFromSearch(sato.id, lee.id);
    expect(again).toMatchObject({ status: "existing", contact: { id: first.contact.id } });
  });

  it("R16: a paid organisation may hold more than 500 contacts", async () => {
    const world = aWorld();
    const paid = await anOrganisation(world, { plan: "standard" });
    await fillBook(world, paid.admin.id, 500);
    const contact = await world.book.contacts.addCustomer(paid.admin.id, theCustomer);
    expect(contact.kind).toBe("customer");
    expect(world.store.snapshot().contacts).toHaveLength(501);
  });
});
