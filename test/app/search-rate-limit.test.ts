import { describe, expect, it } from "vitest";
import { fixedWindowRateLimiter, type Member } from "../../src/index.js";
import { aMember, aWorld, start } from "../support/builders.js";
import { aScene, leesPhone, nobodysWorksId, rejection } from "./search-world.js";

describe("rate limit and validation", () => {
  const minute = 60_000;

  async function aLimitedScene() {
    const scene = await aScene(
      aWorld({ searchLimiter: fixedWindowRateLimiter({ limit: 3, windowMs: minute }) }),
    );
    await scene.world.book.members.setPhoneSearch(scene.lee.id, true);
    return scene;
  }

  it("R11: the 4th search in a window fails with RATE_LIMITED and the window end as retry time", async () => {
    const { world, sato, lee } = await aLimitedScene();
    world.clock.advance(20_000);
    await world.book.search.byWorksId(sato.id, lee.worksId);
    await world.book.search.byPhone(sato.id, leesPhone);
    await world.book.search.byWorksId(sato.id, nobodysWorksId);
    const windowEnd = new Date(start.getTime() + minute);
    await expect(world.book.search.byWorksId(sato.id, lee.worksId)).rejects.toMatchObject({
      code: "RATE_LIMITED",
      details: { retryAt: windowEnd },
    });
    await expect(world.book.search.byPhone(sato.id, leesPhone)).rejects.toMatchObject({
      code: "RATE_LIMITED",
      details: { retryAt: windowEnd },
    });
  });

  it("R11: searching works again once the clock reaches the retry time", async () => {
    const { world, sato, lee } = await aLimitedScene();
    world.clock.advance(20_000);
    for (let i = 0; i < 3; i++) await world.book.search.byWorksId(sato.id, lee.worksId);
    const refused = await rejection(world.book.search.byWorksId(sato.id, lee.worksId));
    const retryAt = refused.details.retryAt;
    if (retryAt === undefined) throw new Error("RATE_LIMITED without retryAt");

    const wait = retryAt.getTime() - world.clock.now().getTime();
    world.clock.advance(wait - 1);
    await expect(world.book.search.byWorksId(sato.id, lee.worksId)).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
    world.clock.advance(1);
    const cards = await world.book.search.byWorksId(sato.id, lee.worksId);
    expect(cards.map((card) => card.memberId)).toEqual([lee.id]);
  });

  it("R11: the quota is counted per searcher", async () => {
    const { world, sato, lee, acme } = await aLimitedScene();
    const colleague = await aMember(world, acme);
    for (let i = 0; i < 3; i++) await world.book.search.byWorksId(sato.id, lee.worksId);
    await expect(world.book.search.byWorksId(sato.id, lee.worksId)).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
    const cards = await world.book.search.byWorksId(colleague.id, lee.worksId);
    expect(cards.map((card) => card.memberId)).toEqual([lee.id]);
  });

  const badWorksIds: readonly [string, unknown][] = [
    ["an empty ID", ""],
    ["only spaces", "   "],
    ["an ID with a space inside", "lee min"],
    ["a number", 42],
    ["null", null],
    ["undefined", undefined],
    ["an object", {}],
    ["an array", ["lee"]],
  ];
  const badPhones: readonly [string, unknown][] = [
    ["letters", "abc"],
    ["an empty string", ""],
    ["only spaces", "   "],
    ["too few digits", "12"],
    ["a number", 42],
    ["null", null],
    ["an object", {}],
  ];

  it.each(badWorksIds)(
    "R11: %s as works ID is a VALIDATION error, not an empty result",
    async (_what, input) => {
      const { world, sato } = await aScene();
      await expect(world.book.search.byWorksId(sato.id, input as string)).rejects.toMatchObject({
        code: "VALIDATION",
        issues: expect.arrayContaining([expect.objectContaining({ message: expect.any(String) })]),
      });
    },
  );

  it.each(badPhones)("R11: %s as phone is a VALIDATION error, not an empty result", async (_what, input) => {
    const { world, sato } = await aScene();
    await expect(world.book.search.byPhone(sato.id, input as string)).rejects.toMatchObject({
      code: "VALIDATION",
      issues: expect.arrayContaining([expect.objectContaining({ message: expect.any(String) })]),
    });
  });

  it.each([
    ["an empty", ""],
    ["a numeric", 42],
    ["a null", null],
  ])("R11: %s searcher id is a VALIDATION error", async (_what, actor) => {
    const { world, lee } = await aScene();
    await expect(world.book.search.byWorksId(actor as Member["id"], lee.worksId)).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });

  it("R11: validation failures do not use up the search quota", async () => {
    const { world, sato, lee } = await aLimitedScene();
    for (const [, input] of badWorksIds) {
      await expect(world.book.search.byWorksId(sato.id, input as string)).rejects.toMatchObject({
        code: "VALIDATION",
      });
    }
    for (const [, input] of badPhones) {
      await expect(world.book.search.byPhone(sato.id, input as string)).rejects.toMatchObject({
        code: "VALIDATION",
      });
    }
    for (let i = 0; i < 3; i++) {
      expect(await world.book.search.byWorksId(sato.id, lee.worksId)).toHaveLength(1);
    }
    await expect(world.book.search.byWorksId(sato.id, lee.worksId)).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
  });

  it("R11: searches refused for the searcher's own settings do not use up the quota", async () => {
    const { world, sato, lee, acme } = await aLimitedScene();
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: false });
    for (let i = 0; i < 5; i++) {
      await expect(world.book.search.byWorksId(sato.id, lee.worksId)).rejects.toMatchObject({
        code: "LINKING_DISABLED",
      });
    }
    await world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: true });
    for (let i = 0; i < 3; i++) {
      expect(await world.book.search.byWorksId(sato.id, lee.worksId)).toHaveLength(1);
    }
    await expect(world.book.search.byWorksId(sato.id, lee.worksId)).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
  });
});
