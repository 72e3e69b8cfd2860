import { describe, expect, it } from "vitest";
import type { Member } from "../../src/index.js";
import { aMember, type World } from "../support/builders.js";
import { aScene, nobodysPhone, nobodysWorksId, rejection, type Scene, type Way } from "./search-world.js";

describe("enumeration safety", () => {
  interface Hiding {
    readonly reason: string;
    readonly ways: readonly Way[];
    /** Where the target lives: the searcher's own organisation or the partner's. */
    readonly home: "own" | "partner";
    /** What makes a findable target unfindable; absent when the target never was findable. */
    readonly hide?: (world: World, scene: Scene, target: Member) => Promise<unknown>;
  }

  const hidings: readonly Hiding[] = [
    {
      reason: "phone search not allowed",
      ways: ["phone"],
      home: "partner",
      hide: (world, _scene, target) => world.book.members.setPhoneSearch(target.id, false),
    },
    {
      reason: "no mobile number",
      ways: ["phone"],
      home: "partner",
      hide: (world, _scene, target) => world.book.members.updateProfile(target.id, { mobilePhone: null }),
    },
    {
      reason: "their organisation switched off",
      ways: ["works ID", "phone"],
      home: "partner",
      hide: (world, { globex }) =>
        world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
          enabled: false,
        }),
    },
    {
      reason: "outside their scope",
      ways: ["works ID", "phone"],
      home: "partner",
      hide: (world, { globex }) =>
        world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
          scope: { kind: "listed", members: [globex.admin.id] },
        }),
    },
    {
      reason: "blocked by them",
      ways: ["works ID", "phone"],
      home: "partner",
      hide: (world, { acme, globex }) =>
        world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
          partners: { kind: "block", organisations: [acme.organisation.id] },
        }),
    },
    {
      reason: "not on their allow-list",
      ways: ["works ID", "phone"],
      home: "partner",
      hide: (world, { globex }) =>
        world.book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
          partners: { kind: "allow", organisations: [] },
        }),
    },
    {
      reason: "blocked by the searcher's organisation",
      ways: ["works ID", "phone"],
      home: "partner",
      hide: (world, { acme, globex }) =>
        world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
          partners: { kind: "block", organisations: [globex.organisation.id] },
        }),
    },
    { reason: "same organisation", ways: ["works ID", "phone"], home: "own" },
  ];

  const targetPhone = "070-5555-0001";
  const cases = hidings.flatMap((hiding) => hiding.ways.map((way) => ({ ...hiding, way })));

  function searchFor(world: World, scene: Scene, way: Way, target: Member) {
    return way === "works ID"
      ? world.book.search.byWorksId(scene.sato.id, target.worksId)
      : world.book.search.byPhone(scene.sato.id, targetPhone);
  }

  function searchForNobody(world: World, scene: Scene, way: Way) {
    return way === "works ID"
      ? world.book.search.byWorksId(scene.sato.id, nobodysWorksId)
      : world.book.search.byPhone(scene.sato.id, nobodysPhone);
  }

  it.each<Way>(["works ID", "phone"])("R10: a %s nobody has gives an empty array", async (way) => {
    const { world, ...scene } = await aScene();
    expect(await searchForNobody(world, scene, way)).toEqual([]);
  });

  it.each(cases)("R10: $reason gives the same empty answer as no such member (by $way)", async (hiding) => {
    const { world, ...scene } = await aScene();
    const home = hiding.home === "own" ? scene.acme : scene.globex;
    const target = await aMember(world, home, { mobilePhone: targetPhone });
    await world.book.members.setPhoneSearch(target.id, true);
    if (hiding.hide !== undefined) {
      // The target is findable until the one thing under test changes.
      expect((await searchFor(world, scene, hiding.way, target)).map((card) => card.memberId)).toEqual([
        target.id,
      ]);
      await hiding.hide(world, scene, target);
    }
    const answer = await searchFor(world, scene, hiding.way, target);
    expect(answer).toEqual(await searchForNobody(world, scene, hiding.way));
    expect(answer).toEqual([]);
  });

  describe.each<Way>(["works ID", "phone"])("by %s", (way) => {
    async function aTargetFor(world: World, scene: Scene): Promise<Member> {
      const target = await aMember(world, scene.globex, { mobilePhone: targetPhone });
      await world.book.members.setPhoneSearch(target.id, true);
      return target;
    }

    it("R10: the searcher's own organisation being off is an explicit LINKING_DISABLED error", async () => {
      const { world, ...scene } = await aScene();
      const target = await aTargetFor(world, scene);
      const { acme } = scene;
      await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
        enabled: false,
      });
      await expect(searchFor(world, scene, way, target)).rejects.toMatchObject({
        code: "LINKING_DISABLED",
        details: { reason: "linking_off" },
      });
    });

    it("R10: a searcher outside their own organisation's scope gets LINKING_DISABLED", async () => {
      const { world, ...scene } = await aScene();
      const target = await aTargetFor(world, scene);
      const { acme } = scene;
      await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
        scope: { kind: "listed", members: [acme.admin.id] },
      });
      await expect(searchFor(world, scene, way, target)).rejects.toMatchObject({
        code: "LINKING_DISABLED",
        details: { reason: "out_of_scope" },
      });
    });

    it("R10: the searcher's own-side error is the same whether the target exists or not", async () => {
      const { world, ...scene } = await aScene();
      const target = await aTargetFor(world, scene);
      const { acme } = scene;
      await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
        enabled: false,
      });
      const forTarget = await rejection(searchFor(world, scene, way, target));
      const forNobody = await rejection(searchForNobody(world, scene, way));
      expect(forTarget.code).toBe("LINKING_DISABLED");
      expect(forTarget.toJSON()).toEqual(forNobody.toJSON());
    });
  });
});
