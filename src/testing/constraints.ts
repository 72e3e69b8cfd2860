import { describe, expect, it } from "vitest";
import type { Contact } from "../domain/contact.js";
import { asContactId, asGroupId, asMemberId, asOrganisationId, type InvitationId } from "../domain/ids.js";
import type { Invitation } from "../domain/invitation.js";
import type { Member } from "../domain/member.js";
import type { Organisation } from "../domain/organisation.js";
import type { StoreTransaction } from "../ports/store.js";
import {
  aCustomer,
  aGroup,
  aLinkedContact,
  aMember,
  anInvitation,
  anOrganisation,
  seedPeople,
} from "./records.js";
import { expectRefusal, type Suite } from "./suite.js";

/** Everything a refused write could have touched, to compare before and after. */
async function everything(tx: StoreTransaction) {
  const sato = asMemberId("mem_sato");
  return {
    organisations: [await tx.organisations.get(asOrganisationId("org_acme"))],
    members: [await tx.members.get(sato), await tx.members.get(asMemberId("mem_lee"))],
    byWorksId: await tx.members.findByWorksId("mem_sato@works"),
    groups: await tx.groups.listByOrganisation(asOrganisationId("org_acme")),
    contacts: [await tx.contacts.get(asContactId("con_1")), await tx.contacts.get(asContactId("con_2"))],
    invitations: await tx.invitations.listByInviter(sato),
    qr: await tx.qrCodes.get(sato),
  };
}

/** A seeded store with one of each record, for refusal tests to try to break. */
async function seedOneOfEach(tx: StoreTransaction) {
  const people = await seedPeople(tx);
  const { acme, sato, suzuki, lee, kim } = people;
  await tx.groups.insert(aGroup("grp_1", acme.id, [sato.id]));
  await tx.contacts.insert(aLinkedContact("con_1", sato, lee));
  await tx.contacts.insert(aLinkedContact("con_2", sato, kim));
  await tx.contacts.insert(aCustomer("con_3", suzuki, "Customer"));
  await tx.invitations.insert(anInvitation("inv_1", sato, { email: "a@example.com", tokenHash: "hash-1" }));
  await tx.invitations.insert(anInvitation("inv_2", sato, { email: "b@example.com", tokenHash: "hash-2" }));
  await tx.qrCodes.set(sato.id, { generation: 1, tokenHash: "sato-hash" });
  return people;
}

