import { describe, expect, it } from "vitest";
import type { BookPosition } from "../../src/domain/address-book.js";
import { type CustomerContact, emptyOwnerFields, type LinkedContact } from "../../src/domain/contact.js";
import { privateSharing } from "../../src/domain/sharing.js";
import {
  asContactId,
  asMemberId,
  asOrganisationId,
  type BookPage,
  type ContactId,
  defaultLinkingPolicy,
  type EventId,
  type Member,
  type MemberId,
  type NewEvent,
  type Organisation,
  type OrganisationId,
  PartnerbookError,
  type StoreTransaction,
} from "../../src/index.js";
import { type MemoryStore, memoryStore } from "../../src/memory.js";
import { appendEvent } from "../../src/testing/records.js";

const at = new Date("2026-04-01T00:00:00.000Z");

const org1 = asOrganisationId("org_1");
const org2 = asOrganisationId("org_2");
const sato = asMemberId("mem_sato");
const lee = asMemberId("mem_lee");
const kim = asMemberId("mem_kim");

function anOrganisationRecord(id: OrganisationId, overrides: Partial<Organisation> = {}): Organisation {
  return {
    id,
    name: `Organisation ${id}`,
    plan: "free",
    linking: defaultLinkingPolicy("free"),
    admins: [],
    trashRetentionDays: 30,
    invitationExpiryDays: 14,
    version: 1,
    createdAt: at,
    ...overrides,
  };
}

function aMemberRecord(
  id: MemberId,
  organisationId: OrganisationId,
  overrides: Partial<Member> = {},
): Member {
  return {
    id,
    organisationId,
    worksId: id.replace("mem_", ""),
    displayName: `Member ${id}`,
    familyName: null,
    givenName: null,
    nickname: null,
    photoUrl: null,
    mobilePhone: null,
    email: null,
    allowSearchByPhone: false,
    version: 1,
    createdAt: at,
    ...overrides,
  };
}

