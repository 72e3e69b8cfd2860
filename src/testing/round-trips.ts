import { describe, expect, it } from "vitest";
import type { CustomerContact, LinkedContact } from "../domain/contact.js";
import type { GroupId, MemberId, OrganisationId } from "../domain/ids.js";
import type { Organisation } from "../domain/organisation.js";
import type { NewEvent } from "../events.js";
import {
  aCustomer,
  aGroup,
  aLinkedContact,
  aMember,
  anInvitation,
  anOrganisation,
  at,
  daysAfter,
  eventLog,
  everyOwnerField,
  seedPeople,
  trashedOn,
} from "./records.js";
import type { Suite } from "./suite.js";

/** Every kind of record reads back deep-equal to what was written, Dates as Dates. */
export function roundTrips(suite: Suite): void {
  describe("round-trips", () => {
    it("an organisation reads back as written, and as updated", async () => {
      const written: Organisation = anOrganisation("org_rt", {
        name: "株式会社アクメ",
        plan: "advanced",
        linking: {
          enabled: true,
          scope: { kind: "listed", members: ["mem_b", "mem_a"] as MemberId[] },
          partners: { kind: "allow", organisations: ["org_x", "org_y"] as OrganisationId[] },
        },
        admins: ["mem_a", "mem_b"] as MemberId[],
        trashRetentionDays: 7,
        invitationExpiryDays: 3,
      });
      await suite.run((tx) => tx.organisations.insert(written));
      const read = await suite.run((tx) => tx.organisations.get(written.id));
      expect(read).toEqual(written);
      expect(read?.createdAt).toBeInstanceOf(Date);

      const updated: Organisation = {
        ...written,
        name: "Acme Holdings",
        linking: { enabled: false, scope: { kind: "all" }, partners: { kind: "block", organisations: [] } },
        admins: ["mem_b"] as MemberId[],
        version: 2,
      };
      await suite.run((tx) => tx.organisations.update(updated, 1));
      expect(await suite.run((tx) => tx.organisations.get(written.id))).toEqual(updated);
    });

    it("a member reads back as written, with every field filled or empty", async () => {
      const org = anOrganisation("org_rt");
      const full = aMember("mem_full", org.id, {
        worksId: "Sato.Hanako@Acme",
        displayName: "佐藤 花子",
        familyName: "佐藤",
        givenName: "花子",
        nickname: "はなちゃん",
        photoUrl: "https://img.example.com/sato.png",
        mobilePhone: { e164: "+819011112222", raw: "090-1111-2222" },
        email: "Hanako.Sato@Example.com",
        allowSearchByPhone: true,
        createdAt: daysAfter(-400.5),
      });
      const bare = aMember("mem_bare", org.id);
      await suite.run(async (tx) => {
        await tx.organisations.insert(org);
        await tx.members.insert(full);
        await tx.members.insert(bare);
      });
      expect(await suite.run((tx) => tx.members.get(full.id))).toEqual(full);
      expect(await suite.run((tx) => tx.members.get(bare.id))).toEqual(bare);

      const cleared = { ...full, nickname: null, mobilePhone: null, email: null, version: 2 };
      await suite.run((tx) => tx.members.update(cleared, 1));
      expect(await suite.run((tx) => tx.members.get(full.id))).toEqual(cleared);
    });

    it("a group reads back as written, and as updated", async () => {
      const org = anOrganisation("org_rt");
      const group = aGroup("grp_rt", org.id, ["mem_b", "mem_a"] as MemberId[], { name: "プロジェクトA" });
      await suite.run(async (tx) => {
        await tx.organisations.insert(org);
        await tx.groups.insert(group);
      });
      expect(await suite.run((tx) => tx.groups.get(group.id))).toEqual(group);
      const renamed = { ...group, name: "Project A", members: [] as MemberId[], version: 2 };
      await suite.run((tx) => tx.groups.update(renamed, 1));
      expect(await suite.run((tx) => tx.groups.get(group.id))).toEqual(renamed);
    });

    it("a linked contact with every field filled reads back as written", async () => {
      const contact = await suite.run(async (tx) => {
        const { sato, suzuki, lee } = await seedPeople(tx);
        const linked: LinkedContact = aLinkedContact("con_linked", sato, lee, {
          fields: everyOwnerField,
          synced: { nickname: "Min", company: "Globex Inc.", photoUrl: "https://img.example.com/lee.png" },
          groups: ["grp_b", "grp_a"] as GroupId[],
          sharing: {
            visibility: "members",
            members: [suzuki.id],
            groups: ["grp_a"] as GroupId[],
            coEditing: true,
          },
          trash: trashedOn(daysAfter(-2.25)),
          version: 7,
          createdAt: daysAfter(-100),
          updatedAt: daysAfter(-2.25),
        });
        await tx.contacts.insert(linked);
        return linked;
      });
      const read = await suite.run((tx) => tx.contacts.get(contact.id));
      expect(read).toEqual(contact);
      expect(read?.trash?.purgeAt).toBeInstanceOf(Date);
    });

    it("a customer contact with every field filled reads back as written, and as updated", async () => {
      const contact = await suite.run(async (tx) => {
        const { sato } = await seedPeople(tx);
        const customer: CustomerContact = aCustomer("con_customer", sato, "unused", {
          fields: everyOwnerField,
          profile: {
            nickname: "やまちゃん",
            company: "㈱ヤマダ商事",
            photoUrl: "https://img.example.com/y.png",
          },
          sharing: { visibility: "organisation", coEditing: false },
        });
        await tx.contacts.insert(customer);
        return customer;
      });
      expect(await suite.run((tx) => tx.contacts.get(contact.id))).toEqual(contact);

      const edited: CustomerContact = {
        ...contact,
        fields: { ...contact.fields, memo: null, phones: [], tags: [] },
        profile: { nickname: null, company: null, photoUrl: null },
        sharing: { visibility: "private", coEditing: false },
        trash: trashedOn(at, 7),
        version: 2,
        updatedAt: daysAfter(1),
      };
      await suite.run((tx) => tx.contacts.update(edited, 1));
      expect(await suite.run((tx) => tx.contacts.get(contact.id))).toEqual(edited);
    });

    it("email and link invitations read back as written, and as updated", async () => {
      const [email, link] = await suite.run(async (tx) => {
        const { sato } = await seedPeople(tx);
        const byEmail = anInvitation("inv_email", sato, { email: "lee@example.com" });
        const byLink = anInvitation("inv_link", sato, {
          kind: "link",
          email: null,
          maxUses: null,
          uses: 3,
          revokedAt: daysAfter(1.5),
        });
        await tx.invitations.insert(byEmail);
        await tx.invitations.insert(byLink);
        return [byEmail, byLink];
      });
      expect(await suite.run((tx) => tx.invitations.get(email.id))).toEqual(email);
      expect(await suite.run((tx) => tx.invitations.get(link.id))).toEqual(link);
      const used = { ...email, uses: 1, revokedAt: daysAfter(2), version: 2 };
      await suite.run((tx) => tx.invitations.update(used, 1));
      expect(await suite.run((tx) => tx.invitations.get(email.id))).toEqual(used);
    });

    it("R13, R20: a QR code (generation and token hash) reads back both ways, and a new one replaces the old", async () => {
      const { sato } = await suite.run(seedPeople);
      const first = { generation: 1, tokenHash: "a".repeat(64) };
      await suite.run((tx) => tx.qrCodes.set(sato.id, first));
      expect(await suite.run((tx) => tx.qrCodes.get(sato.id))).toEqual(first);
      expect(await suite.run((tx) => tx.qrCodes.findMember(first.tokenHash))).toBe(sato.id);

      const second = { generation: 2, tokenHash: "b".repeat(64) };
      await suite.run((tx) => tx.qrCodes.set(sato.id, second));
      await suite.run(async (tx) => {
        expect(await tx.qrCodes.get(sato.id)).toEqual(second);
        expect(await tx.qrCodes.findMember(second.tokenHash)).toBe(sato.id);
        expect(await tx.qrCodes.findMember(first.tokenHash)).toBeNull();
        expect(await tx.qrCodes.get("mem_nobody" as MemberId)).toBeNull();
      });
    });

    it("R35: events read back as appended, with their sequence, nested values and Dates", async () => {
      const events: NewEvent[] = [
        {
          type: "linking_policy_changed",
          organisationId: eventLog,
          id: "evt_1",
          at,
          actorId: "mem_a",
          before: { enabled: false, scope: { kind: "all" }, partners: { kind: "any" } },
          after: {
            enabled: true,
            scope: { kind: "listed", members: ["mem_a"] },
            partners: { kind: "block", organisations: ["org_b"] },
          },
        },
        {
          type: "contact_trashed",
          organisationId: eventLog,
          id: "evt_2",
          at,
          actorId: "mem_a",
          contactId: "con_1",
          purgeAt: daysAfter(30),
        },
        {
          type: "contacts_synced",
          id: "evt_3",
          at: daysAfter(1),
          actorId: null,
          targetMemberId: null,
          organisationId: eventLog,
          fields: ["company"],
          count: 12,
        },
      ] as unknown as NewEvent[];
      const appended = await suite.run((tx) => tx.events.appendAll(events));
      const first = appended[0]?.sequence ?? Number.NaN;
      expect(appended).toEqual(events.map((event, i) => ({ ...event, sequence: first + i })));
      const listed = await suite.run((tx) =>
        tx.events.list({ organisationId: eventLog, after: first - 1, limit: 10 }),
      );
      expect(listed).toEqual(appended);
      const trashed = listed[1] as { purgeAt: unknown; at: unknown };
      expect(trashed.purgeAt).toBeInstanceOf(Date);
      expect(trashed.at).toBeInstanceOf(Date);
    });
  });
}