/** Unique keys and optimistic versions: refused writes are CONFLICT (or NOT_FOUND) and change nothing. */
export function writeContract(suite: Suite): void {
  /** Expects `write` to be refused with `code` and to leave the seeded store as it was. */
  async function expectRefused(
    write: (tx: StoreTransaction) => Promise<unknown>,
    code: "CONFLICT" | "NOT_FOUND" = "CONFLICT",
  ): Promise<void> {
    const before = await suite.run(everything);
    await expectRefusal(suite.run(write), code);
    expect(await suite.run(everything)).toEqual(before);
  }

  describe("unique keys", () => {
    it("inserting a record whose id exists is a CONFLICT, for every kind", async () => {
      const { acme, sato, lee } = await suite.run(seedOneOfEach);
      await expectRefused((tx) => tx.organisations.insert(anOrganisation(acme.id, { name: "Other" })));
      await expectRefused((tx) => tx.members.insert(aMember(sato.id, acme.id, { worksId: "someone@else" })));
      await expectRefused((tx) => tx.groups.insert(aGroup("grp_1", acme.id, [])));
      await expectRefused((tx) => tx.contacts.insert(aCustomer("con_1", lee, "Other")));
      await expectRefused((tx) =>
        tx.invitations.insert(anInvitation("inv_1", lee, { email: "c@example.com", tokenHash: "hash-3" })),
      );
    });

    it("R7: a works ID held by another member, in any case, is a CONFLICT on insert and update", async () => {
      const { acme, lee } = await suite.run(seedOneOfEach);
      for (const worksId of ["mem_sato@works", "MEM_SATO@works", "Mem_Sato@Works"]) {
        await expectRefused((tx) => tx.members.insert(aMember("mem_new", acme.id, { worksId })));
        await expectRefused((tx) => tx.members.update({ ...lee, worksId, version: 2 }, 1));
      }
    });

    it("R7: a member may change the case of their own works ID", async () => {
      const { sato } = await suite.run(seedOneOfEach);
      const recased: Member = { ...sato, worksId: "MEM_Sato@Works", version: 2 };
      await suite.run((tx) => tx.members.update(recased, 1));
      expect(await suite.run((tx) => tx.members.findByWorksId("mem_sato@works"))).toEqual(recased);
    });

    it("R15: a second contact of one owner for one external user is a CONFLICT, trashed or not", async () => {
      const { sato, lee, kim } = await suite.run(seedOneOfEach);
      await expectRefused((tx) => tx.contacts.insert(aLinkedContact("con_9", sato, lee)));
      await expectRefused((tx) =>
        tx.contacts.insert(
          aLinkedContact("con_9", sato, lee, { trash: { trashedAt: new Date(), purgeAt: new Date() } }),
        ),
      );
      const second = (await suite.run((tx) => tx.contacts.get(asContactId("con_2")))) as Contact;
      await expectRefused((tx) =>
        tx.contacts.update({ ...second, targetMemberId: lee.id, version: 2 } as Contact, 1),
      );
      // Another owner, or a customer contact, is no clash.
      await suite.run(async (tx) => {
        await tx.contacts.insert(aLinkedContact("con_8", kim, lee));
        await tx.contacts.insert(aCustomer("con_7", sato, "Lee"));
      });
    });

    it("R20: a token hash already stored is a CONFLICT on insert and update", async () => {
      const { suzuki } = await suite.run(seedOneOfEach);
      await expectRefused((tx) =>
        tx.invitations.insert(anInvitation("inv_9", suzuki, { email: "z@example.com", tokenHash: "hash-1" })),
      );
      const second = (await suite.run((tx) => tx.invitations.get("inv_2" as InvitationId))) as Invitation;
      await expectRefused((tx) => tx.invitations.update({ ...second, tokenHash: "hash-1", version: 2 }, 1));
    });

    it("R17: a second email invitation from one inviter to one address is a CONFLICT; links and other inviters are not", async () => {
      const { sato, suzuki } = await suite.run(seedOneOfEach);
      await expectRefused((tx) =>
        tx.invitations.insert(anInvitation("inv_9", sato, { email: "a@example.com", tokenHash: "hash-9" })),
      );
      const second = (await suite.run((tx) => tx.invitations.get("inv_2" as InvitationId))) as Invitation;
      await expectRefused((tx) =>
        tx.invitations.update({ ...second, email: "a@example.com", version: 2 }, 1),
      );
      await suite.run(async (tx) => {
        await tx.invitations.insert(
          anInvitation("inv_3", suzuki, { email: "a@example.com", tokenHash: "hash-3" }),
        );
        const link = { kind: "link", email: null, maxUses: null } as const;
        await tx.invitations.insert(anInvitation("inv_4", sato, { ...link, tokenHash: "hash-4" }));
        await tx.invitations.insert(anInvitation("inv_5", sato, { ...link, tokenHash: "hash-5" }));
      });
      expect(await suite.run((tx) => tx.invitations.listByInviter(sato.id))).toHaveLength(4);
    });

    it("R13: a QR token already issued, to anyone, is a CONFLICT", async () => {
      const { sato, suzuki } = await suite.run(seedOneOfEach);
      await expectRefused((tx) => tx.qrCodes.set(suzuki.id, { generation: 1, tokenHash: "sato-hash" }));
      await expectRefused((tx) => tx.qrCodes.set(sato.id, { generation: 2, tokenHash: "sato-hash" }));
      expect(await suite.run((tx) => tx.qrCodes.get(suzuki.id))).toBeNull();
    });
  });

  describe("versions", () => {
    it("updating any record with a stale expected version is a CONFLICT and keeps what is stored", async () => {
      const { acme, sato } = await suite.run(seedOneOfEach);
      await suite.run(async (tx) => {
        await tx.organisations.update({ ...acme, name: "Acme 2", version: 2 }, 1);
        await tx.members.update({ ...sato, displayName: "Sato 2", version: 2 }, 1);
      });
      const stored = await suite.run(async (tx) => ({
        organisation: (await tx.organisations.get(acme.id)) as Organisation,
        member: (await tx.members.get(sato.id)) as Member,
        group: await tx.groups.get(asGroupId("grp_1")),
        contact: (await tx.contacts.get(asContactId("con_1"))) as Contact,
        invitation: (await tx.invitations.get("inv_1" as InvitationId)) as Invitation,
      }));
      const { organisation, member, group, contact, invitation } = stored;
      if (group === null) throw new Error("grp_1 is missing");
      await expectRefused((tx) => tx.organisations.update({ ...organisation, name: "Late", version: 2 }, 1));
      await expectRefused((tx) => tx.members.update({ ...member, displayName: "Late", version: 3 }, 1));
      await expectRefused((tx) => tx.groups.update({ ...group, name: "Late", version: 2 }, 2));
      await expectRefused((tx) => tx.contacts.update({ ...contact, version: 3 }, 2));
      await expectRefused((tx) => tx.invitations.update({ ...invitation, uses: 1, version: 6 }, 5));
    });

    it("deleting a member, group or contact at a stale version is a CONFLICT", async () => {
      const { tanaka } = await suite.run(seedOneOfEach);
      await expectRefused((tx) => tx.members.delete(tanaka.id, 2));
      await expectRefused((tx) => tx.groups.delete(asGroupId("grp_1"), 2));
      await expectRefused((tx) => tx.contacts.delete(asContactId("con_3"), 0));
    });

    it("updating or deleting a record that does not exist is NOT_FOUND", async () => {
      const { acme, sato } = await suite.run(seedOneOfEach);
      await expectRefused((tx) => tx.organisations.update(anOrganisation("org_none"), 1), "NOT_FOUND");
      await expectRefused((tx) => tx.members.update(aMember("mem_none", acme.id), 1), "NOT_FOUND");
      await expectRefused((tx) => tx.members.delete(asMemberId("mem_none"), 1), "NOT_FOUND");
      await expectRefused((tx) => tx.groups.update(aGroup("grp_none", acme.id, []), 1), "NOT_FOUND");
      await expectRefused((tx) => tx.groups.delete(asGroupId("grp_none"), 1), "NOT_FOUND");
      await expectRefused((tx) => tx.contacts.update(aCustomer("con_none", sato, "None"), 1), "NOT_FOUND");
      await expectRefused((tx) => tx.contacts.delete(asContactId("con_none"), 1), "NOT_FOUND");
      await expectRefused((tx) => tx.invitations.update(anInvitation("inv_none", sato), 1), "NOT_FOUND");
    });

    it("a write at the current version succeeds and the next expects the new version", async () => {
      await suite.run(seedOneOfEach);
      const contact = (await suite.run((tx) => tx.contacts.get(asContactId("con_3")))) as Contact;
      await suite.run((tx) => tx.contacts.update({ ...contact, version: 2 }, 1));
      await suite.run((tx) => tx.contacts.update({ ...contact, version: 3 }, 2));
      await expectRefused((tx) => tx.contacts.update({ ...contact, version: 4 }, 2));
      await suite.run((tx) => tx.contacts.delete(contact.id, 3));
      expect(await suite.run((tx) => tx.contacts.get(contact.id))).toBeNull();
    });
  });
}
