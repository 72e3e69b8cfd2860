import { describe, expect, it } from "vitest";
import type { CustomerContact } from "../../src/domain/contact.js";
import { asContactId, type Member, type StoreTransaction } from "../../src/index.js";
import { appendEvent } from "../../src/testing/records.js";
import {
  aCustomerRecord,
  aLinkedRecord,
  aMemberRecord,
  anEvent,
  anOrganisationRecord,
  aSeededStore,
  kim,
  lee,
  org1,
  org2,
  ownBook,
  phone,
  sato,
  trashed,
} from "./memory-store-world.js";

/** Everything the indexes answer for the seeded store, so a test can compare it before and after. */
async function indexes(tx: StoreTransaction) {
  return {
    satoByWorksId: await tx.members.findByWorksId("sato@acme"),
    renamedByWorksId: await tx.members.findByWorksId("sato@renamed"),
    kimByWorksId: await tx.members.findByWorksId("kim@acme"),
    byOldPhone: await tx.members.findByPhone("+819011112222"),
    byNewPhone: await tx.members.findByPhone("+819055556666"),
    byKimPhone: await tx.members.findByPhone("+819033334444"),
    satoLee: await tx.contacts.findByOwnerAndTarget(sato, lee),
    satoKim: await tx.contacts.findByOwnerAndTarget(sato, kim),
    activeOrg1: await tx.contacts.countActive(org1),
    activeOrg2: await tx.contacts.countActive(org2),
    satoList: await ownBook(tx, sato, null, 100),
    qrHolder: await tx.qrCodes.findMember("secret-hash"),
    satoQr: await tx.qrCodes.get(sato),
    events: await tx.events.list({ organisationId: org1, after: 0, limit: 100 }),
  };
}

describe("transactions roll back", () => {
  it("a transaction that throws after inserts, updates and an event leaves no trace", async () => {
    const store = await aSeededStore();
    const before = store.snapshot();
    const indexesBefore = await store.transaction(indexes);
    const failure = new Error("boom");
    await expect(
      store.transaction(async (tx) => {
        await tx.members.insert(
          aMemberRecord(kim, org1, { worksId: "kim@acme", mobilePhone: phone("+819033334444") }),
        );
        const satoNow = (await tx.members.get(sato)) as Member;
        await tx.members.update(
          { ...satoNow, worksId: "sato@renamed", mobilePhone: phone("+819055556666"), version: 2 },
          1,
        );
        await tx.contacts.insert(
          aLinkedRecord("con_3", { id: sato, organisationId: org1 }, { id: kim, organisationId: org1 }),
        );
        const customer = (await tx.contacts.get(asContactId("con_1"))) as CustomerContact;
        await tx.contacts.update({ ...customer, trash: trashed, version: 2 }, 1);
        await tx.contacts.update(
          { ...customer, trash: null, fields: { ...customer.fields, memo: "changed" }, version: 3 },
          2,
        );
        await tx.organisations.update(anOrganisationRecord(org1, { name: "Renamed", version: 2 }), 1);
        await tx.qrCodes.set(sato, { generation: 1, tokenHash: "secret-hash" });
        await tx.events.appendAll([anEvent("evt_1", sato)]);
        expect(await tx.contacts.countActive(org1)).toBe(3);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(store.snapshot()).toEqual(before);
    expect(await store.transaction(indexes)).toEqual(indexesBefore);
  });

  it("a write refused mid-transaction undoes the writes made before it", async () => {
    const store = await aSeededStore();
    const before = store.snapshot();
    const indexesBefore = await store.transaction(indexes);
    await expect(
      store.transaction(async (tx) => {
        await tx.members.insert(aMemberRecord(kim, org1, { worksId: "kim@acme" }));
        await tx.qrCodes.set(sato, { generation: 1, tokenHash: "secret-hash" });
        await tx.events.appendAll([anEvent("evt_1", sato)]);
        await tx.contacts.insert(aCustomerRecord("con_1", kim, org1));
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(store.snapshot()).toEqual(before);
    expect(await store.transaction(indexes)).toEqual(indexesBefore);
  });

  it("a re-issued QR code rolled back restores the previous code", async () => {
    const store = await aSeededStore();
    const first = { generation: 1, tokenHash: "first-hash" };
    await store.transaction((tx) => tx.qrCodes.set(sato, first));
    await expect(
      store.transaction(async (tx) => {
        await tx.qrCodes.set(sato, { generation: 2, tokenHash: "second-hash" });
        await tx.qrCodes.set(sato, { generation: 3, tokenHash: "third-hash" });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    await store.transaction(async (tx) => {
      expect(await tx.qrCodes.get(sato)).toEqual(first);
      expect(await tx.qrCodes.findMember("first-hash")).toBe(sato);
      expect(await tx.qrCodes.findMember("second-hash")).toBeNull();
      expect(await tx.qrCodes.findMember("third-hash")).toBeNull();
    });
  });

  it("R35: an event rolled back leaves the log gap-free", async () => {
    const store = await aSeededStore();
    await store.transaction((tx) => tx.events.appendAll([anEvent("evt_1", sato)]));
    await expect(
      store.transaction(async (tx) => {
        await tx.events.appendAll([anEvent("evt_2", sato)]);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const third = await store.transaction((tx) => appendEvent(tx, anEvent("evt_3", sato)));
    expect(third.sequence).toBe(2);
    const log = await store.transaction((tx) =>
      tx.events.list({ organisationId: org1, after: 0, limit: 10 }),
    );
    expect(log.map((event) => [event.id, event.sequence])).toEqual([
      ["evt_1", 1],
      ["evt_3", 2],
    ]);
  });
});
