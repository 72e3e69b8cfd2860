import { describe, expect, it } from "vitest";
import type { Viewer } from "../domain/access.js";
import type { Tab } from "../domain/address-book.js";
import { type Contact, emptyOwnerFields } from "../domain/contact.js";
import { foldForSearch } from "../domain/folding.js";
import { asContactId, asGroupId } from "../domain/ids.js";
import type { StoreTransaction } from "../ports/store.js";
import { aCustomer, aGroup, aLinkedContact, at, type People, seedPeople, trashedOn } from "./records.js";
import { allPages, bookQuery, expectedBook, type Suite, viewerOf } from "./suite.js";

const sales = asGroupId("grp_sales");

/**
 * An address book with a bit of everything: both kinds, every visibility, a group, names that
 * fold together, a trashed contact, and contacts in another organisation.
 */
export async function seedBook(tx: StoreTransaction): Promise<{ people: People; contacts: Contact[] }> {
  const people = await seedPeople(tx);
  const { acme, sato, suzuki, tanaka, lee, kim } = people;
  await tx.groups.insert(aGroup(sales, acme.id, [tanaka.id], { name: "Sales" }));
  const shared = { coEditing: false } as const;
  const contacts: Contact[] = [
    aCustomer("con_01", sato, "unused", {
      fields: {
        ...emptyOwnerFields,
        familyName: "山田",
        familyNameReading: "ヤマダ",
        memo: "展示会で名刺交換",
      },
    }),
    aLinkedContact("con_02", sato, lee, { synced: { nickname: "Min", company: "Globex", photoUrl: null } }),
    aCustomer("con_03", sato, "やまだ", { groups: [sales] }),
    aCustomer("con_04", sato, "ﾔﾏﾀﾞ", { sharing: { visibility: "organisation", ...shared } }),
    aCustomer("con_05", sato, "Ōno", {
      sharing: { visibility: "members", members: [suzuki.id], groups: [], ...shared },
    }),
    aCustomer("con_06", sato, "zed", {
      groups: [sales],
      sharing: { visibility: "members", members: [], groups: [sales], ...shared },
    }),
    aLinkedContact("con_07", sato, kim, {
      groups: [sales],
      sharing: { visibility: "organisation", ...shared },
    }),
    aCustomer("con_08", sato, "Trashed", {
      sharing: { visibility: "organisation", ...shared },
      trash: trashedOn(at),
    }),
    aCustomer("con_09", sato, "_under", {
      fields: { ...emptyOwnerFields, familyName: "_under", department: "営業部", phones: [] },
      sharing: { visibility: "organisation", ...shared },
    }),
    aCustomer("con_10", sato, "unused", {
      fields: { ...emptyOwnerFields, emails: [{ label: null, address: "info@acme.example" }] },
      profile: { nickname: null, company: "㈱アクメ", photoUrl: null },
    }),
    aCustomer("con_11", suzuki, "Abe"),
    aCustomer("con_12", suzuki, "Baba", { sharing: { visibility: "organisation", ...shared } }),
    aLinkedContact("con_13", suzuki, lee, {
      sharing: { visibility: "members", members: [sato.id], groups: [], ...shared },
    }),
    aCustomer("con_14", lee, "Outsider", { sharing: { visibility: "organisation", ...shared } }),
  ];
  for (const contact of contacts) await tx.contacts.insert(contact);
  return { people, contacts };
}

/** The ids of the contacts a query typed by `viewer` matches, sorted. */
function matchingFor(suite: Suite, viewer: Viewer): (typed: string) => Promise<string[]> {
  return async (typed) =>
    (await suite.run((tx) => tx.contacts.listBook(bookQuery(viewer, { text: foldForSearch(typed) })))).items
      .map((contact) => contact.id)
      .sort();
}

