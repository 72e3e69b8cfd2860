import { describe, expect, it } from "vitest";
import {
  createPartnerbook,
  type LinkingPolicyPatchInput,
  type Member,
  type MemberId,
  manualClock,
  type OrganisationId,
  type PartnerbookEvent,
  type Store,
  sequentialIds,
  type TalkAccess,
} from "../../src/index.js";
import { memoryStore } from "../../src/memory.js";
import {
  aMember,
  anOrganisation,
  aWorld,
  start,
  twoLinkableMembers,
  type World,
} from "../support/builders.js";
import { adminOf, eventsOf, everyEvent } from "../support/events.js";

const talking: TalkAccess = { canTalk: true, canViewHistory: true, reason: "ok" };
const suspended: TalkAccess = { canTalk: false, canViewHistory: true, reason: "linking_suspended" };

/** Sato (Acme) has added Lee (Globex); the link is active. */
async function linkedPair(world: World) {
  const parties = await twoLinkableMembers(world);
  const { contact } = await world.book.contacts.addFromSearch(parties.sato.id, parties.lee.id);
  return { ...parties, contact };
}

/** The events recorded while `step` ran, in every organisation's log (read from where each log stood). */
async function eventsDuring(
  world: World,
  step: () => Promise<unknown>,
): Promise<readonly PartnerbookEvent[]> {
  const last = new Map<OrganisationId, number>();
  for (const event of await everyEvent(world)) last.set(event.organisationId, event.sequence);
  await step();
  const logs = new Set((await everyEvent(world)).map((event) => event.organisationId));
  const events: PartnerbookEvent[] = [];
  for (const organisationId of logs) {
    const reader = adminOf(world.store, organisationId);
    events.push(
      ...(await world.book.events.list(reader, { organisationId, after: last.get(organisationId) ?? 0 })),
    );
  }
  return events;
}

/** The member ids on the cards `actor` gets when searching for `target`'s works ID. */
async function found(world: World, actor: Member, target: Member): Promise<MemberId[]> {
  const cards = await world.book.search.byWorksId(actor.id, target.worksId);
  return cards.map((card) => card.memberId);
}

describe("R1: the external-linking switch and its default", () => {
  it("R1: a free organisation starts with external linking on for all members and any partner", async () => {
    const world = aWorld();
    const { organisation, admin } = await world.book.organisations.create({
      name: "Acme",
      plan: "free",
      admin: { worksId: "acme.admin", displayName: "Admin" },
    });
    const expected = { enabled: true, scope: { kind: "all" }, partners: { kind: "any" } };
    expect(organisation.linking).toEqual(expected);
    expect((await world.book.organisations.get(admin.id, organisation.id)).linking).toEqual(expected);
  });

  it("R1: an organisation created without a plan is on the free plan, linking on", async () => {
    const world = aWorld();
    const { organisation } = await world.book.organisations.create({
      name: "Acme",
      admin: { worksId: "acme.admin", displayName: "Admin" },
    });
    expect(organisation.plan).toBe("free");
    expect(organisation.linking.enabled).toBe(true);
  });

  it.each(["standard", "advanced"] as const)(
    "R1: a %s organisation starts with linking off",
    async (plan) => {
      const world = aWorld();
      const { organisation, admin } = await world.book.organisations.create({
        name: "Acme",
        plan,
        admin: { worksId: "acme.admin", displayName: "Admin" },
      });
      expect(organisation.linking.enabled).toBe(false);
      expect((await world.book.organisations.get(admin.id, organisation.id)).linking.enabled).toBe(false);
    },
  );

  it("R1: members of a paid organisation cannot link until an admin turns linking on", async () => {
    const world = aWorld();
    const paid = await world.book.organisations.create({
      name: "Acme",
      plan: "standard",
      admin: { worksId: "acme.admin", displayName: "Admin" },
    });
    const globex = await anOrganisation(world);
    const lee = await aMember(world, globex);
    await expect(world.book.search.byWorksId(paid.admin.id, lee.worksId)).rejects.toMatchObject({
      code: "LINKING_DISABLED",
      details: { reason: "linking_off" },
    });
    await world.book.organisations.setLinkingPolicy(paid.admin.id, paid.organisation.id, { enabled: true });
    expect(await found(world, paid.admin, lee)).toEqual([lee.id]);
  });
});

