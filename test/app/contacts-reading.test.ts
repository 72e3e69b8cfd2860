import { describe, expect, it } from "vitest";
import { asContactId, asMemberId, type Contact, sortKeyOf } from "../../src/index.js";
import { aMember, aWorld, twoLinkableMembers } from "../support/builders.js";
import { fillBook, theCustomer } from "./contacts-world.js";

describe("reading the book", () => {
  async function sharedScene() {
    const world = aWorld();
    const { globex, sato, lee } = await twoLinkableMembers(world);
    const outsider = await aMember(world, globex);
    const linked = (await world.book.contacts.addFromSearch(sato.id, lee.id)).contact;
    const customer = await world.book.contacts.addCustomer(sato.id, theCustomer);
    return { world, sato, lee, outsider, linked, customer };
  }

  it("contacts.get by someone who is not the owner is NOT_FOUND", async () => {
    const { world, lee, outsider, linked, customer } = await sharedScene();
    for (const viewer of [lee.id, outsider.id]) {
      for (const contact of [linked, customer]) {
        await expect(world.book.contacts.get(viewer, contact.id)).rejects.toMatchObject({
          code: "NOT_FOUND",
        });
      }
    }
  });

  it("contacts.get of an unknown id is the same NOT_FOUND as someone else's contact", async () => {
    const { world, lee, linked } = await sharedScene();
    const unknown = await world.book.contacts.get(lee.id, asContactId("con_nope")).catch((e: Error) => e);
    const foreign = await world.book.contacts.get(lee.id, linked.id).catch((e: Error) => e);
    expect(unknown).toMatchObject({ code: "NOT_FOUND" });
    expect(foreign).toMatchObject({ code: "NOT_FOUND" });
  });

  it("contacts.talkAccess by someone who is not the owner is NOT_FOUND", async () => {
    const { world, lee, outsider, linked, customer } = await sharedScene();
    for (const viewer of [lee.id, outsider.id]) {
      for (const contact of [linked, customer]) {
        await expect(world.book.contacts.talkAccess(viewer, contact.id)).rejects.toMatchObject({
          code: "NOT_FOUND",
        });
      }
    }
  });

  it("contacts.list shows only the actor's own contacts; an unknown actor is UNKNOWN_ACTOR", async () => {
    const { world, sato, lee, outsider, linked, customer } = await sharedScene();
    const own = await world.book.contacts.list(sato.id);
    expect(own.items.map((entry) => entry.contact.id).sort()).toEqual([linked.id, customer.id].sort());
    expect((await world.book.contacts.list(lee.id)).items).toEqual([]);
    expect((await world.book.contacts.list(outsider.id)).items).toEqual([]);
    await expect(world.book.contacts.list(asMemberId("mem_ghost"))).rejects.toMatchObject({
      code: "UNKNOWN_ACTOR",
    });
  });

  it("contacts.list pages with limit and cursor visit every contact exactly once", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    await fillBook(world, sato.id, 11);
    const seen: Contact[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof world.book.contacts.list>> = await world.book.contacts.list(
        sato.id,
        { limit: 4, cursor },
      );
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items.map((entry) => entry.contact));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    const ids = seen.map((contact) => contact.id);
    expect(new Set(ids).size).toBe(11);
    expect(ids).toHaveLength(11);
    // R26: the book's order — by name (sort key), then id.
    const order = (c: Contact) => `${sortKeyOf(c)}\u0000${c.id}`;
    expect(seen.map(order)).toEqual(seen.map(order).sort());
  });

  it("contacts.list refuses a limit out of range", async () => {
    const world = aWorld();
    const { sato } = await twoLinkableMembers(world);
    await expect(world.book.contacts.list(sato.id, { limit: 0 })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(world.book.contacts.list(sato.id, { limit: 201 })).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });
});
