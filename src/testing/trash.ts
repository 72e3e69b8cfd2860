import { describe, expect, it } from "vitest";
import { asContactId } from "../domain/ids.js";
import type { Member } from "../domain/member.js";
import type { StoreTransaction } from "../ports/store.js";
import { aCustomer, at, daysAfter, seedPeople } from "./records.js";
import type { Suite } from "./suite.js";

/** The trash as a store lists and purges it (R32, R33). */
export function trashLookups(suite: Suite): void {
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
