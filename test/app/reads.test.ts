import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sealCursor } from "../../src/domain/cursor.js";
import {
  eventSubject,
  type MemberId,
  type PartnerbookError,
  type PartnerbookEvent,
} from "../../src/index.js";
import { aMember, anOrganisation, aWorld, twoLinkableMembers, type World } from "../support/builders.js";

// Every read takes the acting member and shows only what the writes' rules let them see: a
// member's own organisation in full, someone outside at most R9's card where R3 allows, an
// organisation's log to its admins and to each member the part about them.

const refusalOf = async (
  call: Promise<unknown>,
): Promise<Pick<PartnerbookError, "code" | "message" | "details">> => {
  try {
    await call;
  } catch (error) {
    const { code, message, details } = error as PartnerbookError;
    return { code, message, details };
  }
  throw new Error("the call was not refused");
};

const ghost = "mem_ghost" as MemberId;

describe("members.get: one's own organisation only", () => {
  it("R9: a colleague reads a member of their organisation in full, phone and email included", async () => {
    const world = aWorld();
    const { acme, sato } = await twoLinkableMembers(world);
    const kato = await aMember(world, acme, { email: "kato@acme.example", mobilePhone: "090-1111-2222" });
    const read = await world.book.members.get(sato.id, kato.id);
    expect(read).toEqual(kato);
  });

  it("R9, R10: another organisation's member is NOT_FOUND, the same answer as no member at all", async () => {
    const world = aWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const foreign = await refusalOf(world.book.members.get(sato.id, lee.id));
    expect(foreign.code).toBe("NOT_FOUND");
    expect(foreign).toEqual(await refusalOf(world.book.members.get(sato.id, ghost)));
    expect(JSON.stringify(foreign)).not.toContain("090");
  });

  it("R7: findByWorksId finds a colleague case-insensitively and nobody outside the organisation", async () => {
    const world = aWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const kato = await aMember(world, acme, { worksId: "Kato.Ken@acme" });
    expect(await world.book.members.findByWorksId(sato.id, "  KATO.ken@ACME ")).toEqual(kato);
    const foreign = await refusalOf(world.book.members.findByWorksId(sato.id, lee.worksId));
    expect(foreign.code).toBe("NOT_FOUND");
    expect(foreign).toEqual(await refusalOf(world.book.members.findByWorksId(sato.id, "nobody@nowhere")));
  });
});

describe("members.card: R9's card, only where R3 allows", () => {
  it("R9: the card of an external user one may link with shows no phone, email or works ID", async () => {
    const world = aWorld();
    const { sato, lee, globex } = await twoLinkableMembers(world);
    const card = await world.book.members.card(sato.id, lee.id);
    expect(card).toEqual({
      memberId: lee.id,
      displayName: "Lee Min",
      nickname: "Min",
      company: globex.organisation.name,
      photoUrl: null,
    });
    expect(JSON.stringify(card)).not.toMatch(/090|\+81|lee\d+/);
  });

  it("R3, R10: linking off, outside scope, blocked and no such member all give one answer", async () => {
    const world = aWorld();
    const { acme, globex, sato, lee } = await twoLinkableMembers(world);
    const answers = [await refusalOf(world.book.members.card(sato.id, ghost))];
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      enabled: false,
    });
    answers.push(await refusalOf(world.book.members.card(sato.id, lee.id)));
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      enabled: true,
      scope: { kind: "listed", members: [globex.admin.id] },
    });
    answers.push(await refusalOf(world.book.members.card(sato.id, lee.id)));
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      scope: { kind: "all" },
      partners: { kind: "block", organisations: [acme.organisation.id] },
    });
    answers.push(await refusalOf(world.book.members.card(sato.id, lee.id)));
    expect(answers[0]?.code).toBe("NOT_FOUND");
    for (const answer of answers) expect(answer).toEqual(answers[0]);
  });

  it("R10: the reader's own side being off is theirs to fix, so it is said plainly", async () => {
    const world = aWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: false });
    expect((await refusalOf(world.book.members.card(sato.id, lee.id))).code).toBe("LINKING_DISABLED");
  });

  it("R3: a colleague's card is always readable; R3 is about external users", async () => {
    const world = aWorld();
    const { acme, sato } = await twoLinkableMembers(world);
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: false });
    const card = await world.book.members.card(sato.id, acme.admin.id);
    expect(card).toMatchObject({ memberId: acme.admin.id, company: acme.organisation.name });
  });
});