/** The address book as a store lists it: tabs, visibility, groups, text, pages (R26–R28, R31). */
export function addressBookLookups(suite: Suite): void {
  describe("contacts: the address book", () => {
    it("R26: the customers tab lists both kinds, the external tab only linked contacts", async () => {
      const { people } = await suite.run(seedBook);
      const sato = viewerOf(people.sato);
      const page = (tab: Tab) => suite.run((tx) => tx.contacts.listBook(bookQuery(sato, { tab })));
      expect((await page("external")).items.map((contact) => contact.id)).toEqual([
        "con_07",
        "con_02",
        "con_13",
      ]);
      const customers = (await page("customers")).items;
      expect(customers.map((contact) => contact.kind)).toContain("customer");
      expect(customers.map((contact) => contact.id)).toContain("con_02");
    });

    it("R27: each viewer sees their own contacts and what is shared with them, nothing else", async () => {
      const { people } = await suite.run(seedBook);
      const ids = async (viewer: Viewer) =>
        (await suite.run((tx) => tx.contacts.listBook(bookQuery(viewer)))).items
          .map((contact) => contact.id)
          .sort();
      expect(await ids(viewerOf(people.suzuki))).toEqual([
        "con_04",
        "con_05",
        "con_07",
        "con_09",
        "con_11",
        "con_12",
        "con_13",
      ]);
      expect(await ids(viewerOf(people.tanaka, [sales]))).toEqual([
        "con_04",
        "con_06",
        "con_07",
        "con_09",
        "con_12",
      ]);
      expect(await ids(viewerOf(people.tanaka))).toEqual(["con_04", "con_07", "con_09", "con_12"]);
      // Sharing with the organisation is the owner's organisation only.
      expect(await ids(viewerOf(people.sato))).not.toContain("con_14");
      expect(await ids(viewerOf(people.kim))).toEqual(["con_14"]);
    });

    it("R27: the group filter lists the group's contacts that the viewer may see", async () => {
      const { people } = await suite.run(seedBook);
      const inSales = async (viewer: Viewer) =>
        (await suite.run((tx) => tx.contacts.listBook(bookQuery(viewer, { group: sales })))).items.map(
          (contact) => contact.id,
        );
      expect(await inSales(viewerOf(people.sato))).toEqual(["con_07", "con_06", "con_03"]);
      expect(await inSales(viewerOf(people.tanaka, [sales]))).toEqual(["con_07", "con_06"]);
      expect(await inSales(viewerOf(people.suzuki))).toEqual(["con_07"]);
    });

    it("R28: the text query matches folded names, readings, nickname, company, department and memo", async () => {
      const { people } = await suite.run(seedBook);
      const sato = viewerOf(people.sato);
      const matching = matchingFor(suite, sato);
      expect(await matching("ﾔﾏﾀﾞ")).toEqual(["con_01", "con_03", "con_04"]);
      expect(await matching("山田")).toEqual(["con_01"]);
      expect(await matching("min")).toEqual(["con_02", "con_13"]);
      expect(await matching("ＧＬＯＢＥＸ")).toEqual(["con_02"]);
      expect(await matching("株式会社アクメ")).toEqual(["con_10"]);
      expect(await matching("営業")).toEqual(["con_09"]);
      expect(await matching("名刺")).toEqual(["con_01"]);
      expect(await matching("_")).toEqual(["con_09"]);
      expect(await matching("%")).toEqual([]);
      expect(await matching("nobody")).toEqual([]);
    });

    it("R28: a query follows updates that move a contact nowhere (a memo, a customer's company), asked before and after", async () => {
      const { people } = await suite.run(seedBook);
      const sato = viewerOf(people.sato);
      const matching = matchingFor(suite, sato);
      // Asked first, so that whatever a store keeps to answer queries is there before the updates.
      expect(await matching("ゴルフ")).toEqual([]);
      expect(await matching("名刺")).toEqual(["con_01"]);
      await suite.run(async (tx) => {
        // A customer's memo, a linked contact's memo, a customer's company: none moves it.
        const changes: [string, (contact: Contact) => Contact][] = [
          ["con_01", (c) => ({ ...c, fields: { ...c.fields, memo: "ゴルフ" } })],
          ["con_02", (c) => ({ ...c, fields: { ...c.fields, memo: "ゴルフ仲間" } })],
          [
            "con_09",
            (c) => (c.kind === "customer" ? { ...c, profile: { ...c.profile, company: "ゴルフ用品" } } : c),
          ],
        ];
        for (const [id, change] of changes) {
          const stored = (await tx.contacts.get(asContactId(id))) as Contact;
          await tx.contacts.update({ ...change(stored), version: stored.version + 1 }, stored.version);
        }
      });
      expect(await matching("ゴルフ")).toEqual(["con_01", "con_02", "con_09"]);
      expect(await matching("名刺")).toEqual([]);
    });

    it("R28: a text query never matches across the end of one field and the start of the next", async () => {
      const { sato } = await suite.run(async (tx) => {
        const people = await seedPeople(tx);
        await tx.contacts.insert(
          aCustomer("con_ab", people.sato, "ab", {
            fields: {
              ...emptyOwnerFields,
              familyName: "ab",
              department: "cd",
              emails: [{ label: null, address: "x@example.com" }],
            },
          }),
        );
        return people;
      });
      const find = (text: string) =>
        suite.run((tx) => tx.contacts.listBook(bookQuery(viewerOf(sato), { text })));
      expect((await find("bc")).items).toEqual([]);
      expect((await find("cd")).items.map((contact) => contact.id)).toEqual(["con_ab"]);
    });

    it("R26–R28: every viewer, tab, group and text pages exactly as sortKeyOf, canSee and searchTextOf say", async () => {
      const { people, contacts } = await suite.run(seedBook);
      const viewers = [
        viewerOf(people.sato),
        viewerOf(people.suzuki, ["grp_other"]),
        viewerOf(people.tanaka, [sales]),
        viewerOf(people.kim),
      ];
      for (const viewer of viewers) {
        for (const tab of ["customers", "external"] as const) {
          for (const group of [null, sales]) {
            for (const text of [null, "やまだ", "a"]) {
              const query = bookQuery(viewer, { tab, group, text });
              const pages = await allPages(suite, query, 2);
              expect(pages.flat(), JSON.stringify({ viewer: viewer.memberId, tab, group, text })).toEqual(
                expectedBook(contacts, query),
              );
            }
          }
        }
      }
    });

    it("R26: pages follow (sortKey, id) in JavaScript string order; equal sort keys go by id", async () => {
      const { people } = await suite.run(seedBook);
      const pages = await allPages(suite, bookQuery(viewerOf(people.sato)), 3);
      // "_" < Latin < "ō" < hiragana < kanji, by code unit (a language's collation would put "ōno"
      // before "zed" and may ignore "_"); やまだ, ﾔﾏﾀﾞ and 山田 read ヤマダ fold alike, so ids decide.
      expect(pages).toEqual([
        ["con_09", "con_12", "con_07"],
        ["con_02", "con_13", "con_06"],
        ["con_05", "con_01", "con_03"],
        ["con_04", "con_10"],
      ]);
    });

    it("R26: a listing continues after a position whose contact has since been deleted or trashed", async () => {
      const { people } = await suite.run(seedBook);
      const sato = viewerOf(people.sato);
      const first = await suite.run((tx) => tx.contacts.listBook(bookQuery(sato, { limit: 6 })));
      expect(first.next?.id).toBe("con_06");
      await suite.run(async (tx) => {
        await tx.contacts.delete(asContactId("con_06"), 1);
        const five = (await tx.contacts.get(asContactId("con_05"))) as Contact;
        await tx.contacts.update({ ...five, trash: trashedOn(at), version: 2 }, 1);
      });
      const rest = await suite.run((tx) => tx.contacts.listBook(bookQuery(sato, { after: first.next })));
      expect(rest.items.map((contact) => contact.id)).toEqual(["con_01", "con_03", "con_04", "con_10"]);
      expect(rest.next).toBeNull();
    });

    it("R31: a trashed contact is in no listing; restored, it is back in its place", async () => {
      const { people } = await suite.run(seedBook);
      const suzuki = viewerOf(people.suzuki);
      const ids = async () =>
        (await suite.run((tx) => tx.contacts.listBook(bookQuery(suzuki)))).items.map((contact) => contact.id);
      expect(await ids()).not.toContain("con_08");
      await suite.run(async (tx) => {
        const trashed = (await tx.contacts.get(asContactId("con_08"))) as Contact;
        await tx.contacts.update({ ...trashed, trash: null, version: 2 }, 1);
      });
      expect(await ids()).toContain("con_08");
    });
  });
}