describe("R2: the scope of the switch", () => {
  /** Acme lists only `inside`; `outside` is a member of Acme left out of the scope. */
  async function scoped(world: World) {
    const parties = await twoLinkableMembers(world);
    const inside = parties.sato;
    const outside = await aMember(world, parties.acme, {
      worksId: "outside",
      mobilePhone: "090-0000-1111",
      allowSearchByPhone: true,
    });
    await world.book.organisations.setLinkingPolicy(parties.acme.admin.id, parties.acme.organisation.id, {
      scope: { kind: "listed", members: [inside.id] },
    });
    return { ...parties, inside, outside };
  }

  it("R2: a member outside the scope cannot search for external users", async () => {
    const world = aWorld();
    const { outside, lee } = await scoped(world);
    await expect(world.book.search.byWorksId(outside.id, lee.worksId)).rejects.toMatchObject({
      code: "LINKING_DISABLED",
      details: { reason: "out_of_scope" },
    });
  });

  it("R2: a member outside the scope cannot be found by works ID", async () => {
    const world = aWorld();
    const { inside, outside, lee } = await scoped(world);
    expect(await found(world, lee, outside)).toEqual([]);
    expect(await found(world, lee, inside)).toEqual([inside.id]);
  });

  it("R2: a member outside the scope cannot be found by phone", async () => {
    const world = aWorld();
    const { acme, outside, lee } = await scoped(world);
    const byPhone = async () =>
      (await world.book.search.byPhone(lee.id, "090-0000-1111")).map((c) => c.memberId);
    expect(await byPhone()).toEqual([]);
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
      scope: { kind: "all" },
    });
    expect(await byPhone()).toEqual([outside.id]);
  });

  it("R2: a member outside the scope cannot add an external user", async () => {
    const world = aWorld();
    const { outside, lee } = await scoped(world);
    await expect(world.book.contacts.addFromSearch(outside.id, lee.id)).rejects.toMatchObject({
      code: "LINKING_DISABLED",
      details: { reason: "out_of_scope" },
    });
    expect((await world.book.contacts.list(outside.id)).items).toEqual([]);
  });

  it("R2: a member outside the scope cannot be added by an external user", async () => {
    const world = aWorld();
    const { outside, lee } = await scoped(world);
    await expect(world.book.contacts.addFromSearch(lee.id, outside.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await world.book.contacts.list(lee.id)).items).toEqual([]);
  });

  it("R2: a member inside a listed scope links as usual", async () => {
    const world = aWorld();
    const { inside, lee } = await scoped(world);
    const added = await world.book.contacts.addFromSearch(inside.id, lee.id);
    expect(added.status).toBe("added");
    expect(await world.book.contacts.talkAccess(inside.id, added.contact.id)).toEqual(talking);
  });
});

describe("R3: both sides must be on", () => {
  it("R3: linking needs both organisations switched on", async () => {
    const world = aWorld();
    const { globex, sato, lee } = await twoLinkableMembers(world);
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      enabled: false,
    });
    expect(await found(world, sato, lee)).toEqual([]);
    await expect(world.book.contacts.addFromSearch(sato.id, lee.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      enabled: true,
    });
    expect(await found(world, sato, lee)).toEqual([lee.id]);
  });

  it("R3: a member whose own organisation is off is told so explicitly", async () => {
    const world = aWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: false });
    await expect(world.book.search.byWorksId(sato.id, lee.worksId)).rejects.toMatchObject({
      code: "LINKING_DISABLED",
      details: { reason: "linking_off" },
    });
    await expect(world.book.contacts.addFromSearch(sato.id, lee.id)).rejects.toMatchObject({
      code: "LINKING_DISABLED",
      details: { reason: "linking_off" },
    });
  });

  it("R3: members of the same organisation are never external to each other", async () => {
    const world = aWorld();
    const { acme, sato } = await twoLinkableMembers(world);
    const colleague = await aMember(world, acme);
    expect(await found(world, sato, colleague)).toEqual([]);
    await expect(world.book.contacts.addFromSearch(sato.id, colleague.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("R4: allow-lists and block-lists of partner organisations", () => {
  it("R4: an allow-list lets only the listed partners link, both ways", async () => {
    const world = aWorld();
    const { acme, sato, lee } = await twoLinkableMembers(world);
    const initech = await anOrganisation(world, { name: "Initech" });
    const peter = await aMember(world, initech);
    const after = await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
      partners: { kind: "allow", organisations: [initech.organisation.id] },
    });
    expect(after.linking.partners).toEqual({ kind: "allow", organisations: [initech.organisation.id] });
    expect(await found(world, sato, lee)).toEqual([]);
    expect(await found(world, lee, sato)).toEqual([]);
    expect(await found(world, sato, peter)).toEqual([peter.id]);
    expect(await found(world, peter, sato)).toEqual([sato.id]);
  });

  it("R4: a block-list refuses the blocked organisation both ways", async () => {
    const world = aWorld();
    const { acme, globex, sato, lee } = await twoLinkableMembers(world);
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      partners: { kind: "block", organisations: [acme.organisation.id] },
    });
    expect(await found(world, sato, lee)).toEqual([]);
    expect(await found(world, lee, sato)).toEqual([]);
    await expect(world.book.contacts.addFromSearch(sato.id, lee.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // The blocking side gets the same answer as for anyone it cannot add: its block-list is
    // a choice it made, not a switch it must fix (R10 reserves LINKING_DISABLED for that).
    await expect(world.book.contacts.addFromSearch(lee.id, sato.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await world.book.contacts.list(sato.id)).items).toEqual([]);
    expect((await world.book.contacts.list(lee.id)).items).toEqual([]);
  });

  it("R4: a block-list leaves every other organisation free to link", async () => {
    const world = aWorld();
    const { acme, globex, lee } = await twoLinkableMembers(world);
    const initech = await anOrganisation(world, { name: "Initech" });
    const peter = await aMember(world, initech);
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      partners: { kind: "block", organisations: [acme.organisation.id] },
    });
    expect(await found(world, peter, lee)).toEqual([lee.id]);
  });

  it("R4: lifting a block lets the organisations link again", async () => {
    const world = aWorld();
    const { acme, globex, sato, lee } = await twoLinkableMembers(world);
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      partners: { kind: "block", organisations: [acme.organisation.id] },
    });
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      partners: { kind: "any" },
    });
    expect(await found(world, sato, lee)).toEqual([lee.id]);
  });
});

