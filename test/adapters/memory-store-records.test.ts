import { describe, expect, it } from "vitest";
import type { CustomerContact } from "../../src/domain/contact.js";
import { asContactId, type Member, type Organisation } from "../../src/index.js";
import { memoryStore } from "../../src/memory.js";
import { appendEvent } from "../../src/testing/records.js";
import {
  aLinkedRecord,
  anEvent,
  anOrganisationRecord,
  aSeededStore,
  at,
  kim,
  lee,
  org1,
  org2,
  sato,
} from "./memory-store-world.js";

describe("records handed out", () => {
  it("records returned by the store are deeply frozen", async () => {
    const store = await aSeededStore();
    const { contact, member, organisation, event } = await store.transaction(async (tx) => ({
      contact: (await tx.contacts.get(asContactId("con_1"))) as CustomerContact,
      member: (await tx.members.get(sato)) as Member,
      organisation: (await tx.organisations.get(org1)) as Organisation,
      event: await appendEvent(tx, anEvent("evt_1", sato)),
    }));
    for (const record of [
      contact,
      contact.fields,
      contact.fields.emails,
      contact.fields.emails[0],
      contact.profile,
    ]) {
      expect(Object.isFrozen(record)).toBe(true);
    }
    expect(Object.isFrozen(member)).toBe(true);
    expect(Object.isFrozen(member.mobilePhone)).toBe(true);
    expect(Object.isFrozen(organisation.linking.scope)).toBe(true);
    expect(Object.isFrozen(event)).toBe(true);
    expect(() => {
      (contact as { version: number }).version = 99;
    }).toThrow(TypeError);
    expect(() => {
      (contact.fields.emails as unknown[]).push({ label: null, address: "x@example.com" });
    }).toThrow(TypeError);
    expect((await store.transaction((tx) => tx.contacts.get(asContactId("con_1"))))?.version).toBe(1);
  });

  it("a snapshot is a copy: changing it changes nothing stored", async () => {
    const store = await aSeededStore();
    const snapshot = store.snapshot();
    (snapshot.contacts as unknown[]).length = 0;
    expect(store.snapshot().contacts).toHaveLength(2);
  });
});

describe("records handed out, continued", () => {
  it("the store keeps its own copy of a caller's Date — frozen or not — and it is a plain Date", async () => {
    const store = memoryStore();
    const plain = new Date(at);
    const frozen = Object.freeze(new Date(at));
    await store.transaction(async (tx) => {
      await tx.organisations.insert(anOrganisationRecord(org1, { createdAt: plain }));
      await tx.organisations.insert(anOrganisationRecord(org2, { createdAt: frozen }));
    });
    plain.setTime(0);
    frozen.setTime(0);
    for (const id of [org1, org2]) {
      const stored = (await store.transaction((tx) => tx.organisations.get(id))) as Organisation;
      expect(stored.createdAt.getTime()).toBe(at.getTime());
      expect(Object.getPrototypeOf(stored.createdAt)).toBe(Date.prototype);
    }
  });

  it("a caller's record frozen only on the outside is still copied where it can change", async () => {
    // The store shares only what it stored itself; a caller's parts (here an array and a plain
    // Date under a frozen record) are copied, not shared.
    const store = memoryStore();
    const createdAt = new Date(at);
    const admins = [sato];
    await store.transaction((tx) =>
      tx.organisations.insert(Object.freeze(anOrganisationRecord(org1, { createdAt, admins }))),
    );
    createdAt.setTime(0);
    admins.push(lee);
    const stored = (await store.transaction((tx) => tx.organisations.get(org1))) as Organisation;
    expect(stored.createdAt.getTime()).toBe(at.getTime());
    expect(stored.admins).toEqual([sato]);
    expect(Object.isFrozen(stored.admins)).toBe(true);
  });

  it("an update keeps the parts it took over from the stored record, and they stay unchangeable", async () => {
    const store = await aSeededStore();
    const first = (await store.transaction((tx) => tx.contacts.get(asContactId("con_1")))) as CustomerContact;
    await store.transaction((tx) => tx.contacts.update({ ...first, version: 2 }, 1));
    const second = (await store.transaction((tx) =>
      tx.contacts.get(asContactId("con_1")),
    )) as CustomerContact;
    expect(second).not.toBe(first);
    expect(second.fields).toBe(first.fields);
    expect(second.createdAt).toBe(first.createdAt);
    expect(Object.isFrozen(second.fields.emails)).toBe(true);
  });

  it("R15: an update may not move a contact onto an owner + target pair another contact holds", async () => {
    const store = memoryStore();
    const owner = { id: sato, organisationId: org1 };
    const first = aLinkedRecord("con_a", owner, { id: lee, organisationId: org2 });
    const second = aLinkedRecord("con_b", owner, { id: kim, organisationId: org2 });
    await store.transaction(async (tx) => {
      await tx.contacts.insert(first);
      await tx.contacts.insert(second);
    });
    const before = store.snapshot();
    await expect(
      store.transaction((tx) => tx.contacts.update({ ...second, targetMemberId: lee, version: 2 }, 1)),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(store.snapshot()).toEqual(before);
    expect((await store.transaction((tx) => tx.contacts.findByOwnerAndTarget(sato, lee)))?.id).toBe("con_a");
  });
});
