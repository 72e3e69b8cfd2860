import type { BookPosition } from "../../src/domain/address-book.js";
import { type CustomerContact, emptyOwnerFields, type LinkedContact } from "../../src/domain/contact.js";
import {
  asMemberId,
  asOrganisationId,
  type EventId,
  type Member,
  type MemberId,
  type NewEvent,
  type Organisation,
  type OrganisationId,
  type StoreTransaction,
} from "../../src/index.js";
import { type MemoryStore, memoryStore } from "../../src/memory.js";
import { aCustomer, aLinkedContact, aMember, anOrganisation } from "../../src/testing/records.js";

export const at = new Date("2026-04-01T00:00:00.000Z");

export const org1 = asOrganisationId("org_1");
export const org2 = asOrganisationId("org_2");
export const sato = asMemberId("mem_sato");
export const lee = asMemberId("mem_lee");
export const kim = asMemberId("mem_kim");

// The records of these tests are src/testing/records.ts's, at this file's time and with works
// IDs that are the member id's name ("sato"), which the tests look up.
export function anOrganisationRecord(
  id: OrganisationId,
  overrides: Partial<Organisation> = {},
): Organisation {
  return anOrganisation(id, { createdAt: at, ...overrides });
}

export function aMemberRecord(
  id: MemberId,
  organisationId: OrganisationId,
  overrides: Partial<Member> = {},
): Member {
  return aMember(id, organisationId, { worksId: id.replace("mem_", ""), createdAt: at, ...overrides });
}

export function aCustomerRecord(
  id: string,
  ownerId: MemberId,
  organisationId: OrganisationId,
  overrides: Partial<CustomerContact> = {},
): CustomerContact {
  return aCustomer(id, aMemberRecord(ownerId, organisationId), `Customer ${id}`, {
    createdAt: at,
    updatedAt: at,
    ...overrides,
  });
}

export function aLinkedRecord(
  id: string,
  owner: { id: MemberId; organisationId: OrganisationId },
  target: { id: MemberId; organisationId: OrganisationId },
): LinkedContact {
  return aLinkedContact(
    id,
    aMemberRecord(owner.id, owner.organisationId),
    aMemberRecord(target.id, target.organisationId),
    {
      fields: emptyOwnerFields,
      synced: { nickname: null, company: "Globex", photoUrl: null },
      createdAt: at,
      updatedAt: at,
    },
  );
}

export function anEvent(id: string, memberId: MemberId): NewEvent {
  return { type: "qr_code_issued", id: id as EventId, organisationId: org1, at, actorId: memberId, memberId };
}

export const trashed = { trashedAt: at, purgeAt: new Date("2026-05-01T00:00:00.000Z") };

export const phone = (e164: string) => ({ e164, raw: e164 });

/** The owner's own book (nothing shared), one page after `after`. */
export function ownBook(tx: StoreTransaction, owner: MemberId, after: BookPosition | null, limit: number) {
  return tx.contacts.listBook({
    viewer: { memberId: owner, organisationId: org1, groupIds: new Set() },
    tab: "customers",
    group: null,
    text: null,
    after,
    limit,
  });
}

/** Two organisations, Sato (org 1) with a customer and a linked contact for Lee (org 2). */
export async function aSeededStore(): Promise<MemoryStore> {
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