function aCustomerRecord(
  id: string,
  ownerId: MemberId,
  organisationId: OrganisationId,
  overrides: Partial<CustomerContact> = {},
): CustomerContact {
  return {
    id: asContactId(id),
    kind: "customer",
    ownerId,
    organisationId,
    profile: { nickname: null, company: null, photoUrl: null },
    fields: {
      ...emptyOwnerFields,
      familyName: `Customer ${id}`,
      emails: [{ label: null, address: "c@example.com" }],
    },
    groups: [],
    sharing: privateSharing,
    trash: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

function aLinkedRecord(
  id: string,
  owner: { id: MemberId; organisationId: OrganisationId },
  target: { id: MemberId; organisationId: OrganisationId },
): LinkedContact {
  return {
    id: asContactId(id),
    kind: "linked",
    ownerId: owner.id,
    organisationId: owner.organisationId,
    targetMemberId: target.id,
    targetOrganisationId: target.organisationId,
    fields: emptyOwnerFields,
    synced: { nickname: null, company: "Globex", photoUrl: null },
    groups: [],
    sharing: privateSharing,
    trash: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

function anEvent(id: string, memberId: MemberId): NewEvent {
  return { type: "qr_code_issued", id: id as EventId, organisationId: org1, at, actorId: memberId, memberId };
}

const trashed = { trashedAt: at, purgeAt: new Date("2026-05-01T00:00:00.000Z") };

const phone = (e164: string) => ({ e164, raw: e164 });

/** The owner's own book (nothing shared), one page after `after`. */
function ownBook(tx: StoreTransaction, owner: MemberId, after: BookPosition | null, limit: number) {
  return tx.contacts.listBook({
    viewer: { memberId: owner, organisationId: org1, groupIds: new Set() },
    tab: "customers",
    group: null,
    text: null,
    after,
    limit,
  });
}

/** Lets every other pending task run: a transaction that is not isolated would interleave here. */
const otherTasksRun = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Two organisations, Sato (org 1) with a customer and a linked contact for Lee (org 2). */
async function aSeededStore(): Promise<MemoryStore> {
  const store = memoryStore();
  await store.transaction(async (tx) => {
    await tx.organisations.insert(anOrganisationRecord(org1));
    await tx.organisations.insert(anOrganisationRecord(org2));
    await tx.members.insert(
      aMemberRecord(sato, org1, { worksId: "Sato@Acme", mobilePhone: phone("+819011112222") }),
    );
    await tx.members.insert(aMemberRecord(lee, org2, { worksId: "lee@globex" }));
    await tx.contacts.insert(aCustomerRecord("con_1", sato, org1));
    await tx.contacts.insert(
      aLinkedRecord("con_2", { id: sato, organisationId: org1 }, { id: lee, organisationId: org2 }),
    );
  });
  return store;
}

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

describe("write conflicts", () => {
  it("R25: updating a contact with a stale expected version is a CONFLICT and keeps the stored one", async () => {
    const store = await aSeededStore();
    const id = asContactId("con_1");
    await store.transaction(async (tx) => {
      const stored = (await tx.contacts.get(id)) as CustomerContact;
      await tx.contacts.update({ ...stored, version: 2 }, 1);
    });
    const before = store.snapshot();
    const refused = store.transaction(async (tx) => {
      const stored = (await tx.contacts.get(id)) as CustomerContact;
      await tx.contacts.update({ ...stored, fields: { ...stored.fields, memo: "late" }, version: 2 }, 1);
    });
    await expect(refused).rejects.toBeInstanceOf(PartnerbookError);
    await expect(refused).rejects.toMatchObject({ code: "CONFLICT" });
    expect(store.snapshot()).toEqual(before);
  });

  it("updating a member or an organisation with a stale expected version is a CONFLICT", async () => {
    const store = await aSeededStore();
    await expect(
      store.transaction((tx) =>
        tx.members.update(aMemberRecord(lee, org2, { worksId: "lee@globex", version: 3 }), 2),
      ),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      store.transaction((tx) => tx.organisations.update(anOrganisationRecord(org1, { version: 3 }), 0)),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("R7: inserting a works ID already taken, in any case, is a CONFLICT", async () => {
    const store = await aSeededStore();
    const before = store.snapshot();
    for (const worksId of ["Sato@Acme", "sato@acme", "SATO@ACME", "LEE@Globex"]) {
      await expect(
        store.transaction((tx) => tx.members.insert(aMemberRecord(kim, org1, { worksId }))),
      ).rejects.toMatchObject({ code: "CONFLICT" });
    }
    expect(store.snapshot()).toEqual(before);
  });

  it("R7: changing a works ID to one another member holds is a CONFLICT; recasing one's own is not", async () => {
    const store = await aSeededStore();
    await expect(
      store.transaction((tx) =>
        tx.members.update(aMemberRecord(lee, org2, { worksId: "SATO@acme", version: 2 }), 1),
      ),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await store.transaction((tx) =>
      tx.members.update(aMemberRecord(lee, org2, { worksId: "Lee@Globex", version: 2 }), 1),
    );
    const found = await store.transaction((tx) => tx.members.findByWorksId("lee@globex"));
    expect(found?.worksId).toBe("Lee@Globex");
  });

  it("inserting an existing id is a CONFLICT", async () => {
    const store = await aSeededStore();
    await expect(
      store.transaction((tx) => tx.organisations.insert(anOrganisationRecord(org1))),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(
      store.transaction((tx) => tx.members.insert(aMemberRecord(sato, org1, { worksId: "other@acme" }))),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      store.transaction((tx) => tx.contacts.insert(aCustomerRecord("con_2", lee, org2))),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("R15: a second contact for the same owner and external user is a CONFLICT", async () => {
    const store = await aSeededStore();
    await expect(
      store.transaction((tx) =>
        tx.contacts.insert(
          aLinkedRecord("con_9", { id: sato, organisationId: org1 }, { id: lee, organisationId: org2 }),
        ),
      ),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("R13: a QR token already issued to someone else is a CONFLICT", async () => {
    const store = await aSeededStore();
    await store.transaction((tx) => tx.qrCodes.set(sato, { generation: 1, tokenHash: "shared-hash" }));
    await expect(
      store.transaction((tx) => tx.qrCodes.set(lee, { generation: 1, tokenHash: "shared-hash" })),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await store.transaction((tx) => tx.qrCodes.get(lee))).toBeNull();
  });
});

describe("isolation", () => {
  it("concurrent transactions run one after the other", async () => {
    const store = await aSeededStore();
    const steps: string[] = [];
    const first = store.transaction(async (tx) => {
      steps.push("first starts");
      await tx.organisations.insert(anOrganisationRecord(asOrganisationId("org_new")));
      await otherTasksRun();
      steps.push("first ends");
    });
    const second = store.transaction(async (tx) => {
      steps.push("second starts");
      const seen = await tx.organisations.get(asOrganisationId("org_new"));
      steps.push("second ends");
      return seen;
    });
    await first;
    expect((await second)?.id).toBe("org_new");
    expect(steps).toEqual(["first starts", "first ends", "second starts", "second ends"]);
  });

  it("a concurrent transaction never sees writes that are later rolled back", async () => {
    const store = await aSeededStore();
    const first = store.transaction(async (tx) => {
      await tx.organisations.insert(anOrganisationRecord(asOrganisationId("org_new")));
      await tx.contacts.insert(aCustomerRecord("con_new", sato, org1));
      await otherTasksRun();
      throw new Error("boom");
    });
    const second = store.transaction(async (tx) => ({
      organisation: await tx.organisations.get(asOrganisationId("org_new")),
      contact: await tx.contacts.get(asContactId("con_new")),
      active: await tx.contacts.countActive(org1),
    }));
    await expect(first).rejects.toThrow("boom");
    expect(await second).toEqual({ organisation: null, contact: null, active: 2 });
  });

  it("a transaction that throws does not block the ones queued behind it", async () => {
    const store = await aSeededStore();
    const failing = store.transaction(async () => {
      throw new Error("boom");
    });
    const next = store.transaction((tx) => tx.members.get(lee));
    await expect(failing).rejects.toThrow("boom");
    expect((await next)?.id).toBe(lee);
  });
});

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