describe("members.list: the organisation's members, paged", () => {
  it("pages through every member of one's own organisation, in id order, and nobody else", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 5 }),
        async (extra, limit) => {
          const world = aWorld();
          const { acme, sato } = await twoLinkableMembers(world);
          const expected = [acme.admin.id, sato.id];
          for (let i = 0; i < extra; i++) expected.push((await aMember(world, acme)).id);
          const seen: MemberId[] = [];
          let cursor: string | null = null;
          for (let pages = 0; pages <= expected.length; pages++) {
            const page = await world.book.members.list(sato.id, { cursor, limit });
            expect(page.items.length).toBeLessThanOrEqual(limit);
            seen.push(...page.items.map((member) => member.id));
            cursor = page.nextCursor;
            if (cursor === null) break;
          }
          expect(cursor).toBeNull();
          expect(seen).toEqual([...expected].sort());
        },
      ),
      { seed: 13, numRuns: 25 },
    );
  });

  it("a cursor from another organisation's list, or a changed one, is VALIDATION", async () => {
    const world = aWorld();
    const { acme, globex, sato, lee } = await twoLinkableMembers(world);
    await aMember(world, acme);
    await aMember(world, globex);
    const theirs = (await world.book.members.list(lee.id, { limit: 1 })).nextCursor ?? "";
    const mine = (await world.book.members.list(sato.id, { limit: 1 })).nextCursor ?? "";
    expect(theirs).not.toBe("");
    const refusal = await refusalOf(world.book.members.list(sato.id, { cursor: theirs }));
    expect(refusal).toMatchObject({ code: "VALIDATION", details: { issues: [{ path: ["cursor"] }] } });
    // Well sealed, but not a position this list can give out: an id no API hands out.
    const forged = sealCursor(`members:${acme.organisation.id}`, [` ${"x".repeat(200)}`]);
    expect((await refusalOf(world.book.members.list(sato.id, { cursor: forged }))).code).toBe("VALIDATION");
    const changed = `${mine.slice(0, -1)}${mine.endsWith("A") ? "B" : "A"}`;
    expect((await refusalOf(world.book.members.list(sato.id, { cursor: changed }))).code).toBe("VALIDATION");
  });
});

describe("organisations.get: one's own organisation only", () => {
  it("a member reads their organisation; another one is NOT_FOUND, like one that does not exist", async () => {
    const world = aWorld();
    const { acme, globex, sato } = await twoLinkableMembers(world);
    expect(await world.book.organisations.get(sato.id, acme.organisation.id)).toEqual(acme.organisation);
    const foreign = await refusalOf(world.book.organisations.get(sato.id, globex.organisation.id));
    expect(foreign.code).toBe("NOT_FOUND");
    expect(foreign).toEqual(await refusalOf(world.book.organisations.get(sato.id, "org_none" as never)));
  });
});

/** The steps of a small history in one organisation: who does what. */
const stepArb = fc.oneof(
  fc.record({ kind: fc.constant("add" as const), who: fc.nat(2) }),
  fc.record({ kind: fc.constant("edit" as const), who: fc.nat(2) }),
  fc.record({ kind: fc.constant("trash" as const), who: fc.nat(2) }),
  fc.record({ kind: fc.constant("profile" as const), who: fc.nat(2) }),
);

type Step = { readonly kind: "add" | "edit" | "trash" | "profile"; readonly who: number };

