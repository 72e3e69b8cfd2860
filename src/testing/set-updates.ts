import { describe, expect, it } from "vitest";
import type { Viewer } from "../domain/access.js";
import type { Contact, LinkedContact } from "../domain/contact.js";
import { foldForSearch } from "../domain/folding.js";
import { asGroupId, type ContactId } from "../domain/ids.js";
import type { StoreTransaction } from "../ports/store.js";
import { aCustomer, aGroup, aLinkedContact, at, seedPeople, trashedOn } from "./records.js";
import { allPages, bookQuery, expectedBook, expectRefusal, type Suite, viewerOf } from "./suite.js";

const sales = asGroupId("grp_sales");
const support = asGroupId("grp_support");

async function readAll(tx: StoreTransaction, ids: readonly ContactId[]): Promise<Contact[]> {
  const contacts: Contact[] = [];
  for (const id of ids) {
    const contact = await tx.contacts.get(id);
    if (contact !== null) contacts.push(contact);
  }
  return contacts;
}

/**
 * After a set-wide update, the book still lists and matches exactly what sortKeyOf,
 * searchTextOf and canSee say of the contacts as they now are.
 */
async function expectBookAgrees(
  suite: Suite,
  viewer: Viewer,
  all: readonly Contact[],
  texts: readonly string[],
): Promise<void> {
  const contacts = await suite.run((tx) =>
    readAll(
      tx,
      all.map((contact) => contact.id),
    ),
  );
  for (const text of [null, ...texts.map(foldForSearch)]) {
    const query = bookQuery(viewer, { text });
    expect((await allPages(suite, query, 2)).flat()).toEqual(expectedBook(contacts, query));
  }
}

