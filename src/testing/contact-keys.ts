import { describe, expect, it } from "vitest";
import { type Contact, emptyOwnerFields } from "../domain/contact.js";
import { asContactId, asMemberId } from "../domain/ids.js";
import type { Member } from "../domain/member.js";
import { seedBook } from "./address-book.js";
import { aCustomer, aLinkedContact, at, seedPeople, trashedOn } from "./records.js";
import type { Suite } from "./suite.js";

/** Lookups by key, and counts: R15, R16, R29, and the import's contact points. */
export function contactKeyLookups(suite: Suite): void {
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
}