describe("R5: switching off suspends, switching on resumes", () => {
  it("R5: switching linking off suspends talk but keeps the contact and its history", async () => {
    const world = aWorld();
    const { acme, sato, contact } = await linkedPair(world);
    const listed = await world.book.contacts.list(sato.id);
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: false });
    expect(await world.book.contacts.talkAccess(sato.id, contact.id)).toEqual(suspended);
    expect(await world.book.contacts.list(sato.id)).toEqual(listed);
    expect(listed.items.map((entry) => entry.contact.id)).toEqual([contact.id]);
  });

  it("R5: the partner switching off suspends talk on this side too", async () => {
    const world = aWorld();
    const { globex, sato, contact } = await linkedPair(world);
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      enabled: false,
    });
    expect(await world.book.contacts.talkAccess(sato.id, contact.id)).toEqual(suspended);
  });

  it("R5: narrowing the scope suspends talk for members left out", async () => {
    const world = aWorld();
    const { acme, sato, contact } = await linkedPair(world);
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
      scope: { kind: "listed", members: [acme.admin.id] },
    });
    expect(await world.book.contacts.talkAccess(sato.id, contact.id)).toEqual(suspended);
  });

  it("R5: blocking the partner suspends talk", async () => {
    const world = aWorld();
    const { acme, globex, sato, contact } = await linkedPair(world);
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      partners: { kind: "block", organisations: [acme.organisation.id] },
    });
    expect(await world.book.contacts.talkAccess(sato.id, contact.id)).toEqual(suspended);
  });

  it("R5: suspending a link deletes nothing from the store", async () => {
    const world = aWorld();
    const { acme, globex } = await linkedPair(world);
    const before = world.store.snapshot();
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: false });
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
      scope: { kind: "listed", members: [] },
    });
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      partners: { kind: "block", organisations: [acme.organisation.id] },
    });
    const after = world.store.snapshot();
    expect(after.contacts).toEqual(before.contacts);
    expect(after.members).toEqual(before.members);
    expect(after.qrCodes).toEqual(before.qrCodes);
  });

  it("R5: switching back on resumes talk exactly as it was", async () => {
    const world = aWorld();
    const { acme, sato, contact } = await linkedPair(world);
    const before = await world.book.contacts.get(sato.id, contact.id);
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: false });
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: true });
    expect(await world.book.contacts.talkAccess(sato.id, contact.id)).toEqual(talking);
    expect(await world.book.contacts.get(sato.id, contact.id)).toEqual(before);
  });

  it("R5: widening the scope and lifting a block resume talk", async () => {
    const world = aWorld();
    const { acme, globex, sato, contact } = await linkedPair(world);
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
      scope: { kind: "listed", members: [] },
    });
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      partners: { kind: "block", organisations: [acme.organisation.id] },
    });
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
      scope: { kind: "listed", members: [sato.id] },
    });
    expect(await world.book.contacts.talkAccess(sato.id, contact.id)).toEqual(suspended);
    await world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
      partners: { kind: "any" },
    });
    expect(await world.book.contacts.talkAccess(sato.id, contact.id)).toEqual(talking);
  });
});