async function playHistory(world: World, steps: readonly Step[]) {
  const acme = await anOrganisation(world, { name: "Acme" });
  const people = [acme.admin, await aMember(world, acme), await aMember(world, acme)];
  const books = new Map<MemberId, { id: string; version: number }[]>();
  for (const [i, step] of steps.entries()) {
    const actor = people[step.who] ?? acme.admin;
    const own = books.get(actor.id) ?? [];
    books.set(actor.id, own);
    if (step.kind === "add" || own.length === 0) {
      const contact = await world.book.contacts.addCustomer(actor.id, {
        familyName: "山田",
        phones: [{ number: "090-0000-0001" }],
      });
      own.push({ id: contact.id, version: contact.version });
    } else if (step.kind === "edit") {
      const target = own.at(-1) as { id: string; version: number };
      const edited = await world.book.contacts.edit(
        actor.id,
        target.id as never,
        { memo: `v${target.version}` },
        {
          expectedVersion: target.version,
        },
      );
      target.version = edited.version;
    } else if (step.kind === "trash") {
      const target = own.pop() as { id: string };
      await world.book.trash.delete(actor.id, target.id as never);
    } else {
      await world.book.members.updateProfile(actor.id, { nickname: `nickname ${i}` });
    }
  }
  return { acme, people };
}

describe("events.list: an organisation's log, by who reads it", () => {
  it("R35: for any history, a member reads exactly the events about them; the admin reads them all", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { maxLength: 12 }), async (steps) => {
        const world = aWorld();
        const { acme, people } = await playHistory(world, steps);
        const all = await world.book.events.list(acme.admin.id, {
          organisationId: acme.organisation.id,
          limit: 1000,
        });
        expect(all.map((event) => event.sequence)).toEqual(all.map((_, i) => i + 1));
        for (const member of people.slice(1)) {
          const mine = await world.book.events.list(member.id, {
            organisationId: acme.organisation.id,
            limit: 1000,
          });
          expect(mine).toEqual(all.filter((event) => eventSubject(event) === member.id));
          // Nothing about a colleague's contacts or profile.
          expect(mine.every((event: PartnerbookEvent) => eventSubject(event) === member.id)).toBe(true);
        }
      }),
      { seed: 35, numRuns: 30 },
    );
  });

  it("R35: a member's own contact steps are all in their view, with their contact ids", async () => {
    const world = aWorld();
    const acme = await anOrganisation(world, { name: "Acme" });
    const kato = await aMember(world, acme);
    const contact = await world.book.contacts.addCustomer(kato.id, {
      familyName: "山田",
      emails: [{ address: "yamada@example.jp" }],
    });
    await world.book.trash.delete(kato.id, contact.id);
    await world.book.trash.restore(kato.id, contact.id);
    const mine = await world.book.events.list(kato.id, { organisationId: acme.organisation.id });
    expect(mine.map((event) => event.type)).toEqual([
      "member_created",
      "contact_added",
      "contact_trashed",
      "contact_restored",
    ]);
    expect(mine.slice(1)).toEqual(
      mine.slice(1).map((_event) => expect.objectContaining({ contactId: contact.id, ownerId: kato.id })),
    );
  });

  it("R35: another organisation's log is NOT_FOUND, even for its partner's admin", async () => {
    const world = aWorld();
    const { acme, globex } = await twoLinkableMembers(world);
    const foreign = await refusalOf(
      world.book.events.list(acme.admin.id, { organisationId: globex.organisation.id }),
    );
    expect(foreign.code).toBe("NOT_FOUND");
    expect(foreign).toEqual(
      await refusalOf(world.book.events.list(acme.admin.id, { organisationId: "org_none" as never })),
    );
  });
});

describe("the acting member", () => {
  it("an unknown actor is UNKNOWN_ACTOR on every read, distinct from NOT_FOUND of what is read", async () => {
    const world = aWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const reads: (() => Promise<unknown>)[] = [
      () => world.book.members.get(ghost, sato.id),
      () => world.book.members.card(ghost, lee.id),
      () => world.book.members.findByWorksId(ghost, sato.worksId),
      () => world.book.members.list(ghost),
      () => world.book.organisations.get(ghost, acme.organisation.id),
      () => world.book.events.list(ghost, { organisationId: acme.organisation.id }),
      () => world.book.contacts.list(ghost),
      () => world.book.contacts.get(ghost, "con_1" as never),
      () => world.book.trash.list(ghost),
      () => world.book.groups.list(ghost),
      () => world.book.invitations.listPending(ghost),
      () => world.book.search.byWorksId(ghost, lee.worksId),
    ];
    for (const read of reads) expect((await refusalOf(read())).code).toBe("UNKNOWN_ACTOR");
    expect((await refusalOf(world.book.contacts.get(sato.id, "con_none" as never))).code).toBe("NOT_FOUND");
  });
});
