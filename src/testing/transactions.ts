import { describe, expect, it } from "vitest";
import type { Contact } from "../domain/contact.js";
import { asContactId, asGroupId, asMemberId, asOrganisationId } from "../domain/ids.js";
import type { Member } from "../domain/member.js";
import type { StoreTransaction } from "../ports/store.js";
import {
  aCustomer,
  aGroup,
  aLinkedContact,
  aMember,
  anEvent,
  anInvitation,
  anOrganisation,
  appendEvent,
  at,
  eventLog,
  seedPeople,
  trashedOn,
} from "./records.js";
import { bookQuery, expectRefusal, pause, type Suite } from "./suite.js";

const acmeId = asOrganisationId("org_acme");
const farFuture = new Date("2100-01-01T00:00:00Z");
const satoId = asMemberId("mem_sato");

/** A seeded store with one of each record. */
async function seed(tx: StoreTransaction) {
  const people = await seedPeople(tx);
  const { acme, sato, suzuki, lee } = people;
  await tx.groups.insert(aGroup("grp_1", acme.id, [sato.id, suzuki.id]));
  await tx.contacts.insert(aLinkedContact("con_1", sato, lee));
  await tx.contacts.insert(aCustomer("con_2", sato, "Customer"));
  await tx.invitations.insert(anInvitation("inv_1", sato));
  await tx.qrCodes.set(sato.id, { generation: 1, tokenHash: "sato-hash" });
  await tx.events.appendAll([anEvent("evt_seed")]);
  return people;
}

/** Everything every lookup answers, for the seeded store and what a transaction might add. */
async function observe(tx: StoreTransaction) {
  const viewer = { memberId: satoId, organisationId: acmeId, groupIds: new Set([asGroupId("grp_1")]) };
  return {
    organisations: [
      await tx.organisations.get(acmeId),
      await tx.organisations.get(asOrganisationId("org_new")),
    ],
    members: [await tx.members.get(satoId), await tx.members.get(asMemberId("mem_new"))],
    byWorksId: [
      await tx.members.findByWorksId("mem_sato@works"),
      await tx.members.findByWorksId("new@works"),
    ],
    byPhone: await tx.members.findByPhone("+819011112222"),
    byEmail: await tx.members.findByEmail("new@example.com"),
    groups: await tx.groups.listByOrganisation(acmeId),
    groupsOfSato: await tx.groups.listByMember(satoId),
    contacts: [
      await tx.contacts.get(asContactId("con_1")),
      await tx.contacts.get(asContactId("con_2")),
      await tx.contacts.get(asContactId("con_new")),
    ],
    pair: await tx.contacts.findByOwnerAndTarget(satoId, asMemberId("mem_kim")),
    active: await tx.contacts.countActive(acmeId),
    book: await tx.contacts.listBook(bookQuery(viewer)),
    trash: await tx.contacts.listTrash(satoId, { after: null, limit: 10 }),
    invitations: await tx.invitations.listByInviter(satoId),
    byTokenHash: await tx.invitations.findByTokenHash("hash-new"),
    qr: [await tx.qrCodes.get(satoId), await tx.qrCodes.findMember("new-hash")],
    events: await tx.events.list({ organisationId: eventLog, after: 0, limit: 100 }),
  };
}