describe("R6: only admins change the policy, and every change is recorded", () => {
  it("R6: a member who is not an admin cannot change the linking policy, and nothing changes", async () => {
    const world = aWorld();
    const { acme, sato } = await twoLinkableMembers(world);
    const before = world.store.snapshot();
    await expect(
      world.book.organisations.setLinkingPolicy(sato.id, acme.organisation.id, { enabled: false }),
    ).rejects.toMatchObject({ code: "NOT_PERMITTED" });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R6: an admin of another organisation cannot change the linking policy", async () => {
    const world = aWorld();
    const { acme, globex } = await twoLinkableMembers(world);
    const before = world.store.snapshot();
    await expect(
      world.book.organisations.setLinkingPolicy(globex.admin.id, acme.organisation.id, {
        partners: { kind: "block", organisations: [globex.organisation.id] },
      }),
    ).rejects.toMatchObject({ code: "NOT_PERMITTED" });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R6: a member who is not an admin cannot rename the organisation", async () => {
    const world = aWorld();
    const { acme, sato } = await twoLinkableMembers(world);
    const before = world.store.snapshot();
    await expect(
      world.book.organisations.rename(sato.id, acme.organisation.id, "Hacked"),
    ).rejects.toMatchObject({
      code: "NOT_PERMITTED",
    });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R6: a member made admin may change the linking policy", async () => {
    const world = aWorld();
    const acme = await anOrganisation(world);
    const second = await aMember(world, acme);
    await expect(
      world.book.organisations.setLinkingPolicy(second.id, acme.organisation.id, { enabled: false }),
    ).rejects.toMatchObject({ code: "NOT_PERMITTED" });
    const deputy = await world.book.members.create(
      acme.admin.id,
      { worksId: "deputy", displayName: "Deputy" },
      { admin: true },
    );
    const after = await world.book.organisations.setLinkingPolicy(deputy.id, acme.organisation.id, {
      enabled: false,
    });
    expect(after.linking.enabled).toBe(false);
    expect((await world.book.organisations.get(acme.admin.id, acme.organisation.id)).linking.enabled).toBe(
      false,
    );
  });

  it("R6: an admin's change is recorded with who, when, before and after", async () => {
    const world = aWorld();
    const { acme, globex } = await twoLinkableMembers(world);
    world.clock.advance(5 * 60_000);
    const events = await eventsDuring(world, () =>
      world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
        enabled: false,
        partners: { kind: "block", organisations: [globex.organisation.id] },
      }),
    );
    expect(events).toEqual([
      {
        type: "linking_policy_changed",
        id: expect.any(String),
        sequence: expect.any(Number),
        at: new Date(start.getTime() + 5 * 60_000),
        actorId: acme.admin.id,
        organisationId: acme.organisation.id,
        before: { enabled: true, scope: { kind: "all" }, partners: { kind: "any" } },
        after: {
          enabled: false,
          scope: { kind: "all" },
          partners: { kind: "block", organisations: [globex.organisation.id] },
        },
      },
    ]);
  });

  it("R6: a partial patch keeps the parts of the policy it does not name", async () => {
    const world = aWorld();
    const { acme, sato } = await twoLinkableMembers(world);
    const scope = { kind: "listed" as const, members: [sato.id] };
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { scope });
    const after = await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
      enabled: false,
    });
    expect(after.linking).toEqual({ enabled: false, scope, partners: { kind: "any" } });
    expect((await world.book.organisations.get(acme.admin.id, acme.organisation.id)).linking).toEqual(
      after.linking,
    );
  });

  it.each<[string, unknown]>([
    ["a non-boolean switch", { enabled: "yes" }],
    ["an unknown key", { enable: true }],
    ["an unknown scope kind", { scope: { kind: "some" } }],
    ["a listed scope without members", { scope: { kind: "listed" } }],
    ["a scope all with members", { scope: { kind: "all", members: [] } }],
    ["an empty member id in the scope", { scope: { kind: "listed", members: [""] } }],
    ["an unknown partner rule", { partners: { kind: "only" } }],
    ["a block rule without organisations", { partners: { kind: "block" } }],
    ["an empty organisation id in the allow-list", { partners: { kind: "allow", organisations: [" "] } }],
    ["no patch at all", null],
    ["a string instead of a patch", "off"],
  ])("R6: a malformed policy patch (%s) is a VALIDATION error and changes nothing", async (_, patch) => {
    const world = aWorld();
    const acme = await anOrganisation(world);
    const before = world.store.snapshot();
    const error = await world.book.organisations
      .setLinkingPolicy(acme.admin.id, acme.organisation.id, patch as LinkingPolicyPatchInput)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "VALIDATION", name: "PartnerbookError" });
    expect(error).toHaveProperty("issues", expect.arrayContaining([expect.anything()]));
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R6: a VALIDATION error names the malformed field", async () => {
    const world = aWorld();
    const acme = await anOrganisation(world);
    await expect(
      world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
        enabled: "yes",
      } as unknown as LinkingPolicyPatchInput),
    ).rejects.toMatchObject({ code: "VALIDATION", issues: [{ path: ["enabled"] }] });
  });

  it("R6: an empty actor or organisation id is a VALIDATION error", async () => {
    const world = aWorld();
    const acme = await anOrganisation(world);
    await expect(
      world.book.organisations.setLinkingPolicy("" as never, acme.organisation.id, { enabled: false }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      world.book.organisations.setLinkingPolicy(acme.admin.id, "" as never, { enabled: false }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });
});

describe("R6: what is not a change is not recorded", () => {
  it("R6: a patch that leaves the policy as it is records nothing and keeps the version", async () => {
    const world = aWorld();
    const acme = await anOrganisation(world);
    const before = world.store.snapshot();
    const same = await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
      enabled: true,
      scope: { kind: "all" },
    });
    expect(same.version).toBe(acme.organisation.version);
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R2: a listed scope may only name members of the organisation itself", async () => {
    const world = aWorld();
    const { acme, lee } = await twoLinkableMembers(world);
    const before = world.store.snapshot();
    await expect(
      world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
        scope: { kind: "listed", members: [acme.admin.id, lee.id] },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", details: { issues: [{ path: ["scope", "members", 1] }] } });
    expect(world.store.snapshot()).toEqual(before);
  });
});

