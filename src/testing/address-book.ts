import { describe, expect, it } from "vitest";
import type { Viewer } from "../domain/access.js";
import type { Tab } from "../domain/address-book.js";
import { type Contact, emptyOwnerFields } from "../domain/contact.js";
import { foldForSearch } from "../domain/folding.js";
import { asContactId, asGroupId, asMemberId } from "../domain/ids.js";
import type { Member } from "../domain/member.js";
import type { StoreTransaction } from "../ports/store.js";
import {
  aCustomer,
  aGroup,
  aLinkedContact,
  at,
  daysAfter,
  type People,
  seedPeople,
  trashedOn,
} from "./records.js";
import { allPages, bookQuery, expectedBook, type Suite, viewerOf } from "./suite.js";

const sales = asGroupId("grp_sales");

/**
 * An address book with a bit of everything: both kinds, every visibility, a group, names that
 * fold together, a trashed contact, and contacts in another organisation.
 */
async function seedBook(tx: StoreTransaction): Promise<{ people: People; contacts: Contact[] }> {
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

/** Lookups over contacts: the address book (R26–R28), trash (R32, R33), R15, R16, R29. */
export function contactLookups(suite: Suite): void {
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

  describe("contacts: keys and counts", () => {
    it("R15: findByOwnerAndTarget finds the owner's linked contact for a target, trashed or not", async () => {
      const { sato, suzuki, lee, kim } = await suite.run(async (tx) => {
        const people = await seedPeople(tx);
        await tx.contacts.insert(aLinkedContact("con_1", people.sato, people.lee));
        await tx.contacts.insert(aLinkedContact("con_2", people.sato, people.kim, { trash: trashedOn(at) }));
        await tx.contacts.insert(aCustomer("con_3", people.suzuki, "Lee"));
        return people;
      });
      await suite.run(async (tx) => {
        expect((await tx.contacts.findByOwnerAndTarget(sato.id, lee.id))?.id).toBe("con_1");
        expect((await tx.contacts.findByOwnerAndTarget(sato.id, kim.id))?.id).toBe("con_2");
        expect(await tx.contacts.findByOwnerAndTarget(lee.id, sato.id)).toBeNull();
        expect(await tx.contacts.findByOwnerAndTarget(suzuki.id, lee.id)).toBeNull();
      });
    });

    it("findByOwnerAndContactPoints finds the owner's contacts, trashed too, by phone or email (ASCII case folded), in id order", async () => {
      const { sato, suzuki } = await suite.run(async (tx) => {
        const people = await seedPeople(tx);
        const { sato, suzuki, lee } = people;
        const reachable = (phones: string[], emails: string[]) => ({
          ...emptyOwnerFields,
          familyName: "Someone",
          phones: phones.map((e164) => ({ label: null, e164, raw: e164 })),
          emails: emails.map((address) => ({ label: null, address })),
        });
        await tx.contacts.insert(
          aCustomer("con_1", sato, "", { fields: reachable(["+819012345678"], ["Yamada@Example.JP"]) }),
        );
        await tx.contacts.insert(
          aLinkedContact("con_2", sato, lee, { fields: reachable(["+81312345678"], []) }),
        );
        await tx.contacts.insert(
          aCustomer("con_3", sato, "", { fields: reachable([], ["ito@example.com"]), trash: trashedOn(at) }),
        );
        await tx.contacts.insert(
          aCustomer("con_4", sato, "", { fields: reachable([], ["ÄBC@example.com"]) }),
        );
        await tx.contacts.insert(
          aCustomer("con_5", suzuki, "", { fields: reachable(["+819012345678"], []) }),
        );
        return people;
      });
      const find = (owner: Member, phones: string[], emails: string[]) =>
        suite.run(async (tx) =>
          (await tx.contacts.findByOwnerAndContactPoints(owner.id, { phones, emails })).map((c) => c.id),
        );
      expect(await find(sato, ["+819012345678"], [])).toEqual(["con_1"]);
      expect(await find(sato, [], ["yamada@example.jp"])).toEqual(["con_1"]);
      expect(await find(sato, ["+81312345678"], ["ITO@example.COM"])).toEqual(["con_2", "con_3"]);
      expect(await find(sato, ["+819012345678", "+81312345678"], ["yamada@example.jp"])).toEqual([
        "con_1",
        "con_2",
      ]);
      // Only ASCII letters fold, as SQL's translate() does in any locale.
      expect(await find(sato, [], ["Äbc@example.com"])).toEqual(["con_4"]);
      expect(await find(sato, [], ["äbc@example.com"])).toEqual([]);
      expect(await find(suzuki, ["+819012345678"], ["yamada@example.jp"])).toEqual(["con_5"]);
      expect(await find(sato, ["+81000000000"], ["nobody@example.com"])).toEqual([]);
      expect(await find(sato, [], [])).toEqual([]);
    });

    it("findByOwnerAndContactPoints follows edits of phones and emails, owner moves, deletes and rollbacks", async () => {
      const { sato, tanaka } = await suite.run(async (tx) => {
        const people = await seedPeople(tx);
        await tx.contacts.insert(
          aCustomer("con_1", people.sato, "One", {
            fields: {
              ...emptyOwnerFields,
              familyName: "One",
              phones: [{ label: null, e164: "+819012345678", raw: "090-1234-5678" }],
            },
          }),
        );
        return people;
      });
      const find = (owner: Member, phones: string[], emails: string[]) =>
        suite.run(async (tx) =>
          (await tx.contacts.findByOwnerAndContactPoints(owner.id, { phones, emails })).map((c) => c.id),
        );
      await suite.run(async (tx) => {
        const one = (await tx.contacts.get(asContactId("con_1"))) as Contact;
        const fields = { ...one.fields, phones: [], emails: [{ label: null, address: "one@example.com" }] };
        await tx.contacts.update({ ...one, fields, version: 2 }, 1);
      });
      expect(await find(sato, ["+819012345678"], [])).toEqual([]);
      expect(await find(sato, [], ["ONE@example.com"])).toEqual(["con_1"]);
      await suite.run((tx) => tx.contacts.reassignOwner(sato.id, tanaka.id));
      expect(await find(sato, [], ["one@example.com"])).toEqual([]);
      expect(await find(tanaka, [], ["one@example.com"])).toEqual(["con_1"]);
      await expect(
        suite.run(async (tx) => {
          await tx.contacts.insert(aCustomer("con_2", tanaka, "Two"));
          throw new Error("rolled back");
        }),
      ).rejects.toThrow("rolled back");
      expect(await find(tanaka, [], ["c@example.com"])).toEqual([]);
      await suite.run((tx) => tx.contacts.delete(asContactId("con_1"), 3));
      expect(await find(tanaka, [], ["one@example.com"])).toEqual([]);
    });

    it("R16: countActive counts the organisation's contacts outside the trash, and follows changes", async () => {
      const { people } = await suite.run(seedBook);
      const count = () =>
        suite.run(async (tx) => [
          await tx.contacts.countActive(people.acme.id),
          await tx.contacts.countActive(people.globex.id),
        ]);
      expect(await count()).toEqual([12, 1]);
      await suite.run(async (tx) => {
        const one = (await tx.contacts.get(asContactId("con_01"))) as Contact;
        await tx.contacts.update({ ...one, trash: trashedOn(at), version: 2 }, 1);
        await tx.contacts.delete(asContactId("con_08"), 1);
        await tx.contacts.delete(asContactId("con_14"), 1);
      });
      expect(await count()).toEqual([11, 0]);
    });

    it("R29: sharedTargets lists the targets both owners have linked contacts for, trashed too, in id order", async () => {
      const { sato, suzuki, tanaka } = await suite.run(async (tx) => {
        const people = await seedPeople(tx);
        const { sato, suzuki, tanaka, lee, kim } = people;
        await tx.contacts.insert(aLinkedContact("con_1", sato, lee));
        await tx.contacts.insert(aLinkedContact("con_2", sato, kim, { trash: trashedOn(at) }));
        await tx.contacts.insert(aCustomer("con_3", sato, "Kim"));
        await tx.contacts.insert(aLinkedContact("con_4", suzuki, lee));
        await tx.contacts.insert(aLinkedContact("con_5", suzuki, kim));
        await tx.contacts.insert(aLinkedContact("con_6", tanaka, lee));
        await tx.contacts.insert(aCustomer("con_7", tanaka, "Kim"));
        return people;
      });
      await suite.run(async (tx) => {
        expect(await tx.contacts.sharedTargets(sato.id, suzuki.id)).toEqual(["mem_kim", "mem_lee"]);
        expect(await tx.contacts.sharedTargets(suzuki.id, sato.id)).toEqual(["mem_kim", "mem_lee"]);
        expect(await tx.contacts.sharedTargets(sato.id, tanaka.id)).toEqual(["mem_lee"]);
        expect(await tx.contacts.sharedTargets(sato.id, asMemberId("mem_nobody"))).toEqual([]);
      });
    });
  });

  describe("contacts: the trash", () => {
    async function seedTrash(tx: StoreTransaction) {
      const people = await seedPeople(tx);
      const { sato, suzuki } = people;
      const trashed = (id: string, owner: Member, purgeInDays: number) =>
        aCustomer(id, owner, id, { trash: { trashedAt: at, purgeAt: daysAfter(purgeInDays) } });
      for (const contact of [
        trashed("con_t1", sato, 5),
        trashed("con_t2", sato, 3),
        trashed("con_t3", sato, 5),
        trashed("con_t4", suzuki, 1),
        trashed("con_t5", sato, 9),
        aCustomer("con_live", sato, "Live"),
      ]) {
        await tx.contacts.insert(contact);
      }
      return people;
    }

    it("R32: listTrash pages through the owner's trash by purgeAt, then id", async () => {
      const { sato } = await suite.run(seedTrash);
      const first = await suite.run((tx) => tx.contacts.listTrash(sato.id, { after: null, limit: 2 }));
      expect(first.items.map((contact) => contact.id)).toEqual(["con_t2", "con_t1"]);
      expect(first.next).toEqual({ purgeAt: daysAfter(5), id: "con_t1" });
      const second = await suite.run((tx) => tx.contacts.listTrash(sato.id, { after: first.next, limit: 2 }));
      expect(second.items.map((contact) => contact.id)).toEqual(["con_t3", "con_t5"]);
      expect(second.next).toBeNull();
      expect(second.items[1]?.trash?.purgeAt).toEqual(daysAfter(9));
    });

    it("R33: deleteDue removes trashed contacts with purgeAt at or before now, earliest first, at most limit, and says whether more are due", async () => {
      const { sato } = await suite.run(seedTrash);
      const deleteDue = async (now: Date, limit: number) => {
        const { removed, more } = await suite.run((tx) => tx.contacts.deleteDue(now, limit));
        return { removed: removed.map((contact) => contact.id), more };
      };
      expect(await deleteDue(daysAfter(0.5), 10)).toEqual({ removed: [], more: false });
      // Of each contact, what its event names.
      expect(await suite.run((tx) => tx.contacts.deleteDue(daysAfter(1), 10))).toEqual({
        removed: [{ id: "con_t4", organisationId: "org_acme", ownerId: "mem_suzuki" }],
        more: false,
      });
      expect(await deleteDue(new Date(daysAfter(3).getTime() - 1), 10)).toEqual({ removed: [], more: false });
      expect(await deleteDue(daysAfter(5), 2)).toEqual({ removed: ["con_t2", "con_t1"], more: true });
      expect(await deleteDue(daysAfter(5), 1)).toEqual({ removed: ["con_t3"], more: false });
      await suite.run(async (tx) => {
        for (const id of ["con_t1", "con_t2", "con_t3", "con_t4"])
          expect(await tx.contacts.get(asContactId(id))).toBeNull();
        expect(await tx.contacts.get(asContactId("con_live"))).not.toBeNull();
        const left = await tx.contacts.listTrash(sato.id, { after: null, limit: 10 });
        expect(left.items.map((contact) => contact.id)).toEqual(["con_t5"]);
      });
    });
  });
}