/** Writes to every repository, and to every index a lookup reads. */
async function writeEverything(tx: StoreTransaction): Promise<void> {
  const sato = (await tx.members.get(satoId)) as Member;
  await tx.organisations.insert(anOrganisation("org_new"));
  const acme = await tx.organisations.get(acmeId);
  if (acme !== null) await tx.organisations.update({ ...acme, name: "Renamed", version: 2 }, 1);
  await tx.members.insert(
    aMember("mem_new", acmeId, {
      worksId: "new@works",
      email: "New@Example.com",
      mobilePhone: { e164: "+819011112222", raw: "090-1111-2222" },
    }),
  );
  await tx.members.update({ ...sato, worksId: "renamed@works", version: 2 }, 1);
  await tx.groups.insert(aGroup("grp_new", acmeId, [satoId]));
  await tx.groups.delete(asGroupId("grp_1"), 1);
  await tx.contacts.insert(
    aLinkedContact("con_new", sato, aMember("mem_kim", asOrganisationId("org_globex"))),
  );
  const customer = (await tx.contacts.get(asContactId("con_2"))) as Contact;
  await tx.contacts.update({ ...customer, trash: trashedOn(at), version: 2 }, 1);
  await tx.contacts.delete(asContactId("con_1"), 1);
  await tx.contacts.deleteDue(farFuture, 10);
  await tx.contacts.syncCompany(asOrganisationId("org_globex"), "Changed");
  await tx.invitations.insert(anInvitation("inv_new", sato, { tokenHash: "hash-new" }));
  await tx.qrCodes.set(satoId, { generation: 2, tokenHash: "new-hash" });
  await tx.events.appendAll([anEvent("evt_new")]);
}

