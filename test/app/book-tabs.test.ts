import { describe, expect, it } from "vitest";
import { aBookWithColleagues, allIds, idsOn } from "./book-world.js";

describe("R26: the two tabs", () => {
  it("R26: the customers tab lists own customer and linked contacts and colleagues' contacts shared with the viewer", async () => {
    const book = await aBookWithColleagues();
    const ids = await allIds(book.world, book.sato.id);
    expect(new Set(ids)).toEqual(
      new Set([book.own.id, book.ownLinked.id, book.forEveryone.id, book.forSato.id]),
    );
    expect(ids).toHaveLength(4);
  });

  it("R26: customers is the default tab", async () => {
    const book = await aBookWithColleagues();
    expect(await idsOn(book.world, book.sato.id)).toEqual(
      await idsOn(book.world, book.sato.id, { tab: "customers" }),
    );
  });

  it("R26: the external tab lists only linked contacts, own and shared", async () => {
    const book = await aBookWithColleagues();
    const ids = await allIds(book.world, book.sato.id, { tab: "external" });
    expect(new Set(ids)).toEqual(new Set([book.ownLinked.id, book.forSato.id]));
    expect(ids).toHaveLength(2);
  });

  it("R26: an entry carries the external mark exactly when the contact is linked", async () => {
    const book = await aBookWithColleagues();
    const { items } = await book.world.book.contacts.list(book.sato.id);
    for (const entry of items) expect(entry.external).toBe(entry.contact.kind === "linked");
    expect(items.filter((entry) => entry.external)).toHaveLength(2);
  });

  it("R27: an entry says whether the viewer may edit it", async () => {
    const book = await aBookWithColleagues();
    const { items } = await book.world.book.contacts.list(book.sato.id);
    const editable = Object.fromEntries(items.map((entry) => [entry.contact.id, entry.editable]));
    expect(editable).toEqual({
      [book.own.id]: true,
      [book.ownLinked.id]: true,
      [book.forSato.id]: true,
      [book.forEveryone.id]: false,
    });
  });

  it("R26: each member of the organisation sees their own view of the same contacts", async () => {
    const book = await aBookWithColleagues();
    const adminIds = await allIds(book.world, book.acme.admin.id);
    expect(new Set(adminIds)).toEqual(new Set([book.forEveryone.id, book.forSomeoneElse.id]));
  });

  it("R26: a member of another organisation sees none of these contacts", async () => {
    const book = await aBookWithColleagues();
    expect(await allIds(book.world, book.kim.id)).toEqual([]);
    expect(await allIds(book.world, book.lee.id)).toEqual([]);
  });
});
