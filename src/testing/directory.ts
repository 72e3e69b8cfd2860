import { describe, expect, it } from "vitest";
import { asGroupId, asMemberId, asOrganisationId } from "../domain/ids.js";
import type { Member } from "../domain/member.js";
import type { NewEvent } from "../events.js";
import type { StoreTransaction } from "../ports/store.js";
import {
  aGroup,
  aMember,
  anEvent,
  anInvitation,
  appendEvent,
  at,
  daysAfter,
  eventLog,
  seedPeople,
} from "./records.js";
import type { Suite } from "./suite.js";

const ids = (records: readonly { id: string }[]) => records.map((record) => record.id);

/** Lookups of members, groups, invitations and events. */
export function directoryLookups(suite: Suite): void {
  describe("members", () => {
    it("R7: findByWorksId finds a member by the normalised works ID, and follows a change", async () => {
      const { sato } = await suite.run(async (tx) => {
        const people = await seedPeople(tx);
        const renamed: Member = { ...people.sato, worksId: "Sato.Hanako@Acme", version: 2 };
        await tx.members.update(renamed, 1);
        return { ...people, sato: renamed };
      });
      await suite.run(async (tx) => {
        expect(await tx.members.findByWorksId("sato.hanako@acme")).toEqual(sato);
        expect(await tx.members.findByWorksId("mem_sato@works")).toBeNull();
        expect(await tx.members.findByWorksId("nobody@acme")).toBeNull();
      });
    });

    it("R8: findByPhone lists every member with the number, in id order, and follows changes", async () => {
      const phone = { e164: "+819011112222", raw: "090-1111-2222" };
      await suite.run(async (tx) => {
        const { acme, globex, sato } = await seedPeople(tx);
        await tx.members.insert(aMember("mem_z", globex.id, { mobilePhone: phone }));
        await tx.members.insert(
          aMember("mem_b", acme.id, { mobilePhone: { ...phone, raw: "+81 90 1111 2222" } }),
        );
        await tx.members.insert(
          aMember("mem_c", acme.id, { mobilePhone: { e164: "+819099998888", raw: "x" } }),
        );
        await tx.members.update({ ...sato, mobilePhone: phone, version: 2 }, 1);
      });
      expect(ids(await suite.run((tx) => tx.members.findByPhone(phone.e164)))).toEqual([
        "mem_b",
        "mem_sato",
        "mem_z",
      ]);
      await suite.run(async (tx) => {
        const sato = (await tx.members.get(asMemberId("mem_sato"))) as Member;
        await tx.members.update({ ...sato, mobilePhone: null, version: 3 }, 2);
      });
      expect(ids(await suite.run((tx) => tx.members.findByPhone(phone.e164)))).toEqual(["mem_b", "mem_z"]);
      expect(await suite.run((tx) => tx.members.findByPhone("+10000000000"))).toEqual([]);
    });

    /** Each member's party as the member and organisation reads give it. */
    const partiesOf = (tx: StoreTransaction, memberIds: readonly string[]) =>
      Promise.all(
        memberIds.map(async (id) => {
          const member = (await tx.members.get(asMemberId(id))) as Member;
          return { member, organisation: await tx.organisations.get(member.organisationId) };
        }),
      );

    it("R7, R10: findCandidatesByWorksId reads the member with their organisation as both are now — or, if nobody has the ID, the stand-in", async () => {
      await suite.run(async (tx) => {
        const { globex, lee } = await seedPeople(tx);
        await tx.members.update({ ...lee, worksId: "Lee.Min@Globex", version: 2 }, 1);
        await tx.organisations.update(
          { ...globex, linking: { ...globex.linking, enabled: false }, version: 2 },
          1,
        );
      });
      const sato = asMemberId("mem_sato");
      await suite.run(async (tx) => {
        const found = await tx.members.findCandidatesByWorksId("lee.min@globex", sato);
        // Exactly the two records, each as its own read gives it: a switched-off organisation
        // is read like any other, the decision is the use-case's. The stand-in is not added.
        expect(found).toEqual(await partiesOf(tx, ["mem_lee"]));
        expect(found[0]?.organisation.linking.enabled).toBe(false);
        // Once, not twice, when the member is the stand-in too.
        expect(await tx.members.findCandidatesByWorksId("mem_sato@works", sato)).toEqual(
          await partiesOf(tx, ["mem_sato"]),
        );
        // A miss — an old ID, an unknown one — answers the stand-in in the member's place.
        for (const miss of ["mem_lee@works", "nobody@globex"]) {
          expect(await tx.members.findCandidatesByWorksId(miss, sato)).toEqual(
            await partiesOf(tx, ["mem_sato"]),
          );
        }
        expect(await tx.members.findCandidatesByWorksId("nobody@globex", asMemberId("mem_nobody"))).toEqual(
          [],
        );
      });
    });

    it("R8, R10: findCandidatesByPhone reads the members with the number who allow it, with their organisations, in id order — or, if none, the stand-in", async () => {
      const phone = { e164: "+819011112222", raw: "090-1111-2222" };
      await suite.run(async (tx) => {
        const { acme, globex } = await seedPeople(tx);
        await tx.members.insert(
          aMember("mem_z", globex.id, { mobilePhone: phone, allowSearchByPhone: true }),
        );
        await tx.members.insert(aMember("mem_b", acme.id, { mobilePhone: phone, allowSearchByPhone: true }));
        await tx.members.insert(aMember("mem_c", acme.id, { mobilePhone: phone, allowSearchByPhone: false }));
        await tx.members.insert(
          aMember("mem_e", acme.id, { mobilePhone: { e164: "+819077770000", raw: "090-7777-0000" } }),
        );
      });
      const sato = asMemberId("mem_sato");
      await suite.run(async (tx) => {
        expect(await tx.members.findCandidatesByPhone(phone.e164, sato)).toEqual(
          await partiesOf(tx, ["mem_b", "mem_z"]),
        );
        // A number nobody has, and one only a member who does not allow it has, are the same miss.
        for (const miss of ["+10000000000", "+819077770000"]) {
          expect(await tx.members.findCandidatesByPhone(miss, sato)).toEqual(
            await partiesOf(tx, ["mem_sato"]),
          );
        }
        expect(await tx.members.findCandidatesByPhone("+10000000000", asMemberId("mem_nobody"))).toEqual([]);
      });
      await suite.run(async (tx) => {
        const b = (await tx.members.get(asMemberId("mem_b"))) as Member;
        const c = (await tx.members.get(asMemberId("mem_c"))) as Member;
        await tx.members.update({ ...b, allowSearchByPhone: false, version: 2 }, 1);
        await tx.members.update({ ...c, allowSearchByPhone: true, version: 2 }, 1);
      });
      await suite.run(async (tx) => {
        expect(await tx.members.findCandidatesByPhone(phone.e164, sato)).toEqual(
          await partiesOf(tx, ["mem_c", "mem_z"]),
        );
      });
    });

    it("findByEmail matches the address in any case, in id order", async () => {
      await suite.run(async (tx) => {
        const { acme } = await seedPeople(tx);
        await tx.members.insert(aMember("mem_y", acme.id, { email: "Hanako.Sato@Example.COM" }));
        await tx.members.insert(aMember("mem_x", acme.id, { email: "hanako.sato@example.com" }));
        await tx.members.insert(aMember("mem_w", acme.id, { email: "other@example.com" }));
      });
      for (const query of ["hanako.sato@example.com", "HANAKO.SATO@EXAMPLE.COM"]) {
        const found = await suite.run((tx) => tx.members.findByEmail(query));
        expect(ids(found)).toEqual(["mem_x", "mem_y"]);
        expect(found[1]?.email).toBe("Hanako.Sato@Example.COM");
      }
      expect(await suite.run((tx) => tx.members.findByEmail("none@example.com"))).toEqual([]);
    });

    it("listByOrganisation pages one organisation's members in id order, after a cursor", async () => {
      await suite.run(async (tx) => {
        const { acme } = await seedPeople(tx);
        await tx.members.insert(aMember("mem_a", acme.id));
      });
      await suite.run(async (tx) => {
        const acme = asOrganisationId("org_acme");
        const page = (after: string | null, limit: number) =>
          tx.members.listByOrganisation(acme, { after: after === null ? null : asMemberId(after), limit });
        expect(ids(await page(null, 10))).toEqual(["mem_a", "mem_sato", "mem_suzuki", "mem_tanaka"]);
        expect(ids(await page(null, 2))).toEqual(["mem_a", "mem_sato"]);
        expect(ids(await page("mem_sato", 2))).toEqual(["mem_suzuki", "mem_tanaka"]);
        // A position between two ids, or past the last one.
        expect(ids(await page("mem_b", 1))).toEqual(["mem_sato"]);
        expect(await page("mem_tanaka", 5)).toEqual([]);
        expect(
          ids(await tx.members.listByOrganisation(asOrganisationId("org_globex"), { after: null, limit: 5 })),
        ).toEqual(["mem_kim", "mem_lee"]);
        expect(
          await tx.members.listByOrganisation(asOrganisationId("org_none"), { after: null, limit: 5 }),
        ).toEqual([]);
      });
      await suite.run((tx) => tx.members.delete(asMemberId("mem_sato"), 1));
      expect(
        ids(
          await suite.run((tx) =>
            tx.members.listByOrganisation(asOrganisationId("org_acme"), { after: null, limit: 10 }),
          ),
        ),
      ).toEqual(["mem_a", "mem_suzuki", "mem_tanaka"]);
    });

    it("R29: a deleted member is gone from every lookup", async () => {
      const { tanaka } = await suite.run(async (tx) => {
        const people = await seedPeople(tx);
        const tanaka: Member = {
          ...people.tanaka,
          email: "tanaka@example.com",
          mobilePhone: { e164: "+819077776666", raw: "090-7777-6666" },
          version: 2,
        };
        await tx.members.update(tanaka, 1);
        return { tanaka };
      });
      await suite.run((tx) => tx.members.delete(tanaka.id, 2));
      await suite.run(async (tx) => {
        expect(await tx.members.get(tanaka.id)).toBeNull();
        expect(await tx.members.findByWorksId("mem_tanaka@works")).toBeNull();
        expect(await tx.members.findByPhone("+819077776666")).toEqual([]);
        expect(await tx.members.findByEmail("tanaka@example.com")).toEqual([]);
      });
    });
  });

  describe("groups", () => {
    it("R27: listByOrganisation lists the organisation's groups by name, then id, as JavaScript orders strings", async () => {
      await suite.run(async (tx) => {
        const { acme, globex, sato } = await seedPeople(tx);
        const members = [sato.id];
        await tx.groups.insert(aGroup("grp_1", acme.id, members, { name: "beta" }));
        await tx.groups.insert(aGroup("grp_3", acme.id, members, { name: "Beta" }));
        await tx.groups.insert(aGroup("grp_2", acme.id, members, { name: "Beta" }));
        await tx.groups.insert(aGroup("grp_4", acme.id, members, { name: "営業" }));
        await tx.groups.insert(aGroup("grp_5", acme.id, members, { name: "Álvarez" }));
        await tx.groups.insert(aGroup("grp_6", globex.id, members, { name: "Alpha" }));
      });
      // "B" < "b" < "Á" < "営": code unit order, not a language's collation.
      expect(
        ids(await suite.run((tx) => tx.groups.listByOrganisation(asOrganisationId("org_acme")))),
      ).toEqual(["grp_2", "grp_3", "grp_1", "grp_5", "grp_4"]);
    });

    it("R27: listByMember lists the groups a member is in, and follows updates and deletes", async () => {
      const { sato, suzuki } = await suite.run(async (tx) => {
        const people = await seedPeople(tx);
        const { acme, sato, suzuki } = people;
        await tx.groups.insert(aGroup("grp_a", acme.id, [suzuki.id, sato.id], { name: "B" }));
        await tx.groups.insert(aGroup("grp_b", acme.id, [sato.id], { name: "A" }));
        await tx.groups.insert(aGroup("grp_c", acme.id, [suzuki.id], { name: "C" }));
        return people;
      });
      expect(ids(await suite.run((tx) => tx.groups.listByMember(sato.id)))).toEqual(["grp_b", "grp_a"]);
      // getParty reads member, organisation and groups at once, exactly as the three reads do.
      await suite.run(async (tx) => {
        for (const member of [sato, suzuki]) {
          expect(await tx.members.getParty(member.id)).toEqual({
            member: await tx.members.get(member.id),
            organisation: await tx.organisations.get(member.organisationId),
            groupIds: ids(await tx.groups.listByMember(member.id)),
          });
        }
        expect(await tx.members.getParty(asMemberId("mem_nobody"))).toBeNull();
      });
      await suite.run(async (tx) => {
        const a = await tx.groups.get(asGroupId("grp_a"));
        if (a === null) throw new Error("grp_a is missing");
        await tx.groups.update({ ...a, members: [suzuki.id], version: 2 }, 1);
        await tx.groups.delete(asGroupId("grp_b"), 1);
      });
      await suite.run(async (tx) => {
        expect(await tx.groups.listByMember(sato.id)).toEqual([]);
        expect(ids(await tx.groups.listByMember(suzuki.id))).toEqual(["grp_a", "grp_c"]);
        expect(await tx.groups.get(asGroupId("grp_b"))).toBeNull();
      });
    });
  });

  describe("invitations", () => {
    it("R20: findByTokenHash finds an invitation by its hash only", async () => {
      const invitation = await suite.run(async (tx) => {
        const { sato } = await seedPeople(tx);
        const invitation = anInvitation("inv_1", sato, { tokenHash: "a1b2c3" });
        await tx.invitations.insert(invitation);
        return invitation;
      });
      await suite.run(async (tx) => {
        expect(await tx.invitations.findByTokenHash("a1b2c3")).toEqual(invitation);
        expect(await tx.invitations.findByTokenHash("A1B2C3")).toBeNull();
        expect(await tx.invitations.findByTokenHash("inv_1")).toBeNull();
      });
    });

    it("R17: findByInviterAndEmail finds the inviter's invitation to an address, not another inviter's", async () => {
      const { sato, suzuki } = await suite.run(async (tx) => {
        const people = await seedPeople(tx);
        await tx.invitations.insert(anInvitation("inv_1", people.sato, { email: "lee@example.com" }));
        await tx.invitations.insert(anInvitation("inv_2", people.suzuki, { email: "kim@example.com" }));
        return people;
      });
      await suite.run(async (tx) => {
        expect((await tx.invitations.findByInviterAndEmail(sato.id, "lee@example.com"))?.id).toBe("inv_1");
        expect(await tx.invitations.findByInviterAndEmail(suzuki.id, "lee@example.com")).toBeNull();
        expect(await tx.invitations.findByInviterAndEmail(sato.id, "kim@example.com")).toBeNull();
      });
    });

    it("listByInviter lists the inviter's invitations newest first, ties by id descending", async () => {
      const { sato } = await suite.run(async (tx) => {
        const people = await seedPeople(tx);
        const { sato, suzuki } = people;
        await tx.invitations.insert(anInvitation("inv_a", sato, { createdAt: daysAfter(-2) }));
        await tx.invitations.insert(
          anInvitation("inv_b", sato, { kind: "link", email: null, createdAt: at }),
        );
        await tx.invitations.insert(
          anInvitation("inv_c", sato, { kind: "link", email: null, createdAt: at }),
        );
        await tx.invitations.insert(anInvitation("inv_d", sato, { createdAt: daysAfter(-1) }));
        await tx.invitations.insert(anInvitation("inv_e", suzuki, { createdAt: daysAfter(1) }));
        return people;
      });
      expect(ids(await suite.run((tx) => tx.invitations.listByInviter(sato.id)))).toEqual([
        "inv_c",
        "inv_b",
        "inv_d",
        "inv_a",
      ]);
    });
  });

  describe("events", () => {
    it("R35: list pages through the log by sequence: strictly after `after`, at most `limit`", async () => {
      const appended = await suite.run((tx) =>
        tx.events.appendAll(["evt_a", "evt_b", "evt_c", "evt_d", "evt_e"].map((id) => anEvent(id))),
      );
      const sequences = appended.map((event) => event.sequence);
      const first = sequences[0] ?? Number.NaN;
      expect(sequences).toEqual([first, first + 1, first + 2, first + 3, first + 4]);
      await suite.run(async (tx) => {
        expect(ids(await tx.events.list({ organisationId: eventLog, after: first - 1, limit: 2 }))).toEqual([
          "evt_a",
          "evt_b",
        ]);
        expect(ids(await tx.events.list({ organisationId: eventLog, after: first + 1, limit: 2 }))).toEqual([
          "evt_c",
          "evt_d",
        ]);
        expect(ids(await tx.events.list({ organisationId: eventLog, after: first + 3, limit: 2 }))).toEqual([
          "evt_e",
        ]);
        expect(await tx.events.list({ organisationId: eventLog, after: first + 4, limit: 2 })).toEqual([]);
      });
      const later = await suite.run((tx) => appendEvent(tx, anEvent("evt_f")));
      expect(later.sequence).toBe(first + 5);
    });

    it("R35: with a subject, list pages through only the events about that member, same sequences", async () => {
      const about = (id: string, memberId: string): NewEvent => ({
        ...(anEvent(id) as Extract<NewEvent, { type: "qr_code_issued" }>),
        memberId: asMemberId(memberId),
      });
      const appended = await suite.run((tx) =>
        tx.events.appendAll([
          about("evt_1", "mem_x"),
          about("evt_2", "mem_y"),
          about("evt_3", "mem_x"),
          about("evt_4", "mem_x"),
          about("evt_5", "mem_y"),
          // The same member in another organisation's log is another reader's.
          { ...about("evt_other", "mem_x"), organisationId: asOrganisationId("org_other") },
        ]),
      );
      const first = (appended[0]?.sequence ?? Number.NaN) - 1;
      const x = asMemberId("mem_x");
      await suite.run(async (tx) => {
        const page = (after: number, limit: number) =>
          tx.events.list({ organisationId: eventLog, after, limit, subjectId: x });
        const all = await page(first, 10);
        expect(ids(all)).toEqual(["evt_1", "evt_3", "evt_4"]);
        expect(all.map((event) => event.sequence)).toEqual(
          appended.filter((event) => ["evt_1", "evt_3", "evt_4"].includes(event.id)).map((e) => e.sequence),
        );
        expect(ids(await page(first, 2))).toEqual(["evt_1", "evt_3"]);
        expect(ids(await page(all[1]?.sequence ?? 0, 2))).toEqual(["evt_4"]);
        expect(await page(all[2]?.sequence ?? 0, 2)).toEqual([]);
        expect(
          await tx.events.list({
            organisationId: eventLog,
            after: first,
            limit: 10,
            subjectId: asMemberId("mem_z"),
          }),
        ).toEqual([]);
      });
    });
  });
}
