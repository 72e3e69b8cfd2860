import { describe, expect, it } from "vitest";
import { aMember, anOrganisation, aWorld, twoLinkableMembers, type World } from "../support/builders.js";
import { found, talking } from "./organisations-world.js";

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