describe("R35: organisation steps are recorded as events", () => {
  /** A world whose store notes each commit in `log`, so delivery order can be checked. */
  function anObservedWorld(log: string[]): World {
    const inner = memoryStore();
    const store: Store = {
      async transaction(fn) {
        const result = await inner.transaction(fn);
        log.push("commit");
        return result;
      },
    };
    const clock = manualClock(start);
    return { book: createPartnerbook({ store, clock, ids: sequentialIds() }), store: inner, clock };
  }

  it("R35: a subscriber hears a policy change only after it has committed", async () => {
    const log: string[] = [];
    const world = anObservedWorld(log);
    const acme = await anOrganisation(world);
    world.book.events.subscribe((event) => log.push(`event:${event.type}`));
    log.length = 0;
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: false });
    expect(log).toEqual(["commit", "event:linking_policy_changed"]);
  });

  it("R35: a subscriber hears the same event that is stored in the log", async () => {
    const world = aWorld();
    const acme = await anOrganisation(world);
    const heard: PartnerbookEvent[] = [];
    world.book.events.subscribe((event) => heard.push(event));
    const stored = await eventsDuring(world, () =>
      world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: false }),
    );
    expect(heard).toEqual(stored);
    expect(heard.map((e) => e.type)).toEqual(["linking_policy_changed"]);
  });

  it("R35: a refused policy change is neither delivered nor stored", async () => {
    const world = aWorld();
    const { acme, sato } = await twoLinkableMembers(world);
    const heard: PartnerbookEvent[] = [];
    world.book.events.subscribe((event) => heard.push(event));
    const events = await eventsDuring(world, () =>
      world.book.organisations
        .setLinkingPolicy(sato.id, acme.organisation.id, { enabled: false })
        .catch(() => {}),
    );
    expect(events).toEqual([]);
    expect(heard).toEqual([]);
  });

  it("R35: an event recorded by a step that then fails is neither delivered nor stored", async () => {
    const world = aWorld();
    const acme = await anOrganisation(world);
    const heard: PartnerbookEvent[] = [];
    world.book.events.subscribe((event) => heard.push(event));
    const before = world.store.snapshot();
    // organisation_created is recorded before the admin's taken works ID makes the step fail.
    await expect(
      world.book.organisations.create({
        name: "Copycat",
        admin: { worksId: acme.admin.worksId, displayName: "X" },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(heard).toEqual([]);
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R35: a failed step leaves no gap in the event sequence", async () => {
    const world = aWorld();
    const acme = await anOrganisation(world);
    const before = await everyEvent(world);
    const last = (await eventsOf(world.book, acme.admin.id, acme.organisation.id)).at(-1)?.sequence ?? 0;
    await world.book.organisations
      .create({ name: "Copycat", admin: { worksId: acme.admin.worksId, displayName: "X" } })
      .catch(() => {});
    // The failed step's organisation_created went with it: no log holds it.
    expect(await everyEvent(world)).toEqual(before);
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: false });
    const events = await world.book.events.list(acme.admin.id, {
      organisationId: acme.organisation.id,
      after: last,
    });
    expect(events.map((e) => [e.sequence, e.type])).toEqual([[last + 1, "linking_policy_changed"]]);
    const globex = await anOrganisation(world);
    const [first] = await eventsOf(world.book, globex.admin.id, globex.organisation.id);
    expect(first).toMatchObject({ sequence: 1, type: "organisation_created" });
  });

  it("R35: creating an organisation records organisation_created and its admin's member_created", async () => {
    const world = aWorld();
    let created: { organisation: { id: string }; admin: { id: string } } | undefined;
    const events = await eventsDuring(world, async () => {
      created = await world.book.organisations.create({
        name: "Acme",
        plan: "advanced",
        admin: { worksId: "acme.admin", displayName: "Admin" },
      });
    });
    expect(events).toMatchObject([
      {
        type: "organisation_created",
        actorId: null,
        organisationId: created?.organisation.id,
        plan: "advanced",
      },
      {
        type: "member_created",
        memberId: created?.admin.id,
        organisationId: created?.organisation.id,
        admin: true,
      },
    ]);
  });

  it("R35: organisations.rename records organisation_renamed with before and after", async () => {
    const world = aWorld();
    const acme = await anOrganisation(world, { name: "Acme" });
    const heard: PartnerbookEvent[] = [];
    world.book.events.subscribe((event) => heard.push(event));
    const events = await eventsDuring(world, async () => {
      const renamed = await world.book.organisations.rename(
        acme.admin.id,
        acme.organisation.id,
        "Acme Holdings",
      );
      expect(renamed.name).toBe("Acme Holdings");
    });
    expect(events).toMatchObject([
      {
        type: "organisation_renamed",
        actorId: acme.admin.id,
        organisationId: acme.organisation.id,
        before: "Acme",
        after: "Acme Holdings",
      },
    ]);
    expect(heard).toEqual(events);
    expect((await world.book.organisations.get(acme.admin.id, acme.organisation.id)).name).toBe(
      "Acme Holdings",
    );
  });

  it("R35: renaming an organisation to its own name records nothing", async () => {
    const world = aWorld();
    const acme = await anOrganisation(world, { name: "Acme" });
    const events = await eventsDuring(world, () =>
      world.book.organisations.rename(acme.admin.id, acme.organisation.id, "Acme"),
    );
    expect(events).toEqual([]);
  });

  it("R35: an empty organisation name is a VALIDATION error and records nothing", async () => {
    const world = aWorld();
    const acme = await anOrganisation(world, { name: "Acme" });
    const before = world.store.snapshot();
    await expect(
      world.book.organisations.rename(acme.admin.id, acme.organisation.id, "  "),
    ).rejects.toMatchObject({
      code: "VALIDATION",
    });
    expect(world.store.snapshot()).toEqual(before);
  });

  it("R35: an unsubscribed listener hears nothing more", async () => {
    const world = aWorld();
    const acme = await anOrganisation(world);
    const heard: PartnerbookEvent[] = [];
    const unsubscribe = world.book.events.subscribe((event) => heard.push(event));
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: false });
    unsubscribe();
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: true });
    expect(heard.map((e) => e.type)).toEqual(["linking_policy_changed"]);
  });

  it("R35: a throwing listener neither fails the step nor keeps the event from other listeners", async () => {
    const world = aWorld();
    const acme = await anOrganisation(world);
    const heard: PartnerbookEvent[] = [];
    world.book.events.subscribe(() => {
      throw new Error("listener broke");
    });
    world.book.events.subscribe((event) => heard.push(event));
    const after = await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
      enabled: false,
    });
    expect(after.linking.enabled).toBe(false);
    expect(heard.map((e) => e.type)).toEqual(["linking_policy_changed"]);
  });
});