/** Set-wide updates (R23, R29 and group clean-up): one call, many contacts, versions as specified. */
export function setWideUpdates(suite: Suite): void {
  describe("set-wide updates", () => {
    async function seedLinks(tx: StoreTransaction) {
      const people = await seedPeople(tx);
      const { sato, suzuki, lee, kim } = people;
      const synced = { nickname: "Minnie", company: "Globex", photoUrl: null };
      await tx.contacts.insert(aLinkedContact("con_1", sato, lee, { synced }));
      await tx.contacts.insert(aLinkedContact("con_2", suzuki, lee, { synced, trash: trashedOn(at) }));
      await tx.contacts.insert(aLinkedContact("con_3", sato, kim, { synced: { ...synced, nickname: "Ji" } }));
      await tx.contacts.insert(
        aCustomer("con_4", sato, "Minnie", {
          profile: { nickname: "Minnie", company: "Globex", photoUrl: null },
        }),
      );
      return { people, before: await readAll(tx, ["con_1", "con_2", "con_3", "con_4"] as ContactId[]) };
    }

    it("R23: syncMember sets nickname and photo on every contact linked to the member, trashed too; versions stay", async () => {
      const { people, before } = await suite.run(seedLinks);
      // Queried before as well as after: whatever a store keeps for queries must follow the sync.
      await expectBookAgrees(suite, viewerOf(people.sato), before, ["ミン", "minnie", "globex"]);
      const synced = { nickname: "ミン", photoUrl: "https://img.example.com/lee-2.png" };
      expect(await suite.run((tx) => tx.contacts.syncMember(people.lee.id, synced))).toBe(2);
      const after = await suite.run((tx) =>
        readAll(
          tx,
          before.map((contact) => contact.id),
        ),
      );
      const [one, two, three, four] = before as [LinkedContact, LinkedContact, Contact, Contact];
      expect(after).toEqual([
        { ...one, synced: { ...one.synced, ...synced } },
        { ...two, synced: { ...two.synced, ...synced } },
        three,
        four,
      ]);
      // R28: the book matches the new nickname, not the old one.
      await expectBookAgrees(suite, viewerOf(people.sato), before, ["ミン", "minnie", "globex"]);
    });

    it("R23: syncCompany sets the company on every contact linked to a member of the organisation", async () => {
      const { people, before } = await suite.run(seedLinks);
      await expectBookAgrees(suite, viewerOf(people.sato), before, ["グローベックス", "globex"]);
      expect(await suite.run((tx) => tx.contacts.syncCompany(people.globex.id, "グローベックス"))).toBe(3);
      const after = await suite.run((tx) =>
        readAll(
          tx,
          before.map((contact) => contact.id),
        ),
      );
      const [one, two, three, four] = before as [LinkedContact, LinkedContact, LinkedContact, Contact];
      const company = "グローベックス";
      expect(after).toEqual([
        { ...one, synced: { ...one.synced, company } },
        { ...two, synced: { ...two.synced, company } },
        { ...three, synced: { ...three.synced, company } },
        four,
      ]);
      expect(await suite.run((tx) => tx.contacts.syncCompany(people.acme.id, "Acme"))).toBe(0);
      await expectBookAgrees(suite, viewerOf(people.sato), before, ["グローベックス", "globex"]);
    });

    it("R29: reassignOwner moves every contact of one owner, trashed too, to another, each one version up", async () => {
      const { people, before } = await suite.run(async (tx) => {
        const seeded = await seedLinks(tx);
        await tx.contacts.insert(aCustomer("con_5", seeded.people.sato, "Old", { trash: trashedOn(at) }));
        return { ...seeded, before: [...seeded.before, ...(await readAll(tx, ["con_5" as ContactId]))] };
      });
      const { sato, tanaka, lee } = people;
      expect(await suite.run((tx) => tx.contacts.reassignOwner(sato.id, tanaka.id))).toBe(4);
      const after = await suite.run((tx) =>
        readAll(
          tx,
          before.map((contact) => contact.id),
        ),
      );
      expect(after).toEqual(
        before.map((contact) =>
          contact.ownerId === sato.id
            ? { ...contact, ownerId: tanaka.id, version: contact.version + 1 }
            : contact,
        ),
      );
      await suite.run(async (tx) => {
        expect((await tx.contacts.findByOwnerAndTarget(tanaka.id, lee.id))?.id).toBe("con_1");
        expect(await tx.contacts.findByOwnerAndTarget(sato.id, lee.id)).toBeNull();
        expect(
          (await tx.contacts.listTrash(tanaka.id, { after: null, limit: 10 })).items.map((c) => c.id),
        ).toEqual(["con_5"]);
      });
      await expectBookAgrees(suite, viewerOf(tanaka), before, ["minnie"]);
      await expectBookAgrees(suite, viewerOf(sato), before, []);
    });

    it("R15, R29: reassignOwner onto an owner who has a contact for the same target is a CONFLICT", async () => {
      const { people, before } = await suite.run(seedLinks);
      await expectRefusal(
        suite.run((tx) => tx.contacts.reassignOwner(people.sato.id, people.suzuki.id)),
        "CONFLICT",
      );
      expect(
        await suite.run((tx) =>
          readAll(
            tx,
            before.map((contact) => contact.id),
          ),
        ),
      ).toEqual(before);
    });

    async function seedGroups(tx: StoreTransaction) {
      const people = await seedPeople(tx);
      const { acme, sato, suzuki, tanaka } = people;
      await tx.groups.insert(aGroup(sales, acme.id, [tanaka.id]));
      await tx.groups.insert(aGroup(support, acme.id, [suzuki.id]));
      const contacts = [
        aCustomer("con_1", sato, "One", {
          groups: [sales, support],
          sharing: {
            visibility: "members",
            members: [suzuki.id, tanaka.id],
            groups: [sales],
            coEditing: true,
          },
        }),
        aCustomer("con_2", sato, "Two", {
          groups: [support],
          sharing: {
            visibility: "members",
            members: [suzuki.id],
            groups: [sales, support],
            coEditing: false,
          },
        }),
        aCustomer("con_3", sato, "Three", { groups: [sales], trash: trashedOn(at) }),
        aCustomer("con_4", sato, "Four", {
          groups: [support],
          sharing: { visibility: "organisation", coEditing: false },
        }),
        aCustomer("con_5", sato, "Five", {
          sharing: { visibility: "members", members: [tanaka.id], groups: [], coEditing: false },
        }),
      ];
      for (const contact of contacts) await tx.contacts.insert(contact);
      return { people, before: contacts as Contact[] };
    }

    it("R27: removeGroup takes a group out of every contact's groups and sharing; versions stay", async () => {
      const { people, before } = await suite.run(seedGroups);
      expect(await suite.run((tx) => tx.contacts.removeGroup(sales))).toBe(3);
      const after = await suite.run((tx) =>
        readAll(
          tx,
          before.map((contact) => contact.id),
        ),
      );
      const [one, two, three, four, five] = before as [Contact, Contact, Contact, Contact, Contact];
      expect(after).toEqual([
        { ...one, groups: [support], sharing: { ...one.sharing, groups: [] } },
        { ...two, sharing: { ...two.sharing, groups: [support] } },
        { ...three, groups: [] },
        four,
        five,
      ]);
      const inSales = await suite.run((tx) =>
        tx.contacts.listBook(bookQuery(viewerOf(people.sato), { group: sales })),
      );
      expect(inSales.items).toEqual([]);
      await expectBookAgrees(suite, viewerOf(people.tanaka, [sales]), before, []);
    });

    it("R29: removeSharedMember takes a member out of every contact's sharing; versions stay", async () => {
      const { people, before } = await suite.run(seedGroups);
      const { suzuki } = people;
      expect(await suite.run((tx) => tx.contacts.removeSharedMember(suzuki.id))).toBe(2);
      const after = await suite.run((tx) =>
        readAll(
          tx,
          before.map((contact) => contact.id),
        ),
      );
      const [one, two, ...rest] = before as [Contact, Contact, ...Contact[]];
      expect(after).toEqual([
        { ...one, sharing: { ...one.sharing, members: [people.tanaka.id] } },
        { ...two, sharing: { ...two.sharing, members: [] } },
        ...rest,
      ]);
      await expectBookAgrees(suite, viewerOf(suzuki), before, []);
      await expectBookAgrees(suite, viewerOf(suzuki, [sales]), before, []);
    });
  });
}
