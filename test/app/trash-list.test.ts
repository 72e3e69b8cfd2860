import { describe, expect, it } from "vitest";
import type { ContactId, MemberId } from "../../src/index.js";
import type { World } from "../support/builders.js";
import { aCustomer, aTrashWorld, trashed } from "./trash-world.js";

describe("R32: trash.list pages", () => {
  /** Seven of sato's contacts trashed at different moments, two of them at the same instant. */
  async function aFullTrash() {
    const setup = await aTrashWorld();
    const { world, sato } = setup;
    const ids: ContactId[] = [];
    for (let i = 0; i < 6; i++) ids.push((await world.book.contacts.addCustomer(sato.id, aCustomer())).id);
    const all = [setup.contact.id, ...ids];
    const entries = [];
    for (const [i, id] of all.entries()) {
      if (i !== 3) world.clock.advance(i * 3_600_000);
      entries.push(await world.book.trash.delete(sato.id, id));
    }
    const expected = [...entries]
      .sort((a, b) => a.purgeAt.getTime() - b.purgeAt.getTime() || (a.contact.id < b.contact.id ? -1 : 1))
      .map((entry) => entry.contact.id);
    return { ...setup, expected, entries };
  }

  async function allPages(world: World, actor: MemberId, limit: number) {
    const pages: ContactId[][] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<World["book"]["trash"]["list"]>> = await world.book.trash.list(actor, {
        limit,
        cursor,
      });
      pages.push(page.items.map((entry) => entry.contact.id));
      cursor = page.nextCursor;
    } while (cursor !== null && pages.length < 20);
    return pages;
  }

  it("R32: pages with a cursor go soonest-gone first, never skipping or repeating a contact", async () => {
    const { world, sato, expected } = await aFullTrash();
    for (const limit of [1, 2, 3, 7, 50]) {
      const pages = await allPages(world, sato.id, limit);
      expect(pages.flat()).toEqual(expected);
      expect(pages.every((page) => page.length <= limit)).toBe(true);
      expect(pages.length).toBe(Math.max(1, Math.ceil(expected.length / limit)));
    }
  });

  it("R33: a contact whose purgeAt passes between two pages is not on the next one", async () => {
    const { world, sato, expected, entries } = await aFullTrash();
    const first = await world.book.trash.list(sato.id, { limit: 2 });
    expect(first.items.map((entry) => entry.contact.id)).toEqual(expected.slice(0, 2));
    // The third and fourth were deleted at the same instant: both are gone at its purgeAt.
    const third = entries.find((entry) => entry.contact.id === expected[2])?.purgeAt as Date;
    expect(entries.filter((entry) => entry.purgeAt.getTime() === third.getTime())).toHaveLength(2);
    world.clock.set(third);
    const second = await world.book.trash.list(sato.id, { limit: 50, cursor: first.nextCursor });
    expect(second.items.map((entry) => entry.contact.id)).toEqual(expected.slice(4));
    expect((await allPages(world, sato.id, 2)).flat()).toEqual(expected.slice(4));
  });

  it("R32: a cursor the trash did not give out is VALIDATION, and so is a bad limit", async () => {
    const { world, sato } = await aFullTrash();
    await expect(world.book.trash.list(sato.id, { cursor: "not a cursor" })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(world.book.trash.list(sato.id, { cursor: "yesterday|con_1" })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(world.book.trash.list(sato.id, { limit: 0 })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("R32: each owner sees only their own trash", async () => {
    const { world, sato, kato, expected } = await aFullTrash();
    const katos = await world.book.contacts.addCustomer(kato.id, aCustomer());
    await world.book.trash.delete(kato.id, katos.id);
    expect(await trashed(world, kato.id)).toEqual([katos.id]);
    expect(await trashed(world, sato.id)).toEqual(expected);
  });
});