/** Transactions: all or nothing, and isolated from each other. */
export function transactionContract(suite: Suite): void {
  describe("transactions roll back", () => {
    it("a transaction that throws after writing to every repository leaves no trace, events included", async () => {
      await suite.run(seed);
      const before = await suite.run(observe);
      const failure = new Error("boom");
      await expect(
        suite.run(async (tx) => {
          await writeEverything(tx);
          // Its own writes are visible to the transaction itself.
          expect(await tx.organisations.get(asOrganisationId("org_new"))).not.toBeNull();
          expect(await tx.contacts.countActive(acmeId)).toBe(1);
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await suite.run(observe)).toEqual(before);
      // The seeded store has nothing in the trash: a contact due now was left behind by the undo.
      expect(await suite.run((tx) => tx.contacts.deleteDue(farFuture, 10))).toEqual({
        removed: [],
        more: false,
      });
    });

    it("a transaction whose write is refused leaves nothing it wrote before", async () => {
      await suite.run(seed);
      const before = await suite.run(observe);
      await expectRefusal(
        suite.run(async (tx) => {
          await tx.organisations.insert(anOrganisation("org_new"));
          await tx.qrCodes.set(satoId, { generation: 2, tokenHash: "new-hash" });
          await tx.events.appendAll([anEvent("evt_new")]);
          await tx.contacts.insert(aCustomer("con_2", aMember("mem_sato", acmeId), "Duplicate"));
        }),
        "CONFLICT",
      );
      expect(await suite.run(observe)).toEqual(before);
    });

    it("R35: an event rolled back leaves no gap in the log", async () => {
      const first = await suite.run((tx) => appendEvent(tx, anEvent("evt_1")));
      await expect(
        suite.run(async (tx) => {
          await tx.events.appendAll([anEvent("evt_2")]);
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      const third = await suite.run((tx) => appendEvent(tx, anEvent("evt_3")));
      expect(third.sequence).toBe(first.sequence + 1);
      const log = await suite.run((tx) =>
        tx.events.list({ organisationId: eventLog, after: first.sequence - 1, limit: 10 }),
      );
      expect(log.map((event) => event.id)).toEqual(["evt_1", "evt_3"]);
    });

    it("a transaction returns what its function returns, and a failed one blocks none after it", async () => {
      await suite.run(seed);
      const failing = suite.run(async () => {
        throw new Error("boom");
      });
      const next = suite.run(async (tx) => (await tx.members.get(satoId))?.id);
      await expect(failing).rejects.toThrow("boom");
      expect(await next).toBe(satoId);
    });
  });

  describe("transactions are isolated", () => {
    it("a concurrent transaction never sees writes that are rolled back", async () => {
      await suite.run(seed);
      const before = await suite.run(observe);
      const writer = suite.run(async (tx) => {
        await writeEverything(tx);
        await pause();
        throw new Error("boom");
      });
      const reader = (async () => {
        await pause(5);
        return suite.run(observe);
      })();
      await expect(writer).rejects.toThrow("boom");
      expect(await reader).toEqual(before);
    });

    it("a concurrent transaction sees another's writes only once that one has finished", async () => {
      await suite.run(seed);
      let writerDone = false;
      const writer = suite.run(async (tx) => {
        await tx.organisations.insert(anOrganisation("org_new"));
        await tx.events.appendAll([anEvent("evt_new")]);
        await pause();
        writerDone = true;
      });
      const reader = (async () => {
        await pause(5);
        return suite.run(async (tx) => {
          const organisation = await tx.organisations.get(asOrganisationId("org_new"));
          const events = await tx.events.list({ organisationId: eventLog, after: 0, limit: 10 });
          return { seen: organisation !== null, events: events.length, writerDone };
        });
      })();
      await writer;
      const read = await reader;
      // Either the reader ran before the writer committed and saw none of it, or after and saw all.
      expect(read).toEqual(
        read.seen
          ? { seen: true, events: 2, writerDone: true }
          : { seen: false, events: 1, writerDone: read.writerDone },
      );
    });

    it("of two transactions updating one record from the same version, exactly one commits", async () => {
      await suite.run(seed);
      const id = asContactId("con_2");
      const edit = (memo: string) =>
        suite.run(async (tx) => {
          const contact = (await tx.contacts.get(id)) as Contact;
          await pause();
          // Both callers read version 1 before they started (e.g. in an edit form).
          await tx.contacts.update({ ...contact, fields: { ...contact.fields, memo }, version: 2 }, 1);
          return memo;
        });
      const results = await Promise.allSettled([edit("first"), edit("second")]);
      const won = results.filter((result) => result.status === "fulfilled");
      const lost = results.filter((result) => result.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({
        name: "PartnerbookError",
        code: "CONFLICT",
      });
      const stored = (await suite.run((tx) => tx.contacts.get(id))) as Contact;
      expect(stored.version).toBe(2);
      expect(stored.fields.memo).toBe((won[0] as PromiseFulfilledResult<string>).value);
    });

    it("R7: of two transactions claiming one works ID, exactly one commits", async () => {
      await suite.run(seed);
      const claim = (id: string, worksId: string) =>
        suite.run(async (tx) => {
          await tx.members.insert(aMember(id, acmeId, { worksId }));
          await pause();
          return id;
        });
      const results = await Promise.allSettled([claim("mem_x", "race@works"), claim("mem_y", "RACE@works")]);
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      const lost = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
      expect(lost.reason).toMatchObject({ name: "PartnerbookError", code: "CONFLICT" });
      expect(await suite.run((tx) => tx.members.findByWorksId("race@works"))).not.toBeNull();
    });

    it("transactions writing different records both commit", async () => {
      await suite.run(seed);
      const touch = (id: string) =>
        suite.run(async (tx) => {
          const contact = (await tx.contacts.get(asContactId(id))) as Contact;
          await pause();
          await tx.contacts.update({ ...contact, version: 2 }, 1);
          await tx.events.appendAll([anEvent(`evt_${id}`)]);
        });
      await Promise.all([touch("con_1"), touch("con_2")]);
      const versions = await suite.run(async (tx) => [
        (await tx.contacts.get(asContactId("con_1")))?.version,
        (await tx.contacts.get(asContactId("con_2")))?.version,
      ]);
      expect(versions).toEqual([2, 2]);
      const log = await suite.run((tx) => tx.events.list({ organisationId: eventLog, after: 0, limit: 10 }));
      const first = log[0]?.sequence ?? Number.NaN;
      expect(log.map((event) => event.sequence)).toEqual([first, first + 1, first + 2]);
      expect(log.map((event) => event.id).sort()).toEqual(["evt_con_1", "evt_con_2", "evt_seed"]);
    });
  });
}
