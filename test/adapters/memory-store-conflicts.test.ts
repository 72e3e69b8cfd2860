import { describe, expect, it } from "vitest";
import type { CustomerContact } from "../../src/domain/contact.js";
import { asContactId, PartnerbookError } from "../../src/index.js";
import {
  aCustomerRecord,
  aLinkedRecord,
  aMemberRecord,
  anOrganisationRecord,
  aSeededStore,
  kim,
  lee,
  org1,
  org2,
  sato,
} from "./memory-store-world.js";

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
