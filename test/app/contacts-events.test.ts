import { describe, expect, it } from "vitest";
import { asMemberId } from "../../src/index.js";
import { aMember, aWorld, twoLinkableMembers } from "../support/builders.js";
import { eventsOf, everyEvent } from "../support/events.js";
import { theCustomer } from "./contacts-world.js";

describe("events", () => {
  it("R35: each add records contact_added with how it was added", async () => {
    const world = aWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const colleague = await aMember(world, acme);
    const bySearch = await world.book.contacts.addFromSearch(sato.id, lee.id);
    const { token } = await world.book.qrCodes.mine(lee.id);
    const byQr = await world.book.contacts.addFromQr(colleague.id, token);
    const byHand = await world.book.contacts.addCustomer(sato.id, theCustomer);
    const added = (await eventsOf(world.book, acme.admin.id, acme.organisation.id)).filter(
      (event) => event.type === "contact_added",
    );
    expect(added).toEqual([
      expect.objectContaining({
        actorId: sato.id,
        contactId: bySearch.contact.id,
        ownerId: sato.id,
        kind: "linked",
        via: "search",
      }),
      expect.objectContaining({
        actorId: colleague.id,
        contactId: byQr.contact.id,
        ownerId: colleague.id,
        kind: "linked",
        via: "qr",
      }),
      expect.objectContaining({
        actorId: sato.id,
        contactId: byHand.id,
        ownerId: sato.id,
        kind: "customer",
        via: "manual",
      }),
    ]);
  });

  it("R35: adding someone already in the book records no second contact_added", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    await world.book.contacts.addFromSearch(sato.id, lee.id);
    await world.book.contacts.addFromSearch(sato.id, lee.id);
    const added = (await everyEvent(world)).filter((event) => event.type === "contact_added");
    expect(added).toHaveLength(1);
  });

  it("R35: issuing a QR code records qr_code_issued, and no token appears in any event", async () => {
    const world = aWorld();
    const { globex, lee } = await twoLinkableMembers(world);
    const first = await world.book.qrCodes.mine(lee.id);
    await world.book.qrCodes.mine(lee.id);
    const second = await world.book.qrCodes.reissue(lee.id);
    const events = await everyEvent(world);
    const issued = events.filter((event) => event.type === "qr_code_issued");
    const inLeesOrganisation = { organisationId: globex.organisation.id, actorId: lee.id, memberId: lee.id };
    expect(issued).toEqual([
      expect.objectContaining(inLeesOrganisation),
      expect.objectContaining(inLeesOrganisation),
    ]);
    const log = JSON.stringify(events);
    expect(log).not.toContain(first.token);
    expect(log).not.toContain(second.token);
  });

  it("R35: a refused add records no event", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    const before = await everyEvent(world);
    await expect(world.book.contacts.addFromSearch(sato.id, asMemberId("mem_nobody"))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await everyEvent(world)).toEqual(before);
  });

  it("R35: subscribers hear contact_added once the add has committed", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const heard: string[] = [];
    const unsubscribe = world.book.events.subscribe((event) => heard.push(event.type));
    await world.book.contacts.addFromSearch(sato.id, lee.id);
    await expect(world.book.contacts.addFromSearch(sato.id, asMemberId("mem_nobody"))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    unsubscribe();
    expect(heard).toEqual(["contact_added"]);
  });
});
