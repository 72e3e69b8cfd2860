import { describe, expect, it } from "vitest";
import type { BookPosition } from "../../src/domain/address-book.js";
import type { CustomerContact } from "../../src/domain/contact.js";
import { asContactId, type BookPage, type ContactId, type MemberId } from "../../src/index.js";
import { type MemoryStore, memoryStore } from "../../src/memory.js";
import {
  aCustomerRecord,
  aMemberRecord,
  anOrganisationRecord,
  kim,
  org1,
  org2,
  ownBook,
  sato,
  trashed,
} from "./memory-store-world.js";

describe("listing and counting contacts", () => {
  async function aBook(): Promise<MemoryStore> {
    const store = memoryStore();
    await store.transaction(async (tx) => {
      await tx.organisations.insert(anOrganisationRecord(org1));
      await tx.members.insert(aMemberRecord(sato, org1));
      await tx.members.insert(aMemberRecord(kim, org1));
      for (const id of ["con_e", "con_b", "con_a", "con_d"]) {
        await tx.contacts.insert(aCustomerRecord(id, sato, org1));
      }
      await tx.contacts.insert(aCustomerRecord("con_c", sato, org1, { trash: trashed }));
      await tx.contacts.insert(aCustomerRecord("con_f", kim, org1));
    });
    return store;
  }

  async function allPages(store: MemoryStore, owner: MemberId, limit: number): Promise<ContactId[][]> {
    const pages: ContactId[][] = [];
    let cursor: BookPosition | null = null;
    do {
      const after: BookPosition | null = cursor;
      const page: BookPage = await store.transaction((tx) => ownBook(tx, owner, after, limit));
      pages.push(page.items.map((contact) => contact.id));
      cursor = page.next;
    } while (cursor !== null && pages.length < 10);
    return pages;
  }

  it("R26: listBook pages through the owner's live contacts in name order, then id", async () => {
    const store = await aBook();
    expect(await allPages(store, sato, 2)).toEqual([
      ["con_a", "con_b"],
      ["con_d", "con_e"],
    ]);
    expect(await allPages(store, sato, 3)).toEqual([["con_a", "con_b", "con_d"], ["con_e"]]);
    expect(await allPages(store, kim, 10)).toEqual([["con_f"]]);
  });

  it("R31: listBook excludes trashed contacts and lists them again once restored", async () => {
    const store = await aBook();
    await store.transaction(async (tx) => {
      const b = (await tx.contacts.get(asContactId("con_b"))) as CustomerContact;
      await tx.contacts.update({ ...b, trash: trashed, version: 2 }, 1);
    });
    expect(await allPages(store, sato, 10)).toEqual([["con_a", "con_d", "con_e"]]);
    await store.transaction(async (tx) => {
      const c = (await tx.contacts.get(asContactId("con_c"))) as CustomerContact;
      await tx.contacts.update({ ...c, trash: null, version: 2 }, 1);
    });
    expect(await allPages(store, sato, 10)).toEqual([["con_a", "con_c", "con_d", "con_e"]]);
  });

  it("listBook continues after a position whose contact has since gone to the trash", async () => {
    const store = await aBook();
    const page = await store.transaction((tx) =>
      ownBook(tx, sato, { sortKey: "customercon_c", id: asContactId("con_c") }, 10),
    );
    expect(page.items.map((contact) => contact.id)).toEqual(["con_d", "con_e"]);
    expect(page.next).toBeNull();
  });

  it("R16: countActive counts the organisation's contacts that are not in the trash", async () => {
    const store = await aBook();
    expect(await store.transaction((tx) => tx.contacts.countActive(org1))).toBe(5);
    expect(await store.transaction((tx) => tx.contacts.countActive(org2))).toBe(0);
    await store.transaction(async (tx) => {
      const a = (await tx.contacts.get(asContactId("con_a"))) as CustomerContact;
      await tx.contacts.update({ ...a, trash: trashed, version: 2 }, 1);
    });
    expect(await store.transaction((tx) => tx.contacts.countActive(org1))).toBe(4);
  });
});
