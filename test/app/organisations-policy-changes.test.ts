import { describe, expect, it } from "vitest";
import type { LinkingPolicyPatchInput } from "../../src/index.js";
import { aMember, anOrganisation, aWorld, start, twoLinkableMembers } from "../support/builders.js";
import { eventsDuring } from "./organisations-world.js";

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
